package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/auth"
	"zhijiao/internal/eval"
	"zhijiao/internal/storage"
)

type resultListData struct {
	Family bool
	Cycles []resultCycle
	// The chosen class of a cycle (?cycle=&class=), staff only.
	Table *resultTable
}

type resultCycle struct {
	Cycle     storage.EvalCycle
	Hidden    bool // a family during computed: not yet
	Classes   []resultClass
	Own       []storage.ResultRow
	ClassName map[int64]string
}

type resultClass struct {
	ID       int64
	Name     string
	Students int
}

type resultTable struct {
	Cycle      storage.EvalCycle
	ClassID    int64
	ClassName  string
	DimNames   []string
	Rows       []resultTableRow
	Incomplete int // 待补评 students of the class
}

type resultTableRow struct {
	storage.ResultRow
	Dims []string // each dimension's score as shown, "—" where nothing counts yet
}

// resultList lists the cycles with results. Staff see per class the
// students' totals, dimension scores, levels and ranks (choose a class);
// students and parents see their own (child's) results once publicised.
// The page reads a fixed number of queries however many cycles, classes
// and students there are: the classes of every cycle are counted in one
// grouped query, a family's lines of every cycle are read in one.
func (s *Server) resultList(w http.ResponseWriter, r *http.Request) {
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
	names, err := s.classNames(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := resultListData{Family: familyOnly(sc)}
	if d.Family {
		err = s.familyResultCycles(r, &d, cycles, sc, names)
	} else {
		err = s.staffResultCycles(r, &d, cycles, sc, names)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "result_list", "评价结果", d)
}

// familyResultCycles lists each cycle with results with the family's own
// lines (hidden until the family may see them).
func (s *Server) familyResultCycles(r *http.Request, d *resultListData, cycles []storage.EvalCycle, sc auth.Scope, names map[int64]string) error {
	own, err := s.st.StudentsResultRows(r.Context(), schoolOf(r), sc.StudentIDs)
	if err != nil {
		return err
	}
	for _, c := range cycles {
		if !c.State.HasResults() {
			continue
		}
		rc := resultCycle{Cycle: c, ClassName: names, Hidden: !c.State.FamilyMayView()}
		for _, id := range sc.StudentIDs {
			if row, ok := own[c.ID][id]; ok {
				rc.Own = append(rc.Own, row)
			}
		}
		d.Cycles = append(d.Cycles, rc)
	}
	return nil
}

// staffResultCycles lists each cycle with results with its classes in the
// scope, and the table of the class chosen by ?cycle=&class=.
func (s *Server) staffResultCycles(r *http.Request, d *resultListData, cycles []storage.EvalCycle, sc auth.Scope, names map[int64]string) error {
	counts, err := s.st.ResultClassCounts(r.Context(), schoolOf(r), sc.All, sc.ClassIDs, sc.StudentIDs)
	if err != nil {
		return err
	}
	byCycle := map[int64][]resultClass{}
	for _, c := range counts {
		byCycle[c.CycleID] = append(byCycle[c.CycleID], resultClass{ID: c.ClassID, Name: names[c.ClassID], Students: c.Students})
	}
	wantCycle, wantClass := queryInt(r, "cycle"), queryInt(r, "class")
	for _, c := range cycles {
		if !c.State.HasResults() {
			continue
		}
		rc := resultCycle{Cycle: c, ClassName: names, Classes: byCycle[c.ID]}
		d.Cycles = append(d.Cycles, rc)
		if c.ID != wantCycle || !slices.ContainsFunc(rc.Classes, func(k resultClass) bool { return k.ID == wantClass }) {
			continue
		}
		rows, err := s.st.CycleResults(r.Context(), schoolOf(r), c.ID, wantClass)
		if err != nil {
			return err
		}
		if d.Table, err = s.resultClassTable(r, c, wantClass, names[wantClass], rows); err != nil {
			return err
		}
	}
	return nil
}

// resultClassTable is one class's table with dimension scores.
func (s *Server) resultClassTable(r *http.Request, c storage.EvalCycle, classID int64, name string, rows []storage.ResultRow) (*resultTable, error) {
	t := &resultTable{Cycle: c, ClassID: classID, ClassName: name}
	all, err := s.st.ClassResults(r.Context(), schoolOf(r), c.ID, classID)
	if err != nil {
		return nil, err
	}
	for _, row := range rows {
		if row.ClassID != classID {
			continue
		}
		res := all[row.StudentID]
		tr := resultTableRow{ResultRow: row}
		if row.Incomplete {
			t.Incomplete++
		}
		for _, dim := range res.Dimensions {
			if len(t.Rows) == 0 && !slices.Contains(t.DimNames, dim.Name) {
				t.DimNames = append(t.DimNames, dim.Name)
			}
			cell := "—"
			if dim.Rated {
				cell = eval.Num(dim.Score)
			}
			tr.Dims = append(tr.Dims, cell)
		}
		t.Rows = append(t.Rows, tr)
	}
	return t, nil
}

// classesInScope groups result rows by class, keeping only the students
// the scope allows, in the rows' order; count is students per class.
func classesInScope(rows []storage.ResultRow, sc auth.Scope, names map[int64]string) (classes []resultClass, count map[int64]int) {
	count = map[int64]int{}
	var order []int64
	for _, row := range rows {
		if !sc.AllowsStudent(row.StudentID, row.ClassID) {
			continue
		}
		if count[row.ClassID] == 0 {
			order = append(order, row.ClassID)
		}
		count[row.ClassID]++
	}
	for _, id := range order {
		classes = append(classes, resultClass{ID: id, Name: names[id], Students: count[id]})
	}
	return classes, count
}
