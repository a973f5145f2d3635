package ui

import (
	"fmt"
	"net/http"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// portraitTeachingOf reads the classes the teacher heads and the courses
// they teach, the current term first.
func (s *Server) portraitTeachingOf(r *http.Request, d *portraitData) error {
	ctx, school := r.Context(), schoolOf(r)
	ids, err := s.st.ClassesOfHeadTeacher(ctx, school, d.Teacher.ID)
	if err != nil {
		return err
	}
	if len(ids) > 0 {
		if d.Headed, _, err = s.st.Classes(ctx, school, storage.ClassFilter{ListQuery: model.AllRows(), Scoped: true, ClassIDs: ids}); err != nil {
			return err
		}
	}
	as, err := s.st.TeachingAssignments(ctx, school, storage.TeachingFilter{TeacherID: d.Teacher.ID})
	if err != nil {
		return err
	}
	terms, err := s.st.Terms(ctx, school)
	if err != nil {
		return err
	}
	names := map[int64]string{}
	for _, tm := range terms {
		names[tm.ID] = termName(r, tm)
	}
	for i := len(as) - 1; i >= 0; i-- {
		a := as[i]
		d.Teaching = append(d.Teaching, portraitTeaching{Term: names[a.TermID], Course: a.CourseName, Class: a.ClassName})
	}
	return nil
}

// portraitResearch counts the outputs crediting the teacher and sums the
// points of the assessments publicised (the teacher's own view shows the
// same, earlier ones stay on the 科研 tab).
func (s *Server) portraitResearch(r *http.Request, d *portraitData) error {
	outs, err := s.st.TeacherResearchOutputs(r.Context(), schoolOf(r), d.Teacher.ID)
	if err != nil {
		return err
	}
	d.Outputs = len(outs)
	for _, o := range outs {
		if o.Status == research.StatusVerified {
			d.Verified++
		}
	}
	ps, err := s.st.TeacherPointsByTerm(r.Context(), schoolOf(r), d.Teacher.ID)
	if err != nil {
		return err
	}
	for _, p := range ps {
		d.Points += p.Points
		d.HasPoints = true
	}
	return nil
}

// portraitRater counts the ratings the teacher gave and, for the latest
// cycle they rated in, the flags the fairness checks raise on them
// (全部同分, 偏宽, 偏严), class by class.
func (s *Server) portraitRater(r *http.Request, d *portraitData) error {
	ctx, school := r.Context(), schoolOf(r)
	rated, err := s.st.TeacherRatingsGiven(ctx, school, d.Teacher.ID)
	if err != nil || len(rated) == 0 {
		return err
	}
	d.Rated = rated
	latest := rated[0].CycleID
	c, err := s.st.Cycle(ctx, school, latest)
	if err != nil {
		return err
	}
	for _, rc := range rated {
		d.RatedTotal += rc.Count
		if rc.CycleID != latest || rc.ClassID == 0 {
			continue
		}
		fa, err := evalrun.Fairness(ctx, s.st, school, c, rc.ClassID)
		if err != nil {
			return err
		}
		for _, f := range fa.Flags {
			if f.RaterID == d.Teacher.ID && (f.Role == model.RaterHeadTeacher || f.Role == model.RaterSubjectTeacher) {
				d.Flags = append(d.Flags, fmt.Sprintf("%s · %s：%s", rc.CycleName, rc.ClassName, f.Reason))
			}
		}
	}
	return nil
}

// charts builds the radar (the teacher against the school's average) and
// the hours over the years.
func (d *portraitData) charts(facts storage.DevelopmentFacts, all []storage.TeacherProgress) {
	at := devToday()
	level := func(p storage.TeacherProgress) string {
		if p.Recognition != nil {
			return p.Recognition.Level
		}
		return ""
	}
	mine := teacherdev.Dimensions(d.P.Progress, storage.Plain(facts.Records[d.Teacher.ID]), level(d.P), d.Req, at)
	avg := make([]float64, len(mine))
	for _, p := range all {
		for i, dim := range teacherdev.Dimensions(p.Progress, storage.Plain(facts.Records[p.ID]), level(p), d.Req, at) {
			avg[i] += dim.Score / float64(len(all))
		}
	}
	tb := portrait.Table{Title: "教师发展雷达图", Columns: []string{"本人", "全校平均"}}
	for i, m := range mine {
		tb.Rows = append(tb.Rows, m.Name)
		tb.Cells = append(tb.Cells, []float64{m.Score, float64(int(avg[i]*10+0.5)) / 10})
	}
	d.Radar = &kpiChart{ID: "chart-teacher-radar", Chart: teacherRadar(tb), Table: tb}
	if len(d.Years) > 0 {
		gt := portrait.Table{Title: "培训学时（按年）", Columns: []string{"学时", "企业实践天数"}}
		var names []string
		var hours []float64
		for _, y := range d.Years {
			names, hours = append(names, y.Year), append(hours, y.Hours)
			gt.Rows = append(gt.Rows, y.Year)
			gt.Cells = append(gt.Cells, []float64{y.Hours, y.Days})
		}
		d.Growth = &kpiChart{ID: "chart-teacher-growth", Chart: portrait.Bars(gt.Title, names, hours), Table: gt}
	}
}

// teacherRadar draws the two columns of tb on the radar's axes.
func teacherRadar(tb portrait.Table) portrait.Chart {
	ind := make([]map[string]any, len(tb.Rows))
	mine, avg := make([]float64, len(tb.Rows)), make([]float64, len(tb.Rows))
	for i, n := range tb.Rows {
		ind[i] = map[string]any{"name": n, "max": 100}
		mine[i], avg[i] = tb.Cells[i][0], tb.Cells[i][1]
	}
	return portrait.Chart{
		"color":     []string{"#1d5fbf", "#9a6700"},
		"title":     map[string]any{"text": tb.Title, "left": "center", "textStyle": map[string]any{"fontSize": 14}},
		"tooltip":   map[string]any{},
		"animation": false,
		"legend":    map[string]any{"bottom": 0, "data": []string{"本人", "全校平均"}},
		"radar":     map[string]any{"indicator": ind, "radius": "55%", "center": []string{"50%", "55%"}, "splitNumber": 5},
		"series": []any{map[string]any{"type": "radar", "data": []any{
			map[string]any{"name": "本人", "value": mine, "areaStyle": map[string]any{"opacity": 0.25}},
			map[string]any{"name": "全校平均", "value": avg, "lineStyle": map[string]any{"type": "dashed"}},
		}}},
	}
}
