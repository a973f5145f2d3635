package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/eval/workbook"
	"zhijiao/internal/model"
)

// Export and import of a framework as JSON (eval.ExportJSON) or as the
// workbook layout (internal/eval/workbook): the pages around the codecs.

func (s *Server) frameworkExportJSON(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	b, err := eval.ExportJSON(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\"framework.json\"; filename*=UTF-8''"+pathEscape(workbook.FileName(f, "json")))
	w.Write(b)
}

func (s *Server) frameworkExportXLSX(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := workbook.Write(&buf, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, workbook.FileName(f, "xlsx"), buf.Bytes())
}

// frameworkImport reads an uploaded framework (JSON from 导出 JSON, or the
// workbook layout), validates it and saves it as a new framework or, when
// its code exists, as a new version of that framework.
func (s *Server) frameworkImport(w http.ResponseWriter, r *http.Request) {
	fail := func(status int, probs ...string) {
		s.frameworkListPage(w, r, status, frameworkListData{Errors: probs})
	}
	data, name, status, msg := readFrameworkUpload(w, r)
	if msg != "" {
		fail(status, msg)
		return
	}
	var f model.Framework
	var probs []string
	switch strings.ToLower(path.Ext(name)) {
	case ".json":
		var err error
		if f, err = eval.ImportJSON(data); err != nil {
			probs = validationProblems(err)
		}
	case ".xlsx":
		f, probs = s.frameworkFromWorkbook(r, data)
	default:
		probs = []string{"只能导入 .json 或 .xlsx 格式的评价方案文件"}
	}
	if len(probs) > 0 {
		fail(http.StatusUnprocessableEntity, probs...)
		return
	}
	if f.Version < 1 {
		f.Version = 1
	}
	if err := s.st.SaveFrameworkVersion(r.Context(), schoolOf(r), actor(r), &f); err != nil {
		fail(http.StatusUnprocessableEntity, err.Error())
		return
	}
	s.redirect(w, r, "/frameworks/"+itoa64(f.ID), fmt.Sprintf("已导入为“%s”第 %d 版", f.Name, f.Version))
}

// readFrameworkUpload reads the uploaded "file" within workbook.MaxUpload;
// on failure it returns the status and the Chinese message.
func readFrameworkUpload(w http.ResponseWriter, r *http.Request) ([]byte, string, int, string) {
	r.Body = http.MaxBytesReader(w, r.Body, workbook.MaxUpload+64<<10)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "", http.StatusRequestEntityTooLarge, "文件太大：上限为 2 MB"
		}
		return nil, "", http.StatusBadRequest, "请选择要导入的评价方案文件（.json 或 .xlsx）"
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, workbook.MaxUpload+1))
	if err != nil {
		return nil, "", http.StatusBadRequest, "文件读取失败，请重新上传"
	}
	if len(data) > workbook.MaxUpload {
		return nil, "", http.StatusRequestEntityTooLarge, "文件太大：上限为 2 MB"
	}
	return data, hdr.Filename, 0, ""
}

// frameworkFromWorkbook reads a workbook on the shipped framework's
// grading; a new version of an existing code keeps that framework's
// aggregation settings, which the sheet does not hold.
func (s *Server) frameworkFromWorkbook(r *http.Request, data []byte) (model.Framework, []string) {
	ctx, school := r.Context(), schoolOf(r)
	base := eval.DefaultFramework()
	base.Code, base.Name, base.Description = "", "", ""
	f, probs := workbook.Read(bytes.NewReader(data), base)
	if len(probs) == 0 && f.Code == "" {
		probs = append(probs, "“说明”工作表缺少“方案代码”")
	}
	if len(probs) > 0 {
		return f, probs
	}
	if list, err := s.st.FrameworkVersions(ctx, school, f.Code); err == nil && len(list) > 0 {
		if prev, err := s.st.Framework(ctx, school, list[0].ID); err == nil {
			f.Aggregation = prev.Aggregation
		}
	}
	f.Version = 1
	if err := eval.Validate(f); err != nil {
		return f, validationProblems(err)
	}
	return f, nil
}

// validationProblems lists an eval.ValidationError's problems one by one.
func validationProblems(err error) []string {
	var ve *eval.ValidationError
	if errors.As(err, &ve) {
		return ve.Problems
	}
	return []string{err.Error()}
}
