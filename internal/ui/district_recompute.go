package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// District recompute (区域重新计算): a district admin recomputes one term's
// results for every school of their district, the platform admin for one
// district or every school. The job runs on the server (evalrun's
// DistrictRunner), one school at a time; its page polls its progress.

type districtTermChoice struct {
	Value, Label string // Value "2026-2027/1"
}

type districtJobView struct {
	storage.DistrictJob
	StateName    string
	DistrictName string
	Done         int // schools finished (done, skipped or failed)
	Percent      int
	Finished     bool
	Current      string // the school being recomputed now
	Schools      []storage.DistrictJobSchool
	SchoolStates map[string]string
}

type districtRecomputeData struct {
	Terms        []districtTermChoice
	Districts    []model.District
	AllDistricts bool
	Jobs         []districtJobView
}

var districtSchoolStates = map[string]string{
	storage.JobQueued:  "等待",
	storage.JobRunning: "计算中",
	storage.JobDone:    "已完成",
	storage.JobSkipped: "已跳过",
	storage.JobFailed:  "失败",
}

// districtTerms offers the terms the district's schools have (every
// school's for the platform admin), newest first.
func (s *Server) districtTerms(r *http.Request, district int64) ([]districtTermChoice, error) {
	terms, err := s.st.DistrictTerms(r.Context(), district)
	var out []districtTermChoice
	for _, t := range terms {
		out = append(out, districtTermChoice{Value: t.YearName + "/" + strconv.Itoa(t.Semester), Label: t.Name()})
	}
	return out, err
}

func (s *Server) districtJobView(r *http.Request, j storage.DistrictJob, withSchools bool) (districtJobView, error) {
	v := districtJobView{DistrictJob: j, StateName: jobStateNames[j.State], DistrictName: "全部学校", SchoolStates: districtSchoolStates}
	v.Finished = j.State != storage.JobQueued && j.State != storage.JobRunning
	if j.DistrictID != 0 {
		if ds, err := s.st.Districts(r.Context()); err == nil {
			for _, d := range ds {
				if d.ID == j.DistrictID {
					v.DistrictName = d.Name
				}
			}
		}
	}
	ps, err := s.st.DistrictJobSchools(r.Context(), j.ID)
	if err != nil {
		return v, err
	}
	for _, p := range ps {
		switch p.State {
		case storage.JobRunning:
			v.Current = p.SchoolName
		case storage.JobDone, storage.JobSkipped, storage.JobFailed:
			v.Done++
		}
	}
	if j.Total > 0 {
		v.Percent = v.Done * 100 / j.Total
	}
	if withSchools {
		v.Schools = ps
	}
	return v, nil
}

// districtRecomputeShow is the page: the start form and the latest jobs.
func (s *Server) districtRecomputeShow(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	d := districtRecomputeData{AllDistricts: s.authz.Can(u, "platform:manage")}
	ctx := r.Context()
	district := u.DistrictID
	if d.AllDistricts {
		district = 0
	}
	var err error
	if d.AllDistricts || district != 0 { // a district admin without a district has no schools
		if d.Terms, err = s.districtTerms(r, district); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	jobs, err := s.st.DistrictJobs(ctx, u.DistrictID, d.AllDistricts, 10)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	done, err := s.st.DistrictJobsDone(ctx, u.DistrictID, d.AllDistricts, 10)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	all, err := s.st.Districts(ctx) // names of the jobs' districts
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	names := map[int64]string{}
	for _, x := range all {
		names[x.ID] = x.Name
	}
	for _, j := range jobs {
		v := districtJobView{DistrictJob: j, StateName: jobStateNames[j.State], DistrictName: "全部学校", Done: done[j.ID]}
		if j.DistrictID != 0 {
			v.DistrictName = names[j.DistrictID]
		}
		d.Jobs = append(d.Jobs, v)
	}
	if d.AllDistricts {
		d.Districts = all
	}
	s.render(w, r, http.StatusOK, "district_recompute", "区域重新计算", d)
}

// districtRecomputeStart queues a job for the chosen term over the
// district's schools and opens its progress page.
func (s *Server) districtRecomputeStart(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	district := u.DistrictID
	if s.authz.Can(u, "platform:manage") {
		district = formInt(r, "district")
	}
	if !s.authz.ManagesDistrict(userOf(r), district) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	year, semText, _ := strings.Cut(r.FormValue("term"), "/")
	sem, _ := strconv.Atoi(semText)
	schools, err := s.st.Schools(r.Context(), district)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ids := make([]int64, len(schools))
	for i, sc := range schools {
		ids[i] = sc.ID
	}
	j := storage.DistrictJob{DistrictID: district, YearName: year, Semester: sem}
	if err := s.st.CreateDistrictJob(r.Context(), actor(r), &j, ids); err != nil {
		if !errors.Is(err, storage.ErrRefused) {
			s.serverError(w, r, err) // the database's words are for the log, not the page
			return
		}
		s.flashError(r, err.Error())
		http.Redirect(w, r, "/district/recompute", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/district/recompute/"+strconv.FormatInt(j.ID, 10), http.StatusSeeOther)
}

// districtRecomputeJob is a job's progress page; while it runs its
// progress block polls this page every 2 s (htmx, hx-select). Another
// district's job answers 404.
func (s *Server) districtRecomputeJob(w http.ResponseWriter, r *http.Request) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	j, err := s.st.DistrictJob(r.Context(), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if !s.authz.ManagesDistrict(userOf(r), j.DistrictID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	v, err := s.districtJobView(r, j, true)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "district_recompute_job", "区域重新计算", v)
}
