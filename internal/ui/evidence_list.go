package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type evidenceListRow struct {
	storage.EvidenceRow
	Summary     string
	StatusClass string
}

type evidenceListData struct {
	Rows     []evidenceListRow
	Pager    pager
	Filter   storage.EvidenceFilter
	Kinds    []model.EvidenceKind
	Statuses []model.EvidenceStatus
	Classes  []model.Class
	Terms    []model.Term
	Lang     string
}

// evidenceList shows the records in the user's scope: every record for
// school offices, their classes for teachers, themself for a student, their
// children for a parent.
func (s *Server) evidenceList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	q := r.URL.Query()
	f := storage.EvidenceFilter{ListQuery: listQuery(r), Kind: model.EvidenceKind(q.Get("kind")), Status: model.EvidenceStatus(q.Get("status")),
		ClassID: queryInt(r, "class"), TermID: queryInt(r, "term")}
	if !f.Kind.Valid() {
		f.Kind = ""
	}
	switch f.Status {
	case model.EvidencePending, model.EvidenceVerified, model.EvidenceRejected:
	default:
		f.Status = ""
	}
	if !sc.All {
		f.Scoped, f.ClassIDs, f.StudentIDs = true, sc.ClassIDs, sc.StudentIDs
	}
	ctx, school := r.Context(), schoolOf(r)
	list, total, err := s.st.ListEvidence(ctx, school, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := evidenceListData{Pager: newPager(r, f.ListQuery, total), Filter: f, Kinds: model.EvidenceKinds,
		Statuses: []model.EvidenceStatus{model.EvidencePending, model.EvidenceVerified, model.EvidenceRejected}, Lang: langOf(r)}
	for _, e := range list {
		d.Rows = append(d.Rows, evidenceListRow{EvidenceRow: e, Summary: evidenceSummary(e.Evidence), StatusClass: statusClass(e.Status)})
	}
	if sc.All || len(sc.ClassIDs) > 0 {
		cf := storage.ClassFilter{ListQuery: model.AllRows()}
		if !sc.All {
			cf.Scoped, cf.ClassIDs = true, sc.ClassIDs
		}
		if d.Classes, _, err = s.st.Classes(ctx, school, cf); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if d.Terms, err = s.st.Terms(ctx, school); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "evidence_list", "写实记录", d)
}
