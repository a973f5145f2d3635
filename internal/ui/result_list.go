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
	wantCycle, wantClass := queryInt(r, "cycle"), queryInt(r, "class")
	for _, c := range cycles {
		if !c.State.HasResults() {
			continue
		}
		rc := resultCycle{Cycle: c, ClassName: names}
		if d.Family {
			rc.Hidden = !c.State.FamilyMayView()
			for _, id := range sc.StudentIDs {
				if rows, err := s.studentResultRow(r, c.ID, id); err == nil && rows != nil {
					rc.Own = append(rc.Own, *rows)
				}
			}
			d.Cycles = append(d.Cycles, rc)
			continue
		}
		rows, err := s.st.CycleResults(ctx, school, c.ID, 0)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		var count map[int64]int
		rc.Classes, count = classesInScope(rows, sc, names)
		d.Cycles = append(d.Cycles, rc)
		if c.ID == wantCycle && count[wantClass] > 0 {
			t, err := s.resultClassTable(r, c, wantClass, names[wantClass], rows)
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			d.Table = t
		}
	}
	s.render(w, r, http.StatusOK, "result_list", "评价结果", d)
}

// studentResultRow is one student's line of a cycle, nil when the student
// has no result.
func (s *Server) studentResultRow(r *http.Request, cycleID, studentID int64) (*storage.ResultRow, error) {
	res, err := s.st.StudentResult(r.Context(), schoolOf(r), cycleID, studentID)
	if err != nil {
		return nil, err
	}
	rows, err := s.st.CycleResults(r.Context(), schoolOf(r), cycleID, res.ClassID)
	if err != nil {
		return nil, err
	}
	for i := range rows {
		if rows[i].StudentID == studentID {
			return &rows[i], nil
		}
	}
	return nil, nil
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
