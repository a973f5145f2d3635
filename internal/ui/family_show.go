package ui

import (
	"net/http"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
)

// familyChild is one child on the family page.
type familyChild struct {
	Student    storage.ConductStudent
	Records    []conduct.Record // positive first
	Categories []conduct.Totals
	Plus       int
	Minus      int
	Points     string
	Alerts     []storage.ConductAlert
}

type familyData struct {
	Since    string
	Children []familyChild
}

// familyShow is the family's page (家校联系): each child's verified
// behaviour records of the term, what went well first, totals by
// category and the notices sent about them. A parent sees their children,
// a student themself; never another student, never the staff's talks.
func (s *Server) familyShow(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := familyData{}
	if len(sc.StudentIDs) > 0 {
		t, err := s.st.ConductTerm(r.Context(), schoolOf(r), storage.ConductSelect{StudentIDs: sc.StudentIDs})
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d = familyOf(t)
	}
	noStore(w) // a child's records are not for a shared computer's cache
	s.render(w, r, http.StatusOK, "family_show", "德育表现", d)
}

// familyOf arranges the term's data child by child.
func familyOf(t storage.ConductTermData) familyData {
	d := familyData{Since: t.Since}
	alerts := map[int64][]storage.ConductAlert{}
	for _, a := range t.FamilyAlerts() {
		alerts[a.StudentID] = append(alerts[a.StudentID], a)
	}
	for i, in := range t.Inputs() {
		c := familyChild{Student: t.Students[i], Records: conduct.PositiveFirst(in.Records), Categories: conduct.ByCategory(in.Records),
			Alerts: alerts[in.StudentID]}
		sum := 0.0
		for _, r := range in.Records {
			if r.Negative() {
				c.Minus++
			} else {
				c.Plus++
			}
			sum += r.Points
		}
		c.Points = conduct.Signed(sum)
		d.Children = append(d.Children, c)
	}
	return d
}
