package ui

import (
	"errors"
	"math"
	"net/http"
	"sort"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

type portraitStudentData struct {
	Student model.Student
	// Family: a student's, parent's or mentor's view (named students, no
	// classes), which sees a cycle only once publicised, as 评价结果 does.
	Family bool
	Own    bool // the student's own view: no way back to a list
	// Latest is the newest cycle with a result the viewer may see; the
	// radar, summary and indicator table are of it.
	Latest     *portraitCycle
	ClassName  string
	Total      float64
	Level      model.Level
	Incomplete bool // the newest result is 待补评: no total, no level
	Missing    []string
	Dims       []portrait.Score
	Indicators []portraitIndicator
	Radar      portrait.Chart
	Growth     []growthRow
	DimNames   []string
	Line       portrait.Chart
	Summary    portrait.Summary
	Evidence   []storage.EvidenceRow
	Comments   []cycleComments
	// Waiting names the cycles whose results the family sees once
	// publicised.
	Waiting []string
}

type portraitIndicator struct {
	Dimension, Name string
	Score, ClassAvg float64
}

type growthRow struct {
	Label      string
	Total      float64
	Level      model.Level
	Incomplete bool     // 待补评 that term: no total or level shown
	Cells      []string // per dimension; "—" when the student had no score
}

type cycleComments struct {
	Cycle    string
	Comments []storage.TeacherComment
}

// portraitStudent is one student's portrait: the dimension radar against
// the class average, growth across cycles, the evidence timeline, the
// strengths and areas to improve in words, and the teachers' 评语. Only
// the student, their parents and their teachers (head teacher, subject
// teachers, enterprise mentor) see it; to anyone else it does not exist.
func (s *Server) portraitStudent(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sid, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	sc, err := s.portraitScope(r, "portrait:read")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	stu, err := s.st.Student(ctx, school, sid)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if !sc.AllowsStudent(sid, stu.ClassID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	d := portraitStudentData{Student: stu, Family: familyOnly(sc), Own: userOf(r).StudentID == sid, ClassName: stu.ClassName}
	if err := s.portraitGrowth(r, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	ev, _, err := s.st.ListEvidence(ctx, school, storage.EvidenceFilter{ListQuery: model.AllRows(), StudentID: sid, Status: model.EvidenceVerified})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	sort.SliceStable(ev, func(i, j int) bool { return ev[i].Date > ev[j].Date })
	d.Evidence = ev
	s.render(w, r, http.StatusOK, "portrait_student", stu.Name+" · 学生画像", d)
}

// portraitGrowth reads the student's results in every cycle the viewer
// may see (families: publicised or final), fills the growth table and
// line, and for the newest one the radar, the indicator table, the summary
// and the comments.
func (s *Server) portraitGrowth(r *http.Request, d *portraitStudentData) error {
	ctx, school := r.Context(), schoolOf(r)
	cycles, err := s.portraitCycles(r)
	if err != nil {
		return err
	}
	var got []seenResult
	for _, c := range cycles {
		if d.Family && !c.State.FamilyMayView() {
			d.Waiting = append(d.Waiting, c.Name)
			continue
		}
		res, err := s.st.StudentResult(ctx, school, c.ID, d.Student.ID)
		if errors.Is(err, storage.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		got = append(got, seenResult{c, res})
	}
	if len(got) == 0 {
		return nil
	}
	last := got[len(got)-1]
	d.Latest, d.Total, d.Level = &last.c, last.res.Total, last.res.Level
	d.Incomplete, d.Missing = last.res.Incomplete, last.res.Missing
	fdims, err := s.frameworkDims(r, last.c.FrameworkID)
	if err != nil {
		return err
	}
	if err := s.latestScores(r, d, last.res, last.c.ID, fdims); err != nil {
		return err
	}

	growth := fillGrowth(d, got, fdims)
	inds := make([]portrait.Score, len(d.Indicators))
	for i, x := range d.Indicators {
		inds[i] = portrait.Score{Name: x.Name, Score: x.Score, ClassAvg: x.ClassAvg}
	}
	d.Summary = portrait.Summarize(d.Dims, inds, growth)

	for i := len(got) - 1; i >= 0; i-- {
		cs, err := s.st.StudentComments(ctx, school, got[i].c.ID, d.Student.ID)
		if err != nil {
			return err
		}
		if len(cs) > 0 {
			d.Comments = append(d.Comments, cycleComments{Cycle: got[i].c.Name, Comments: cs})
		}
	}
	return nil
}

// seenResult is a student's result in a cycle the viewer may see.
type seenResult struct {
	c   portraitCycle
	res model.StudentResult
}

// latestScores fills the newest result's class, dimension and indicator
// scores beside the class averages, and the radar.
func (s *Server) latestScores(r *http.Request, d *portraitStudentData, res model.StudentResult, cycleID int64, fdims []model.Dimension) error {
	ctx, school := r.Context(), schoolOf(r)
	if cl, err := s.st.Class(ctx, school, res.ClassID); err == nil {
		d.ClassName = cl.Name
	}
	means, err := s.st.GroupScoreMeans(ctx, school, cycleID, []int64{res.ClassID})
	if err != nil {
		return err
	}
	avg := map[string]float64{}
	for _, m := range means {
		avg[m.Kind+m.Code] = round1(m.Mean)
	}
	mine := ratedScores(res)
	for _, dim := range fdims {
		if v, ok := mine[storage.ScoreDimension+dim.Code]; ok {
			d.Dims = append(d.Dims, portrait.Score{Name: dim.Name, Score: v, ClassAvg: avg[storage.ScoreDimension+dim.Code]})
		}
		for _, ind := range dim.Indicators {
			if v, ok := mine[storage.ScoreIndicator+ind.Code]; ok {
				d.Indicators = append(d.Indicators, portraitIndicator{Dimension: dim.Name, Name: ind.Name, Score: v, ClassAvg: avg[storage.ScoreIndicator+ind.Code]})
			}
		}
	}
	d.Radar = portrait.Radar("", d.Dims)
	return nil
}

// fillGrowth fills the growth table and line and returns the totals the
// summary reads (待补评 left out).
func fillGrowth(d *portraitStudentData, got []seenResult, fdims []model.Dimension) []portrait.Growth {
	// Growth: one row per cycle, labelled by its term (by the cycle's name
	// when a term has several).
	perTerm := map[int64]int{}
	for _, g := range got {
		perTerm[g.c.TermID]++
	}
	for _, dim := range fdims {
		d.DimNames = append(d.DimNames, dim.Name)
	}
	var growth []portrait.Growth
	series := make([]portrait.Series, len(fdims)+1)
	series[0].Name = "总分"
	for i, dim := range fdims {
		series[i+1].Name = dim.Name
	}
	var labels []string
	for _, g := range got {
		label := g.c.Term.Name()
		if perTerm[g.c.TermID] > 1 || g.c.Term.ID == 0 {
			label = g.c.Name
		}
		row := growthRow{Label: label, Total: g.res.Total, Level: g.res.Level, Incomplete: g.res.Incomplete}
		by := ratedScores(g.res)
		total := g.res.Total
		if g.res.Incomplete {
			total = math.NaN() // 待补评 has no total: a gap in the line, never a 0
		}
		series[0].Values = append(series[0].Values, total)
		for i, dim := range fdims {
			v, ok := by[storage.ScoreDimension+dim.Code]
			if !ok {
				v = math.NaN()
			}
			row.Cells = append(row.Cells, cell(v))
			series[i+1].Values = append(series[i+1].Values, v)
		}
		d.Growth = append(d.Growth, row)
		labels = append(labels, label)
		if !g.res.Incomplete {
			growth = append(growth, portrait.Growth{Term: label, Total: g.res.Total})
		}
	}
	d.Line = portrait.Lines("", labels, series)
	return growth
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// cell formats a score for a table, "—" for a missing one.
func cell(v float64) string {
	if math.IsNaN(v) {
		return "—"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// ratedScores maps kind+code (storage.ScoreDimension or ScoreIndicator,
// then the code) to the result's rated scores.
func ratedScores(r model.StudentResult) map[string]float64 {
	out := map[string]float64{}
	for _, d := range r.Dimensions {
		if d.Rated {
			out[storage.ScoreDimension+d.Code] = d.Score
		}
		for _, ind := range d.Indicators {
			if ind.Rated {
				out[storage.ScoreIndicator+ind.Code] = ind.Score
			}
		}
	}
	return out
}
