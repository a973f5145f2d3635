package api

import (
	"net/http"

	"zhijiao/internal/model"
)

// Partner enterprises and their mentors (现代学徒制, 顶岗实习). Contact
// phones are masked in these lists like every other number.

func (a *API) enterpriseList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	list, total, err := a.st.Enterprises(r.Context(), c.school, l)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(maskList(list, maskEnterprise), total, l))
}

// mentorList pages in memory: storage lists a school's mentors whole,
// and a school has tens of them, not thousands.
func (a *API) mentorList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	ent := q.id("enterprise")
	if !q.ok(w) {
		return
	}
	all, err := a.st.Mentors(r.Context(), c.school, ent)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []model.Mentor{}
	for _, m := range all {
		if contains(l.Q, m.Name, m.EnterpriseName, m.Title) {
			out = append(out, maskMentor(m, false))
		}
	}
	writeJSON(w, http.StatusOK, page(out, l))
}
