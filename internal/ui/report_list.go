package ui

import (
	"net/http"
	"slices"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type reportListData struct {
	Family   bool
	Children []reportChild
	// Staff: the cycles with results, the chosen one's classes in scope,
	// and the chosen class's students.
	Cycles    []storage.EvalCycle
	Cycle     *storage.EvalCycle
	Classes   []resultClass
	ClassID   int64
	ClassName string
	Students  []storage.ResultRow
	Cohorts   []int // entry years, for school-wide staff
	CanExport bool
	Jobs      []reportJobView
}

// reportChild is one student a family may print, with their cycles.
type reportChild struct {
	Student model.Student
	Cycles  []storage.EvalCycle // publicised or final, with a result
	Waiting []storage.EvalCycle // computed, not yet publicised
}

// reportList shows what the user may print: a student their own cards, a
// parent their children's, staff the classes in their scope (choose a
// cycle and class), with batch exports for those holding report:export.
func (s *Server) reportList(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	cycles, err := s.st.Cycles(ctx, school, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := reportListData{Family: familyOnly(sc), CanExport: s.authz.Can(userOf(r), "report:export")}
	for _, c := range cycles {
		if c.State.HasResults() {
			d.Cycles = append(d.Cycles, c)
		}
	}
	if d.Family {
		if d.Children, err = s.reportChildren(r, sc, d.Cycles); err != nil {
			s.serverError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, "report_list", "报告单", d)
		return
	}
	want := queryInt(r, "cycle")
	for i := range d.Cycles {
		if d.Cycles[i].ID == want || (want == 0 && i == 0) {
			d.Cycle = &d.Cycles[i]
		}
	}
	if d.Cycle != nil {
		if err := s.reportClass(r, sc, &d); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if sc.All && d.CanExport {
		cohorts, err := s.st.Cohorts(ctx, school)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		for _, c := range cohorts {
			// A cohort's cycle exports only that cohort (as the job checks).
			if d.Cycle != nil && d.Cycle.ScopeKind == storage.ScopeCohort && c.ID != d.Cycle.ScopeID {
				continue
			}
			d.Cohorts = append(d.Cohorts, c.EntryYear)
		}
	}
	if d.CanExport {
		if d.Jobs, err = s.reportJobViews(r, sc.All); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "report_list", "报告单", d)
}

// reportChildren lists, for a student or parent, each of their students
// with the cycles of cycles that have a result for them: printable once
// publicised, waiting before.
func (s *Server) reportChildren(r *http.Request, sc auth.Scope, cycles []storage.EvalCycle) ([]reportChild, error) {
	ctx, school := r.Context(), schoolOf(r)
	// The children's lines of every cycle in one query, not one
	// stored result per child and cycle.
	own, err := s.st.StudentsResultRows(ctx, school, sc.StudentIDs)
	if err != nil {
		return nil, err
	}
	var out []reportChild
	for _, id := range sc.StudentIDs {
		stu, err := s.st.Student(ctx, school, id)
		if err != nil {
			continue
		}
		ch := reportChild{Student: stu}
		for _, c := range cycles {
			if _, ok := own[c.ID][id]; !ok {
				continue
			}
			if c.State.FamilyMayView() {
				ch.Cycles = append(ch.Cycles, c)
			} else {
				ch.Waiting = append(ch.Waiting, c)
			}
		}
		out = append(out, ch)
	}
	return out, nil
}

// reportClass fills the classes of d.Cycle in the staff member's scope
// and, for the class chosen (?class=), its students by 学号.
func (s *Server) reportClass(r *http.Request, sc auth.Scope, d *reportListData) error {
	names, err := s.classNames(r)
	if err != nil {
		return err
	}
	rows, err := s.st.CycleResults(r.Context(), schoolOf(r), d.Cycle.ID, 0)
	if err != nil {
		return err
	}
	var count map[int64]int
	d.Classes, count = classesInScope(rows, sc, names)
	wantClass := queryInt(r, "class")
	if count[wantClass] > 0 {
		for _, row := range rows {
			if row.ClassID == wantClass && sc.AllowsStudent(row.StudentID, row.ClassID) {
				d.Students = append(d.Students, row)
			}
		}
		d.ClassID, d.ClassName = wantClass, names[wantClass]
	}
	slices.SortFunc(d.Students, func(a, b storage.ResultRow) int { return strings.Compare(a.StudentNo, b.StudentNo) })
	return nil
}
