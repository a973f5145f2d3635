package ui

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
)

// Bulk import of competition results (竞赛获奖) from an .xlsx sheet, by a
// school office from an official result list: the page around
// importer.ImportCompetitionResults, which reads, checks and writes the
// sheet all or nothing.

type evidenceImportData struct {
	Terms   []model.Term
	TermID  int64
	Lang    string
	Errors  []string
	More    int
	Created int
}

func (s *Server) evidenceImportPage(w http.ResponseWriter, r *http.Request, status int, d evidenceImportData) {
	var err error
	if d.Terms, err = s.st.Terms(r.Context(), schoolOf(r)); err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.TermID == 0 {
		if t, err := s.st.CurrentTerm(r.Context(), schoolOf(r)); err == nil {
			d.TermID = t.ID
		}
	}
	d.Lang = langOf(r)
	if len(d.Errors) > 200 {
		d.Errors, d.More = d.Errors[:200], len(d.Errors)-200
	}
	s.render(w, r, status, "evidence_import", "批量导入竞赛获奖", d)
}

func (s *Server) evidenceImportShow(w http.ResponseWriter, r *http.Request) {
	s.evidenceImportPage(w, r, http.StatusOK, evidenceImportData{})
}

func (s *Server) evidenceImportTemplate(w http.ResponseWriter, r *http.Request) {
	b, err := importer.CompetitionTemplate()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, "竞赛获奖导入模板.xlsx", b)
}

func (s *Server) evidenceImportSubmit(w http.ResponseWriter, r *http.Request) {
	file, msg := uploadedFile(w, r)
	d := evidenceImportData{TermID: formInt(r, "term_id")}
	if msg != "" {
		d.Errors = []string{msg}
		s.evidenceImportPage(w, r, http.StatusBadRequest, d)
		return
	}
	defer file.Close()
	terms, err := s.st.Terms(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(terms, func(t model.Term) bool { return t.ID == d.TermID }) {
		d.Errors = []string{"请选择学期"}
		s.evidenceImportPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	out, err := importer.ImportCompetitionResults(r.Context(), s.st, schoolOf(r), actor(r), d.TermID, file)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(out.Problems) > 0 {
		d.Errors = out.Problems
		s.evidenceImportPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, "/evidence?kind=competition", fmt.Sprintf("已导入 %d 条竞赛获奖记录（已审核）", out.Written))
}

// uploadedFile opens the uploaded "file" of a small import, within the
// size limit of importer.SheetLimits; on failure it returns the Chinese
// message. The caller closes the file.
func uploadedFile(w http.ResponseWriter, r *http.Request) (io.ReadCloser, string) {
	r.Body = http.MaxBytesReader(w, r.Body, importer.SheetLimits.MaxBytes+1<<20)
	file, _, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, "文件太大：上限为 5 MB"
		}
		return nil, "请选择要上传的文件"
	}
	return file, ""
}
