package ui

import (
	"fmt"
	"math"
	"net/http"
	"strings"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// severityData is the 评分者宽严度 sub-page of the fairness page: each rater's severity in a class by the
// many-facet Rasch model (evalrun.Severity), with its 95% interval and fit.
type severityData struct {
	Cycle     storage.EvalCycle
	Classes   []model.Class
	ClassID   int64
	ClassName string
	Ratings   int
	Groups    []severityGroup
	Drift     []driftGroup // teachers who rated the class in two or more terms
}

type driftGroup struct {
	Categories int
	Problem    string
	Subsets    []evalrun.Disconnected
	Rows       []driftRow
}

// driftRow is one teacher in one term; First marks the teacher's first row (the name is shown once).
type driftRow struct {
	Who, Role, Term    string
	First              bool
	Severity, Interval string
	Count              int
	Changed            bool // the interval does not overlap the teacher's first term's
}

type severityGroup struct {
	Categories  int
	Indicators  string // names joined with 、
	Problem     string // fixed phrase: why there are no numbers
	Subsets     []evalrun.Disconnected
	Reliability string // rater separation reliability, "" when it cannot be computed
	Raters      []severityRow
}

type severityRow struct {
	Who, Role          string
	Severity, Interval string // logits, signed, 2 decimals
	Infit, Outfit      string
	Count              int
	Side               string // fixed phrase: 明显偏严 / 明显偏宽 / "" (the interval holds 0)
	Notes              []string
}

// Plain-words notes on a rater's numbers (fixed phrases; locale/en-rasch.json has their English).
const (
	sevSevere    = "明显偏严"
	sevLenient   = "明显偏宽"
	noteMisfit   = "评分比模型预期的更随意（拟合均方高于 1.5），宜复核"
	noteMuted    = "评分过于一致（拟合均方低于 0.5），可能对所有人打同一档"
	noteExtreme  = "所有评分都在最高或最低一档，数值只是近似估计"
	noteFewRates = "评分少于 10 条，区间很宽"
)

// cycleSeverity shows the severity of a class's raters. Permission, guard and class scoping are those of the
// fairness page: staff of the class's scope see it, students never do.
func (s *Server) cycleSeverity(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	d := severityData{Cycle: c}
	classes, classID, className, ok := s.fairnessClass(w, r)
	if !ok {
		return
	}
	d.Classes, d.ClassID, d.ClassName = classes, classID, className
	if d.ClassID != 0 {
		sv, err := evalrun.Severity(r.Context(), s.st, schoolOf(r), c, d.ClassID)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		teachers, err := s.teacherNames(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Ratings = sv.Ratings
		for _, g := range sv.Groups {
			d.Groups = append(d.Groups, severityGroupOf(g, sv.Names, teachers))
		}
		if err := s.severityDrift(r, &d, teachers); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "cycle_severity", "评分者宽严度", d)
}

// fairnessClass lists the classes of the user's scope and picks the one asked for (the first by default); a class
// outside the scope is answered 404, as on the fairness page.
func (s *Server) fairnessClass(w http.ResponseWriter, r *http.Request) (classes []model.Class, id int64, name string, ok bool) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return nil, 0, "", false
	}
	filter := storage.ClassFilter{ListQuery: model.AllRows(), Scoped: !sc.All, ClassIDs: sc.ClassIDs}
	if sc.All {
		filter.ClassIDs = nil
	}
	classes, _, err = s.st.Classes(r.Context(), schoolOf(r), filter)
	if err != nil {
		s.serverError(w, r, err)
		return nil, 0, "", false
	}
	if id = queryInt(r, "class"); id == 0 && len(classes) > 0 {
		id = classes[0].ID
	}
	for _, cl := range classes {
		if cl.ID == id {
			return classes, id, cl.Name, true
		}
	}
	if id != 0 {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return nil, 0, "", false
	}
	return classes, 0, "", true
}

func severityGroupOf(g evalrun.SeverityGroup, names, teachers map[int64]string) severityGroup {
	out := severityGroup{Categories: g.Categories, Indicators: strings.Join(g.Indicators, "、"), Problem: g.Problem, Subsets: g.Subsets}
	if !math.IsNaN(g.Reliability) {
		out.Reliability = fmt.Sprintf("%.2f", g.Reliability)
	}
	for _, rv := range g.Raters {
		row := severityRow{Role: rv.Role.Name(), Count: rv.Count, Severity: fmt.Sprintf("%+.2f", rv.Severity),
			Infit: fmt.Sprintf("%.2f", rv.Infit), Outfit: fmt.Sprintf("%.2f", rv.Outfit)}
		row.Who = raterName(rv.Role, rv.ID, names, teachers)
		if math.IsInf(rv.SE, 0) {
			row.Interval = "—"
		} else {
			row.Interval = fmt.Sprintf("%+.2f ～ %+.2f", rv.Low, rv.High)
		}
		switch {
		case rv.Extreme:
		case rv.Low > 0:
			row.Side = sevSevere
		case rv.High < 0:
			row.Side = sevLenient
		}
		if rv.Misfit {
			row.Notes = append(row.Notes, noteMisfit)
		}
		if rv.Muted {
			row.Notes = append(row.Notes, noteMuted)
		}
		if rv.Extreme {
			row.Notes = append(row.Notes, noteExtreme)
		}
		if rv.Count < 10 {
			row.Notes = append(row.Notes, noteFewRates)
		}
		out.Raters = append(out.Raters, row)
	}
	return out
}

// severityDrift fills the teachers' severity per term (evalrun.Drift) with the terms by name.
func (s *Server) severityDrift(r *http.Request, d *severityData, teachers map[int64]string) error {
	dr, err := evalrun.Drift(r.Context(), s.st, schoolOf(r), d.ClassID)
	if err != nil || len(dr.Groups) == 0 {
		return err
	}
	terms, err := s.st.Terms(r.Context(), schoolOf(r))
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, t := range terms {
		names[t.ID] = t.Name()
	}
	for _, g := range dr.Groups {
		dg := driftGroup{Categories: g.Categories, Problem: g.Problem, Subsets: g.Subsets}
		for _, td := range g.Teachers {
			for k, ts := range td.Terms {
				row := driftRow{Who: raterName(td.Role, td.ID, nil, teachers), Role: td.Role.Name(), Term: names[ts.TermID], First: k == 0,
					Severity: fmt.Sprintf("%+.2f", ts.Severity), Interval: fmt.Sprintf("%+.2f ～ %+.2f", ts.Low, ts.High), Count: ts.Count}
				row.Changed = k > 0 && (ts.Low > td.Terms[0].High || ts.High < td.Terms[0].Low)
				dg.Rows = append(dg.Rows, row)
			}
		}
		d.Drift = append(d.Drift, dg)
	}
	return nil
}

// teacherNames maps the school's teachers to their names, in one query: the
// raters on this page are the class's peers and its few teachers.
func (s *Server) teacherNames(r *http.Request) (map[int64]string, error) {
	ts, _, err := s.st.Teachers(r.Context(), schoolOf(r), storage.TeacherFilter{ListQuery: model.AllRows()})
	if err != nil {
		return nil, err
	}
	out := make(map[int64]string, len(ts))
	for _, t := range ts {
		out[t.ID] = t.Name
	}
	return out, nil
}

// raterName names a classmate or a teacher; parents and mentors keep their
// number, as on the fairness page.
func raterName(role model.RaterRole, id int64, students, teachers map[int64]string) string {
	switch role {
	case model.RaterPeer:
		if n, ok := students[id]; ok {
			return n
		}
	case model.RaterHeadTeacher, model.RaterSubjectTeacher:
		if n, ok := teachers[id]; ok {
			return n
		}
	}
	return fmt.Sprintf("#%d", id)
}
