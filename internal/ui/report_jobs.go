package ui

import (
	"fmt"
	"net/http"
	"strconv"

	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
)

// reportJobView is a job with what its page shows.
type reportJobView struct {
	storage.ReportJob
	CycleName string
	StateName string
	Percent   int
	Finished  bool
	ZipMB     float64
}

var jobStateNames = map[string]string{
	storage.JobQueued:  "排队中",
	storage.JobRunning: "生成中",
	storage.JobDone:    "已完成",
	storage.JobFailed:  "失败",
	storage.JobExpired: "已过期",
}

func (s *Server) jobView(r *http.Request, j storage.ReportJob) reportJobView {
	v := reportJobView{ReportJob: j, StateName: jobStateNames[j.State], ZipMB: float64(j.ZipSize) / 1e6}
	if c, err := s.st.Cycle(r.Context(), schoolOf(r), j.CycleID); err == nil {
		v.CycleName = c.Name
	}
	switch {
	case j.State == storage.JobDone || j.State == storage.JobExpired:
		v.Percent = 100
	case j.Total > 0:
		v.Percent = j.Done * 100 / j.Total
	}
	v.Finished = j.State != storage.JobQueued && j.State != storage.JobRunning
	return v
}

// reportJobViews lists the newest jobs the user may see: their own, or
// the school's for school-wide staff.
func (s *Server) reportJobViews(r *http.Request, all bool) ([]reportJobView, error) {
	by := userOf(r).ID
	if all {
		by = 0
	}
	jobs, err := s.st.ReportJobs(r.Context(), schoolOf(r), by, 10)
	if err != nil {
		return nil, err
	}
	out := make([]reportJobView, len(jobs))
	for i, j := range jobs {
		out[i] = s.jobView(r, j)
	}
	return out, nil
}

// reportJobCreate queues a batch export of a class (staff of the class)
// or a cohort (school-wide staff only) and opens its progress page.
func (s *Server) reportJobCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	back := "/reports"
	c, err := s.st.Cycle(ctx, school, formInt(r, "cycle"))
	if err != nil || !c.State.HasResults() {
		s.errorPage(w, r, http.StatusNotFound, "该评价周期不存在或尚未计算结果")
		return
	}
	j := storage.ReportJob{CycleID: c.ID, Kind: r.FormValue("kind"), TargetID: formInt(r, "target"), VerifyBase: s.publicBase(r)}
	switch j.Kind {
	case storage.JobClass:
		cl, err := s.st.Class(ctx, school, j.TargetID)
		if err != nil || !sc.AllowsClass(cl.ID) {
			s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
			return
		}
		j.Label = cl.Name
		back = fmt.Sprintf("/reports?cycle=%d&class=%d", c.ID, cl.ID)
	case storage.JobCohort:
		if !sc.All || !s.cycleCovers(r, c, int(j.TargetID)) {
			s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
			return
		}
		j.Label = fmt.Sprintf("%d级", j.TargetID)
	default:
		s.errorPage(w, r, http.StatusBadRequest, "请选择导出范围（班级或年级）")
		return
	}
	students, err := reportcard.JobStudents(ctx, s.st, school, j.Kind, j.TargetID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	switch {
	case len(students) == 0:
		s.flashError(r, j.Label+"没有学生，无需导出")
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	case len(students) > reportcard.MaxJobStudents:
		s.flashError(r, fmt.Sprintf("%s共 %d 名学生，超过单次导出上限 %d 名，请按班级导出", j.Label, len(students), reportcard.MaxJobStudents))
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	j.Total = len(students)
	if err := s.st.CreateReportJob(ctx, school, actor(r), &j); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.jobs.Kick()
	http.Redirect(w, r, "/reports/jobs/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
}

// loadJob reads {id} (without its extension): a job of the user's
// school that they started, or any of the school's for school-wide staff.
// Others answer 404.
func (s *Server) loadJob(w http.ResponseWriter, r *http.Request, idText string) (storage.ReportJob, bool) {
	id, err := strconv.ParseInt(idText, 10, 64)
	if err != nil || id <= 0 {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return storage.ReportJob{}, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return storage.ReportJob{}, false
	}
	j, err := s.st.ReportJob(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return j, false
	}
	if j.CreatedBy != userOf(r).ID && !sc.All {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return j, false
	}
	return j, true
}

// reportJobShow is the job's progress page. While the job runs the
// progress block polls this same page every second (htmx, hx-select), so
// a reload or a second tab shows the same progress: it lives in the
// database, not in the browser.
func (s *Server) reportJobShow(w http.ResponseWriter, r *http.Request) {
	idText, ext := splitExt(r.PathValue("id"))
	if ext != "" && ext != "zip" {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	j, ok := s.loadJob(w, r, idText)
	if !ok {
		return
	}
	if ext == "zip" {
		s.reportJobDownload(w, r, j)
		return
	}
	s.render(w, r, http.StatusOK, "report_job", "批量导出报告单", s.jobView(r, j))
}

// reportJobDownload sends a finished job's ZIP (audited).
func (s *Server) reportJobDownload(w http.ResponseWriter, r *http.Request, j storage.ReportJob) {
	data, err := s.st.ReportJobZip(r.Context(), schoolOf(r), j.ID)
	if err != nil {
		if j.State == storage.JobExpired {
			s.errorPage(w, r, http.StatusNotFound, "导出文件已过期删除，请重新导出")
			return
		}
		s.notFoundOr(w, r, err)
		return
	}
	if err := s.st.Audit(r.Context(), schoolOf(r), actor(r), "download", "report_job", j.ID, map[string]any{"size": len(data)}); err != nil {
		s.serverError(w, r, err)
		return
	}
	c, _ := s.st.Cycle(r.Context(), schoolOf(r), j.CycleID)
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", "attachment; filename=\"reports.zip\"; filename*=UTF-8''"+pathEscape(j.Label+"_"+c.Name+"_报告单.zip"))
	w.Write(data)
}

// cycleCovers reports whether a cycle evaluated the cohort of entryYear:
// a school's or department's cycle may cover any, a cohort's cycle only
// its own (the list offers only that one; a stale or hand-made form must
// not queue cards that all fail).
func (s *Server) cycleCovers(r *http.Request, c storage.EvalCycle, entryYear int) bool {
	if c.ScopeKind != storage.ScopeCohort {
		return true
	}
	cohorts, err := s.st.Cohorts(r.Context(), schoolOf(r))
	if err != nil {
		return false
	}
	for _, co := range cohorts {
		if co.ID == c.ScopeID {
			return co.EntryYear == entryYear
		}
	}
	return false
}
