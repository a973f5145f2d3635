package api

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// The school and its organisation: readable by every staff role that the
// permissions file grants school:read or org:read, never scoped further
// because they describe the school, not people.

func (a *API) school(w http.ResponseWriter, r *http.Request, c *call) {
	s, err := a.st.School(r.Context(), c.school)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, s)
}

// termBody adds the name schools say ("2025-2026学年第一学期"), which the
// model computes rather than stores.
type termBody struct {
	model.Term
	Name string `json:"name"`
}

func (a *API) terms(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	ts, err := a.st.Terms(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []termBody{}
	for _, t := range ts {
		if contains(l.Q, t.Name()) {
			out = append(out, termBody{Term: t, Name: t.Name()})
		}
	}
	writeJSON(w, http.StatusOK, page(out, l))
}

func (a *API) departments(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	ds, err := a.st.Departments(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []model.Department{}
	for _, d := range ds {
		if contains(l.Q, d.Name, d.Description) {
			out = append(out, d)
		}
	}
	writeJSON(w, http.StatusOK, page(out, l))
}

func (a *API) majors(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.MajorFilter{ListQuery: q.list(), DepartmentID: q.id("department"), CategoryID: q.id("category")}
	if !q.ok(w) {
		return
	}
	ms, total, err := a.st.Majors(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(ms, total, f.ListQuery))
}
