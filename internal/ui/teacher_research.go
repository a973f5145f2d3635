package ui

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The teacher's 科研 tab (/teachers/{id}/research): the outputs they
// contributed to, their points term by term and the trend. It is the
// teacher's own page and the research office's: visible to the teacher
// themself, to research:read, and to research:read_dept for the teachers of
// the departments the viewer heads. Points of an assessment not yet
// publicised (计算完成, before 公示) are shown only to the teacher and to
// research:read.

type teacherResearchData struct {
	Teacher  model.Teacher
	Outputs  []teacherOutputRow
	Points   []teacherTermPoints
	Trend    *kpiChart
	ByYear   *kpiChart
	Verified int
}

type teacherTermPoints struct {
	storage.TeacherTermPoints
	TermName, StateName, Text string
}

type teacherOutputRow struct {
	storage.TeacherOutput
	KindName, StatusName string
}

// researchViewer tells what the viewer may see of teacher t's research:
// the page at all, and points before 公示.
func (s *Server) researchViewer(r *http.Request, t model.Teacher) (page, early bool, err error) {
	u := userOf(r)
	self := u.TeacherID != 0 && u.TeacherID == t.ID
	if self || s.authz.Can(u, "research:read") {
		return true, true, nil
	}
	if !s.authz.Can(u, "research:read_dept") || t.DepartmentID == 0 {
		return false, false, nil
	}
	depts, err := s.st.DepartmentsHeadedBy(r.Context(), schoolOf(r), u.ID)
	return slices.Contains(depts, t.DepartmentID), false, err
}

// teacherResearch is the 科研 tab of a teacher's page.
func (s *Server) teacherResearch(w http.ResponseWriter, r *http.Request) {
	// Another school's teacher answers 404 before any rule says 403.
	t, ok := s.loadTeacher(w, r)
	if !ok {
		return
	}
	page, early, err := s.researchViewer(r, t)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !page {
		s.errorPage(w, r, http.StatusForbidden, "只有教师本人、科研处和所在专业部的主任可以查看教师的科研情况")
		return
	}
	d := teacherResearchData{Teacher: t}
	outs, err := s.st.TeacherResearchOutputs(r.Context(), schoolOf(r), t.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, o := range outs {
		d.Outputs = append(d.Outputs, teacherOutputRow{TeacherOutput: o, KindName: researchKindName(o.Kind), StatusName: researchStatusName(o.Status)})
	}
	if d.Points, err = s.teacherPoints(r, t.ID, early); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.charts()
	s.render(w, r, http.StatusOK, "teacher_research", t.Name+" · 科研", d)
}

// teacherPoints reads the teacher's points with their terms' names,
// without the assessments not yet publicised unless early.
func (s *Server) teacherPoints(r *http.Request, teacherID int64, early bool) ([]teacherTermPoints, error) {
	ps, err := s.st.TeacherPointsByTerm(r.Context(), schoolOf(r), teacherID)
	if err != nil {
		return nil, err
	}
	terms, err := s.st.Terms(r.Context(), schoolOf(r))
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, tm := range terms {
		names[tm.ID] = termName(r, tm)
	}
	var out []teacherTermPoints
	for _, p := range ps {
		if p.State == research.StateComputed && !early {
			continue
		}
		out = append(out, teacherTermPoints{TeacherTermPoints: p, TermName: names[p.TermID], StateName: researchStateName(p.State), Text: pointsText(p.Points)})
	}
	return out, nil
}

// charts builds the trend of points and the outputs by year.
func (d *teacherResearchData) charts() {
	if len(d.Points) > 0 {
		var names []string
		var values []float64
		for _, p := range d.Points {
			// Two lines under the axis: a phone has no room for a term's
			// whole name on one.
			names = append(names, twoLines(p.TermName))
			values = append(values, p.Points)
		}
		tb := portrait.Table{Title: "科研考核积分（按学期）", Rows: names, Columns: []string{"积分"}}
		for _, v := range values {
			tb.Cells = append(tb.Cells, []float64{v})
		}
		d.Trend = &kpiChart{ID: "chart-research-trend", Chart: portrait.PointsTrend(tb.Title, names, values), Table: tb}
	}
	var kinds, dates []string
	for _, o := range d.Outputs {
		if o.Status == research.StatusVerified {
			d.Verified++
			kinds, dates = append(kinds, o.Kind), append(dates, o.Date)
		}
	}
	if d.Verified > 0 {
		tb := portrait.OutputsByYear("已审核成果（按年份 × 类别）", kinds, dates)
		d.ByYear = &kpiChart{ID: "chart-research-years", Chart: portrait.OutputsChart(tb), Table: tb, Total: true}
	}
}

// researchKindName is a kind's Chinese name, for the templates.
func researchKindName(k string) string { return research.Kind(k).Name() }

// researchStatusName is an output's review status in Chinese.
func researchStatusName(s string) string {
	return map[string]string{research.StatusPending: "待审核", research.StatusVerified: "已审核", research.StatusRejected: "已退回"}[s]
}

// researchStateName is an assessment's state in Chinese.
func researchStateName(s string) string {
	return map[string]string{research.StateClaiming: "认领中", research.StateReviewing: "审核中", research.StateComputed: "已计算（未公示）",
		research.StatePublicised: "公示中", research.StateFinal: "已定稿"}[s]
}

// pointsText writes points with at most two decimals.
func pointsText(p float64) string { return strconv.FormatFloat(math.Round(p*100)/100, 'f', -1, 64) }

// twoLines breaks a term's name after its years: "2025-2026" over
// "学年第一学期", or "2025-2026," over "Term 1".
func twoLines(name string) string {
	if i := strings.IndexFunc(name, func(r rune) bool { return r >= 0x80 }); i > 0 {
		return name[:i] + "\n" + name[i:]
	}
	return strings.Replace(name, ", ", ",\n", 1)
}
