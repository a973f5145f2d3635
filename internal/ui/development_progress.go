package ui

import (
	"fmt"
	"net/http"
	"net/url"

	"zhijiao/internal/importer"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The progress page (/development/progress): each teacher against the
// training cycle and the enterprise-practice rule, who is behind and who
// will fall behind within a year, by department, with a reminder.

type devFilter struct {
	DepartmentID int64
	Status       string // "" all, "behind", "at_risk", "owing" (either), "certs" (a certificate to renew)
}

func devFilterOf(r *http.Request) devFilter {
	f := devFilter{DepartmentID: queryInt(r, "department"), Status: r.FormValue("status")}
	if f.DepartmentID == 0 {
		f.DepartmentID = formInt(r, "department")
	}
	return f
}

func (f devFilter) keeps(p storage.TeacherProgress) bool {
	if f.DepartmentID != 0 && p.DepartmentID != f.DepartmentID {
		return false
	}
	w := p.Worst()
	switch f.Status {
	case teacherdev.Behind, teacherdev.AtRisk:
		return w == f.Status
	case "owing":
		return w == teacherdev.Behind || w == teacherdev.AtRisk || p.NeedsFirstPractice
	case "certs":
		return len(p.Certs) > 0
	}
	return true
}

func (f devFilter) query() string {
	q := url.Values{}
	if f.DepartmentID != 0 {
		q.Set("department", itoa64(f.DepartmentID))
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	return q.Encode()
}

type devDeptGroup struct {
	Name string
	Rows []storage.TeacherProgress
}

type devProgressData struct {
	Filter                            devFilter
	ExportURL                         string // the export with the page's filter
	Departments                       []devDeptOption
	Groups                            []devDeptGroup
	Cycle                             string
	Req                               teacherdev.Requirements
	Behind, AtRisk, New, Certs, Total int
	CanRemind, CanExport, Mine        bool
}

type devDeptOption struct {
	ID   int64
	Name string
}

// devProgressRows reads the user's scope and computes it on today.
func (s *Server) devProgressRows(r *http.Request) (storage.DevelopmentFacts, []storage.TeacherProgress, error) {
	sc, err := s.devScopeOf(r)
	if err != nil {
		return storage.DevelopmentFacts{}, nil, err
	}
	f, err := s.st.DevelopmentFacts(r.Context(), schoolOf(r), sc)
	if err != nil {
		return f, nil, err
	}
	return f, f.Progress(devToday()), nil
}

func (s *Server) devProgress(w http.ResponseWriter, r *http.Request) {
	facts, all, err := s.devProgressRows(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := devProgressData{Filter: devFilterOf(r), Req: facts.Requirements, Cycle: facts.Requirements.CycleLabel(devToday()),
		CanRemind: s.authz.Can(userOf(r), "development:verify"), CanExport: s.authz.Can(userOf(r), "development:export")}
	d.ExportURL = "/development/progress/export.xlsx"
	if q := d.Filter.query(); q != "" {
		d.ExportURL += "?" + q
	}
	d.Mine = !s.authz.Can(userOf(r), "development:read") && !s.authz.Can(userOf(r), "development:read_dept")
	seen := map[int64]bool{}
	for _, p := range all {
		if p.DepartmentID != 0 && !seen[p.DepartmentID] {
			seen[p.DepartmentID] = true
			d.Departments = append(d.Departments, devDeptOption{p.DepartmentID, p.DepartmentName})
		}
		if !d.Filter.keeps(p) {
			continue
		}
		d.Total++
		switch p.Worst() {
		case teacherdev.Behind:
			d.Behind++
		case teacherdev.AtRisk:
			d.AtRisk++
		}
		if p.NeedsFirstPractice {
			d.New++
		}
		if len(p.Certs) > 0 {
			d.Certs++
		}
		name := p.DepartmentName
		if name == "" {
			name = "未分专业部"
		}
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Name != name {
			d.Groups = append(d.Groups, devDeptGroup{Name: name})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Rows = append(g.Rows, p)
	}
	s.render(w, r, http.StatusOK, "development_progress", "教师发展进度", d)
}

// devRemind tells the teachers the filter shows about their gaps, at most
// once a month per gap (notify.DevelopmentReminders).
func (s *Server) devRemind(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	f := devFilterOf(r)
	_, all, err := s.devProgressRows(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var shown []storage.TeacherProgress
	for _, p := range all {
		if f.keeps(p) {
			shown = append(shown, p)
		}
	}
	back := "/development/progress?" + f.query()
	n, err := notify.DevelopmentReminders(r.Context(), s.st, notify.InApp{St: s.st}, schoolOf(r), actor(r), shown, devToday())
	switch {
	case err != nil:
		s.flashError(r, err.Error())
	case n == 0:
		s.flash(r, "没有需要提醒的教师：本月已提醒过，或筛选出的教师都已达标或没有登录账号")
	default:
		s.flash(r, fmt.Sprintf("已通过站内通知提醒 %d 位教师（同一差距每月只提醒一次）", n))
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// devProgressExport is the page as a workbook: the same scope (人事处 all,
// a department head their departments) and the same filter.
func (s *Server) devProgressExport(w http.ResponseWriter, r *http.Request) {
	facts, all, err := s.devProgressRows(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := devFilterOf(r)
	var shown []storage.TeacherProgress
	for _, p := range all {
		if f.keeps(p) {
			shown = append(shown, p)
		}
	}
	b, err := importer.ProgressWorkbook(facts.Requirements.CycleLabel(devToday()), shown)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(r.Context(), schoolOf(r), actor(r), "export", "development_progress", 0, map[string]any{"teachers": len(shown), "filter": f.query()})
	sendFile(w, "教师发展进度.xlsx", b)
}
