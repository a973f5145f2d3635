package api

import (
	"errors"
	"net/http"
	"time"

	"zhijiao/internal/httpx"
	"zhijiao/internal/storage"
)

// District recompute (区域重新计算) over the API: the same jobs as the page
// /district/recompute. A district admin queues and reads the jobs of their
// own district; the platform admin those of any district, or of every
// school (district_id 0). Another district's job is not found.

// districtJobBody is a job and its progress.
type districtJobBody struct {
	ID         int64                   `json:"id"`
	DistrictID int64                   `json:"district_id"`
	Term       string                  `json:"term"`
	YearName   string                  `json:"year_name"`
	Semester   int                     `json:"semester"`
	State      string                  `json:"state"`
	Total      int                     `json:"total"`
	Done       int                     `json:"done"`
	Error      string                  `json:"error,omitempty"`
	CreatedBy  string                  `json:"created_by"`
	CreatedAt  time.Time               `json:"created_at"`
	StartedAt  *time.Time              `json:"started_at,omitempty"`
	FinishedAt *time.Time              `json:"finished_at,omitempty"`
	Schools    []districtJobSchoolBody `json:"schools,omitempty"`
}

// districtJobSchoolBody is one school's line in a job.
type districtJobSchoolBody struct {
	SchoolID   int64      `json:"school_id"`
	SchoolName string     `json:"school_name"`
	State      string     `json:"state"`
	Cycles     int        `json:"cycles"`
	Students   int        `json:"students"`
	Notes      []string   `json:"notes,omitempty"`
	Error      string     `json:"error,omitempty"`
	Seconds    float64    `json:"seconds"`
	FinishedAt *time.Time `json:"finished_at,omitempty"`
}

// districtJobRequest is the body of POST /district/recompute-jobs.
type districtJobRequest struct {
	DistrictID int64  `json:"district_id,omitempty"`
	YearName   string `json:"year_name"`
	Semester   int    `json:"semester"`
}

func jobBody(j storage.DistrictJob, done int) districtJobBody {
	return districtJobBody{ID: j.ID, DistrictID: j.DistrictID, Term: j.TermName(), YearName: j.YearName, Semester: j.Semester,
		State: j.State, Total: j.Total, Done: done, Error: j.Error, CreatedBy: j.CreatedByName, CreatedAt: j.CreatedAt,
		StartedAt: j.StartedAt, FinishedAt: j.FinishedAt}
}

// districtOf is the district the caller acts on: for the platform admin
// the one asked for (0: every school), for a district admin their own
// (when asked is 0 or names it). ok is false when the caller may not.
func (a *API) districtOf(c *call, asked int64) (district int64, all, ok bool) {
	all = a.authz.Can(c.user, "platform:manage")
	if !all && asked == 0 {
		asked = c.user.DistrictID
	}
	return asked, all, a.authz.ManagesDistrict(c.user, asked)
}

// districtJobList answers the newest 100 jobs the caller may see, paged.
func (a *API) districtJobList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	district, all, ok := a.districtOf(c, 0)
	if !ok { // a district account without a district sees no job
		writeJSON(w, http.StatusOK, page([]districtJobBody{}, l))
		return
	}
	ctx := r.Context()
	jobs, err := a.st.DistrictJobs(ctx, district, all, 100)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	done, err := a.st.DistrictJobsDone(ctx, district, all, 100)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := make([]districtJobBody, len(jobs))
	for i, j := range jobs {
		out[i] = jobBody(j, done[j.ID])
	}
	writeJSON(w, http.StatusOK, page(out, l))
}

// districtJobCreate queues a job over the district's schools; the worker
// starts it at once, one school at a time.
func (a *API) districtJobCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var in districtJobRequest
	if !decode(w, r, &in) {
		return
	}
	district, _, ok := a.districtOf(c, in.DistrictID)
	if !ok {
		notFound(w)
		return
	}
	schools, err := a.st.Schools(r.Context(), district)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	ids := make([]int64, len(schools))
	for i, sc := range schools {
		ids[i] = sc.ID
	}
	j := storage.DistrictJob{DistrictID: district, YearName: in.YearName, Semester: in.Semester}
	switch err := a.st.CreateDistrictJob(r.Context(), c.actor, &j, ids); {
	case errors.Is(err, storage.ErrRefused):
		fail(w, http.StatusUnprocessableEntity, err.Error())
	case err != nil:
		a.serverError(w, r, err)
	default:
		writeJSON(w, http.StatusAccepted, jobBody(j, 0))
	}
}

// districtJobShow answers one job with every school's progress.
func (a *API) districtJobShow(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	j, err := a.st.DistrictJob(r.Context(), id)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	if !a.authz.ManagesDistrict(c.user, j.DistrictID) {
		notFound(w)
		return
	}
	ps, err := a.st.DistrictJobSchools(r.Context(), j.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := jobBody(j, 0)
	for _, p := range ps {
		switch p.State {
		case storage.JobDone, storage.JobSkipped, storage.JobFailed:
			out.Done++
		}
		out.Schools = append(out.Schools, districtJobSchoolBody{SchoolID: p.SchoolID, SchoolName: p.SchoolName, State: p.State,
			Cycles: p.Cycles, Students: p.Students, Notes: p.Notes, Error: p.Error, Seconds: p.Seconds(), FinishedAt: p.FinishedAt})
	}
	writeJSON(w, http.StatusOK, out)
}

func init() {
	operations["GET /district/recompute-jobs"] = opDoc{Tag: "区域", Summary: "区域重新计算任务列表", Resp: districtJobBody{}, Paged: true,
		Desc: "最近 100 个区域重新计算任务，新的在前（教育局管理员：本区域；平台管理员：全部），与网页“区域重新计算”相同。"}
	operations["POST /district/recompute-jobs"] = opDoc{Tag: "区域", Summary: "发起区域重新计算", Body: districtJobRequest{}, Resp: districtJobBody{}, Status: http.StatusAccepted,
		Desc: "为区域内每所学校重新计算所选学期的评价结果：后台任务，一次一所学校，不阻塞评分提交；只重算已截止、已计算的评价周期，" +
			"公示中、已确认、评价中与草稿的周期跳过并注明原因。教育局管理员只能为本区域发起；平台管理员可指定 district_id（0 为全部学校）。" +
			"未选学期或区域没有学校时返回 422。"}
	operations["GET /district/recompute-jobs/{id}"] = opDoc{Tag: "区域", Summary: "区域重新计算任务进度", Resp: districtJobBody{},
		Desc: "任务及每所学校的进度、重算的周期数与学生数、跳过的原因和用时。其他区域的任务返回 404。"}
	schemaDocs["DistrictJob"] = "区域重新计算任务"
	schemaDocs["DistrictJobSchool"] = "一所学校在区域重新计算任务中的进度"
	schemaDocs["DistrictJobRequest"] = "发起区域重新计算"
	states := "：queued 等待、running 计算中、done 已完成、skipped 已跳过（没有可重算的周期）、failed 失败"
	for k, v := range map[string]string{
		"DistrictJob.district_id":        "区域编号；0 为全部学校（平台管理员发起）",
		"DistrictJob.term":               "学期名称，如 2025-2026学年第一学期",
		"DistrictJob.year_name":          "学年，如 2025-2026",
		"DistrictJob.semester":           "学期：1 第一学期、2 第二学期",
		"DistrictJob.state":              "任务状态" + states,
		"DistrictJob.total":              "学校数",
		"DistrictJob.done":               "已结束的学校数（完成、跳过或失败）",
		"DistrictJob.error":              "任务出错时的说明",
		"DistrictJob.created_by":         "发起人账号",
		"DistrictJob.started_at":         "开始时间",
		"DistrictJob.finished_at":        "结束时间",
		"DistrictJob.schools":            "各校进度（仅单个任务的详情中有）",
		"DistrictJobSchool.school_name":  "学校名称",
		"DistrictJobSchool.state":        "该校状态" + states,
		"DistrictJobSchool.cycles":       "重算的评价周期数",
		"DistrictJobSchool.students":     "这些周期中的学生数",
		"DistrictJobSchool.notes":        "跳过的周期及原因",
		"DistrictJobSchool.error":        "该校失败的原因",
		"DistrictJobSchool.seconds":      "该校用时（秒）",
		"DistrictJobSchool.finished_at":  "该校结束时间",
		"DistrictJobRequest.year_name":   "学年，如 2025-2026",
		"DistrictJobRequest.semester":    "学期：1 或 2",
		"DistrictJobRequest.district_id": "区域编号（仅平台管理员；0 为全部学校）；教育局管理员省略或填本区域",
	} {
		fieldDocs[k] = v
	}
}
