package api

import (
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// The family view of a child's conduct and the head teacher's talk list
// (docs/conduct.md 4), the same storage reads and rules as the pages.

func familyRoutes() []route {
	return []route{
		{Method: "GET", Path: "/students/{id}/conduct", Perm: "conduct:read", School: true, H: (*API).studentConduct},
		{Method: "GET", Path: "/conduct/talks", Perm: "conduct:talk", School: true, H: (*API).conductTalkList},
		{Method: "POST", Path: "/conduct/talks", Perm: "conduct:talk", School: true, H: (*API).conductTalkCreate},
	}
}

// conductBody is one student's term as the family sees it.
type conductBody struct {
	Student    storage.ConductStudent `json:"student"`
	Since      string                 `json:"since"`
	Records    []conduct.Record       `json:"records"`
	Categories []conduct.Totals       `json:"categories"`
	Alerts     []storage.ConductAlert `json:"alerts"`
}

// studentConduct answers a parent about their child, a student about
// themself: the term's verified behaviour records, positive first, totals
// by category and the notices the family got. Never the staff's talks.
func (a *API) studentConduct(w http.ResponseWriter, r *http.Request, c *call) {
	s, ok := a.loadStudent(w, r, c)
	if !ok {
		return
	}
	t, err := a.st.ConductTerm(r.Context(), c.school, storage.ConductSelect{StudentIDs: []int64{s.ID}})
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := conductBody{Student: storage.ConductStudent{ID: s.ID, No: s.StudentNo, Name: s.Name, ClassID: s.ClassID, ClassName: s.ClassName},
		Since: t.Since, Records: []conduct.Record{}, Categories: []conduct.Totals{}, Alerts: orEmpty(t.FamilyAlerts())}
	if in := t.Inputs(); len(in) == 1 {
		out.Records, out.Categories = orEmpty(conduct.PositiveFirst(in[0].Records)), orEmpty(conduct.ByCategory(in[0].Records))
	}
	writeJSON(w, http.StatusOK, out)
}

// talkDue is a student on the talk list and why.
type talkDue struct {
	Student  storage.ConductStudent `json:"student"`
	Reasons  []string               `json:"reasons"`
	LastTalk string                 `json:"last_talk,omitempty"`
}

// conductRemit is the caller's talk list: the whole school for those who
// manage conduct or see every student, else the classes they head.
func (a *API) conductRemit(r *http.Request, c *call) (storage.ConductSelect, error) {
	sel := storage.ConductSelect{Talks: true}
	sc, err := a.scopeOf(r.Context(), c)
	if err != nil {
		return sel, err
	}
	if sc.All || a.authz.Can(c.user, "conduct:manage") {
		sel.School = true
		return sel, nil
	}
	if c.user.TeacherID != 0 {
		sel.ClassIDs, err = a.st.ClassesOfHeadTeacher(r.Context(), c.school, c.user.TeacherID)
	}
	return sel, err
}

func (a *API) conductTalkList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	sel, err := a.conductRemit(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	t, err := a.st.ConductTerm(r.Context(), c.school, sel)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	var due []talkDue
	for _, tr := range t.Trends() {
		if tr.NeedsTalk != nil {
			due = append(due, talkDue{Student: tr.Student, Reasons: tr.NeedsTalk, LastTalk: tr.LastTalk})
		}
	}
	writeJSON(w, http.StatusOK, page(orEmpty(due), l))
}

// talkRequest is the body of POST /conduct/talks.
type talkRequest struct {
	StudentID int64  `json:"student_id"`
	HeldOn    string `json:"held_on"`
	Note      string `json:"note"`
}

// conductTalkCreate records a talk with a student the caller follows;
// a student outside the remit is not found.
func (a *API) conductTalkCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var in talkRequest
	if !decode(w, r, &in) {
		return
	}
	s, err := a.st.Student(r.Context(), c.school, in.StudentID)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	sel, err := a.conductRemit(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if !sel.School && !slices.Contains(sel.ClassIDs, s.ClassID) {
		notFound(w)
		return
	}
	var errs fieldErrors
	validate.ConductTalk(in.HeldOn, in.Note, storage.Today(), &errs)
	if len(errs) > 0 {
		invalid(w, errs)
		return
	}
	t := storage.ConductTalk{StudentID: s.ID, HeldOn: in.HeldOn, Note: in.Note}
	if err := a.st.AddConductTalk(r.Context(), c.school, c.actor, &t); err != nil {
		invalid(w, []FieldError{{Field: "held_on", Reason: err.Error()}})
		return
	}
	writeJSON(w, http.StatusCreated, t)
}

// fieldErrors says internal/validate's rules as the API does: one
// FieldError per problem, named by its JSON field.
type fieldErrors []FieldError

func (e *fieldErrors) Missing(field, label string) {
	*e = append(*e, FieldError{Field: field, Reason: label + "不能为空"})
}
func (e *fieldErrors) NotAllowed(field, label, value string, allowed []string) {
	*e = append(*e, FieldError{Field: field, Reason: label + "不在可选范围"})
}
func (e *fieldErrors) TooLong(field, label string, n int) {
	*e = append(*e, FieldError{Field: field, Reason: label + "不能超过 " + strconv.Itoa(n) + " 个字"})
}
func (e *fieldErrors) OutOfRange(field, label string, lo, hi float64) {
	*e = append(*e, FieldError{Field: field, Reason: label + "超出范围"})
}
func (e *fieldErrors) Invalid(field, label, reason string) {
	*e = append(*e, FieldError{Field: field, Reason: label + reason})
}
