package ui

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"zhijiao/internal/importer"
	"zhijiao/internal/roster"
)

// maxUpload bounds an uploaded roster before it is even parsed.
const maxUpload = 20 << 20

type importPageData struct {
	Kind      string
	KindName  string
	Outcome   *importer.Outcome
	Shown     []roster.RowError
	More      int
	FileError string
	Report    string // token of the downloadable error report
}

// errorReports keeps recent error reports for download, per user, for 30
// minutes: nothing about a failed import is written to the database.
type errorReports struct {
	mu sync.Mutex
	m  map[string]errorReport
}

type errorReport struct {
	user    int64
	data    []byte
	expires time.Time
}

var reports = &errorReports{m: map[string]errorReport{}}

func (e *errorReports) put(user int64, data []byte) string {
	b := make([]byte, 16)
	rand.Read(b)
	tok := hex.EncodeToString(b)
	e.mu.Lock()
	defer e.mu.Unlock()
	now := time.Now()
	for k, v := range e.m {
		if now.After(v.expires) {
			delete(e.m, k)
		}
	}
	e.m[tok] = errorReport{user: user, data: data, expires: now.Add(30 * time.Minute)}
	return tok
}

func (e *errorReports) get(user int64, tok string) ([]byte, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	r, ok := e.m[tok]
	if !ok || r.user != user || time.Now().After(r.expires) {
		return nil, false
	}
	return r.data, true
}

func (s *Server) importShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import", "导入导出", importPageData{})
}

// kindAllowed checks the permission for a roster kind named in the URL.
func (s *Server) kindAllowed(w http.ResponseWriter, r *http.Request, action string) (roster.Kind, bool) {
	k := roster.Kind(r.PathValue("kind"))
	perm, ok := importer.Kinds[k]
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "页面不存在")
		return k, false
	}
	if action == "export" {
		perm = string(k[:len(k)-1]) + ":export"
		if k == roster.KindClasses {
			perm = "class:read"
		}
	}
	if action == "template" {
		perm = ""
	}
	if perm != "" && !s.authz.Can(userOf(r), perm) {
		s.errorPage(w, r, http.StatusForbidden, "您没有权限执行此操作")
		return k, false
	}
	return k, true
}

// importSubmit validates the uploaded file; only a file with no invalid
// row is written, in one transaction.
func (s *Server) importSubmit(w http.ResponseWriter, r *http.Request) {
	k, ok := s.kindAllowed(w, r, "import")
	if !ok {
		return
	}
	d := importPageData{Kind: string(k), KindName: importer.KindName(k)}
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	file, _, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			d.FileError = fmt.Sprintf("文件太大：上限为 %d MB", maxUpload>>20)
		} else {
			d.FileError = "请选择要上传的文件"
		}
		s.render(w, r, http.StatusBadRequest, "import", "导入导出", d)
		return
	}
	defer file.Close()
	out, err := importer.Import(r.Context(), s.st, schoolOf(r), actor(r), k, file, roster.Limits{MaxBytes: maxUpload})
	if err != nil {
		d.FileError = err.Error()
		s.render(w, r, http.StatusUnprocessableEntity, "import", "导入导出", d)
		return
	}
	d.Outcome = out
	status := http.StatusOK
	if !out.Written() {
		status = http.StatusUnprocessableEntity
		d.Shown = out.Errors
		if len(d.Shown) > 200 {
			d.Shown, d.More = d.Shown[:200], len(out.Errors)-200
		}
		var buf bytes.Buffer
		if err := out.ErrorReport(&buf); err == nil {
			d.Report = reports.put(userOf(r).ID, buf.Bytes())
		}
	}
	s.render(w, r, status, "import", "导入导出", d)
}

func (s *Server) importErrors(w http.ResponseWriter, r *http.Request) {
	data, ok := reports.get(userOf(r).ID, r.PathValue("token"))
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "错误报告已过期，请重新上传文件")
		return
	}
	sendFile(w, "导入错误报告.xlsx", data)
}

func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	k, ok := s.kindAllowed(w, r, "template")
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := roster.WriteTemplate(&buf, k); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, importer.KindName(k)+"导入模板.xlsx", buf.Bytes())
}

// sendFile sends a download with a UTF-8 file name (RFC 6266/5987), which
// every current browser shows in Chinese.
func sendFile(w http.ResponseWriter, name string, data []byte) {
	ct := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if len(name) > 4 && name[len(name)-4:] == ".csv" {
		ct = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", "attachment; filename=\"download\"; filename*=UTF-8''"+pathEscape(name))
	w.Write(data)
}

func pathEscape(s string) string {
	const hexd = "0123456789ABCDEF"
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_' {
			b = append(b, c)
		} else {
			b = append(b, '%', hexd[c>>4], hexd[c&15])
		}
	}
	return string(b)
}
