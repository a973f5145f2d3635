package ui

import (
	"net/http"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// One record with its fields, proof files and history, and what the user
// may do with it: edit, add a file, delete with a reason, and for the
// 人事处 verify or reject and record the enterprise's confirmation.

type developmentShowPage struct {
	D          model.DevelopmentRecord
	Files      []storage.ProofFile
	History    []storage.DevelopmentRevision
	MayChange  bool
	MayReview  bool
	MayConfirm bool
	Errors     formErrors
}

func (s *Server) developmentShow(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadDevelopment(w, r)
	if !ok {
		return
	}
	s.renderDevelopmentShow(w, r, http.StatusOK, d, nil)
}

func (s *Server) renderDevelopmentShow(w http.ResponseWriter, r *http.Request, status int, d model.DevelopmentRecord, errs formErrors) {
	office := s.isDevelopmentOffice(r)
	p := developmentShowPage{D: d, Errors: errs, MayChange: d.ChangeableBy(userOf(r).TeacherID, office)}
	p.MayReview = office && !d.Deleted && d.Status == teacherdev.StatusPending && d.TeacherID != userOf(r).TeacherID
	p.MayConfirm = office && !d.Deleted && d.Kind == string(teacherdev.KindEnterprise)
	var err error
	if p.Files, err = s.st.DevelopmentFiles(r.Context(), schoolOf(r), d.ID); err == nil {
		p.History, err = s.st.DevelopmentHistory(r.Context(), schoolOf(r), d.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "development_records_show", d.Title, p)
}

// developmentActed ends an action on a record's page: the page again with
// the user's problems, a server error, or back to the record with done.
func (s *Server) developmentActed(w http.ResponseWriter, r *http.Request, d model.DevelopmentRecord, errs formErrors, err error, done string) {
	if err != nil && !errs.refused(err) {
		s.notFoundOr(w, r, err)
		return
	}
	if errs.any() {
		s.renderDevelopmentShow(w, r, http.StatusUnprocessableEntity, d, errs)
		return
	}
	s.redirect(w, r, "/development/records/"+itoa64(d.ID), done)
}

// developmentDelete takes a record out of every count, with a reason.
func (s *Server) developmentDelete(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadDevelopmentChangeable(w, r)
	if !ok {
		return
	}
	err := s.st.DeleteDevelopmentRecord(r.Context(), schoolOf(r), actor(r), d.ID, field(r, "reason"))
	s.developmentActed(w, r, d, nil, err, "已删除记录（仍保留在修改历史中）")
}

// developmentConfirm records the enterprise's confirmation of a practice
// period and who gave it.
func (s *Server) developmentConfirm(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadDevelopment(w, r)
	if !ok {
		return
	}
	err := s.st.ConfirmEnterprisePractice(r.Context(), schoolOf(r), actor(r), d.ID, field(r, "confirmed_by"))
	s.developmentActed(w, r, d, nil, err, "已记录企业确认")
}

// developmentAddFile adds a proof file to a record the user may change.
func (s *Server) developmentAddFile(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadDevelopmentChangeable(w, r)
	if !ok {
		return
	}
	ups, errs := readProofUpload(w, r)
	var err error
	if !errs.any() {
		_, err = s.st.AddDevelopmentFile(r.Context(), schoolOf(r), actor(r), d.ID, ups[0])
	}
	s.developmentActed(w, r, d, errs, err, "已上传证明材料")
}

// developmentFile serves one proof file of a record in the user's scope.
func (s *Server) developmentFile(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadDevelopment(w, r)
	if !ok {
		return
	}
	fid, ok := httpx.PathID(r, "file")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	f, err := s.st.DevelopmentFileData(r.Context(), schoolOf(r), fid)
	if err == nil && f.OwnerID != d.ID {
		err = storage.ErrNotFound
	}
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	sendProof(w, f)
}
