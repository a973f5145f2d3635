package ui

import (
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type evidenceShowData struct {
	E           storage.EvidenceRow
	Summary     string
	StatusClass string
	Term        model.Term
	HasTerm     bool
	Files       []storage.ProofFile
	MayReview   bool
	Errors      formErrors
	Reason      string
	PointsText  string
}

func (s *Server) evidenceShowPage(w http.ResponseWriter, r *http.Request, e storage.EvidenceRow, status int, errs formErrors, reason string) {
	ctx, school := r.Context(), schoolOf(r)
	d := evidenceShowData{E: e, Summary: evidenceSummary(e.Evidence), StatusClass: statusClass(e.Status), Errors: errs, Reason: reason, PointsText: signed(e.Points)}
	var err error
	if d.Files, err = s.st.EvidenceFiles(ctx, school, e.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, t := range terms {
		if t.ID == e.TermID {
			d.Term, d.HasTerm = t, true
		}
	}
	if d.MayReview, err = s.mayReview(r, e); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "evidence_show", e.Title, d)
}

func (s *Server) evidenceShow(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEvidence(w, r)
	if !ok {
		return
	}
	s.evidenceShowPage(w, r, e, http.StatusOK, nil, "")
}

// evidenceFile serves one proof file of a record the user may see: images
// and PDFs inline, never sniffed by the browser as anything else.
func (s *Server) evidenceFile(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEvidence(w, r)
	if !ok {
		return
	}
	fid, ok := httpx.PathID(r, "file")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	f, err := s.st.EvidenceFile(r.Context(), schoolOf(r), fid)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if f.OwnerID != e.ID {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	sendProof(w, f)
}

// sendProof answers one stored proof file (of a record, an output or a
// development record): images and PDFs inline, anything else as a
// download, never sniffed by the browser as anything else.
func sendProof(w http.ResponseWriter, f storage.ProofFile) {
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-cache")
	disp := "attachment"
	if strings.HasPrefix(f.ContentType, "image/") || f.ContentType == "application/pdf" {
		disp = "inline"
	}
	h.Set("Content-Disposition", disp+"; filename=\"proof\"; filename*=UTF-8''"+pathEscape(f.Name))
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	w.Write(f.Data)
}

// evidenceReview verifies (decision=verify) or rejects (decision=reject,
// a reason required) a record in the reviewer's remit.
func (s *Server) evidenceReview(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEvidence(w, r)
	if !ok {
		return
	}
	may, err := s.mayReview(r, e)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !may {
		s.errorPage(w, r, http.StatusForbidden, "您不能审核这条写实记录")
		return
	}
	reason := field(r, "reason")
	var errs formErrors
	var pass bool
	switch r.FormValue("decision") {
	case "verify":
		pass = true
	case "reject":
		if reason == "" {
			errs.add("驳回须填写理由")
		}
	default:
		errs.add("请选择通过或驳回")
	}
	maxLen(&errs, "理由", reason, 500)
	if errs.any() {
		s.evidenceShowPage(w, r, e, http.StatusUnprocessableEntity, errs, reason)
		return
	}
	if err := s.st.ReviewEvidence(r.Context(), schoolOf(r), actor(r), e.ID, pass, reason); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if e.Kind == model.EvidenceBehaviour {
		s.afterConductRecords(r.Context(), schoolOf(r), []int64{e.StudentID})
	}
	msg := "已驳回该写实记录"
	if pass {
		msg = "已审核通过该写实记录"
	}
	s.redirect(w, r, "/evidence/"+itoa64(e.ID), msg)
}
