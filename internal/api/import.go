package api

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"

	"zhijiao/internal/importer"
	"zhijiao/internal/roster"
)

// maxUpload bounds an uploaded roster, as on the import page.
const maxUpload = 20 << 20

// maxRowErrors caps the details of a rejected file; the count in the
// message is always the full one.
const maxRowErrors = 1000

// importResult is what a written import did.
type importResult struct {
	Kind          string   `json:"kind"`
	Rows          int      `json:"rows"`
	Created       int      `json:"created"`
	Updated       int      `json:"updated"`
	Unchanged     int      `json:"unchanged"`
	UnusedColumns []string `json:"unused_columns"`
}

// importHandler imports a roster through importer.Import, the one import
// path of the pages, the CLI and the API: every row valid or nothing
// written, and row errors named by Excel row and column.
func importHandler(kind roster.Kind) handler {
	return func(a *API, w http.ResponseWriter, r *http.Request, c *call) {
		data, ok := readUpload(w, r)
		if !ok {
			return
		}
		out, err := importer.Import(r.Context(), a.st, c.school, c.actor, kind, bytes.NewReader(data), roster.Limits{MaxBytes: maxUpload})
		switch {
		case err != nil && out != nil: // parsed fine, the write failed
			a.serverError(w, r, err)
			return
		case err != nil: // the file itself: not a sheet, missing columns, too many rows
			fail(w, http.StatusUnprocessableEntity, err.Error())
			return
		}
		if !out.Written() {
			d := make([]any, 0, min(len(out.Errors), maxRowErrors))
			for _, e := range out.Errors[:min(len(out.Errors), maxRowErrors)] {
				d = append(d, rowError{Row: e.Row, Column: e.Column, Value: e.Value, Reason: e.Reason})
			}
			msg := fmt.Sprintf("文件中有 %d 处错误，没有导入任何数据；请修改后重新上传", len(out.Errors))
			if len(out.Errors) > maxRowErrors {
				msg += fmt.Sprintf("（仅列出前 %d 处）", maxRowErrors)
			}
			fail(w, http.StatusUnprocessableEntity, msg, d...)
			return
		}
		writeJSON(w, http.StatusOK, importResult{Kind: string(kind), Rows: out.Rows, Created: out.Summary.Created,
			Updated: out.Summary.Updated, Unchanged: out.Summary.Unchanged, UnusedColumns: orEmpty(out.Unused)})
	}
}

// readUpload reads the multipart field "file" into memory (the parser
// needs it whole anyway), streaming the body so nothing lands in temporary
// files; over 20 MiB is a 413.
func readUpload(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "multipart/form-data" {
		fail(w, http.StatusUnsupportedMediaType, "请以 multipart/form-data 上传文件，字段名为 file")
		return nil, false
	}
	// The envelope (boundaries, other fields) gets 1 MiB beyond the file.
	r.Body = http.MaxBytesReader(w, r.Body, maxUpload+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		fail(w, http.StatusBadRequest, "无法读取上传内容："+err.Error())
		return nil, false
	}
	tooBig := func() ([]byte, bool) {
		fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("文件太大：上限为 %d MB", maxUpload>>20))
		return nil, false
	}
	for {
		p, err := mr.NextPart()
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			return tooBig()
		case err == io.EOF:
			fail(w, http.StatusBadRequest, "请用表单字段 file 上传文件")
			return nil, false
		case err != nil:
			fail(w, http.StatusBadRequest, "无法读取上传内容："+err.Error())
			return nil, false
		}
		if p.FormName() != "file" {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(p, maxUpload+1))
		if errors.As(err, &mbe) || len(data) > maxUpload {
			return tooBig()
		}
		if err != nil {
			fail(w, http.StatusBadRequest, "无法读取上传内容："+err.Error())
			return nil, false
		}
		return data, true
	}
}
