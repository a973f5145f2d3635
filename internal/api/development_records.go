package api

import (
	"net/http"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// 培训与实践记录 through the API (docs/teachers.md section 1), with the
// storage methods and validate rules of the pages: the caller's records
// (all for development:read, the departments' for development:read_dept,
// else their own), entry, edit, deletion with a reason and the 人事处's
// review.

// developmentInputBody is a record as sent (POST and PUT). Numbers are
// numbers; the teacher is named by id or 工号 (the 人事处 only).
type developmentInputBody struct {
	TeacherID    int64   `json:"teacher_id,omitempty"`
	StaffNo      string  `json:"staff_no,omitempty"`
	Kind         string  `json:"kind"`
	Title        string  `json:"title"`
	Provider     string  `json:"provider,omitempty"`
	StartsOn     string  `json:"starts_on"`
	EndsOn       string  `json:"ends_on,omitempty"`
	Hours        float64 `json:"hours,omitempty"`
	Days         float64 `json:"days,omitempty"`
	EnterpriseID int64   `json:"enterprise_id,omitempty"`
	Issuer       string  `json:"issuer,omitempty"`
	Number       string  `json:"number,omitempty"`
	Level        string  `json:"level,omitempty"`
	ExpiresOn    string  `json:"expires_on,omitempty"`
}

// developmentReviewBody is the 人事处's decision on a record.
type developmentReviewBody struct {
	Decision string `json:"decision"`
	Reason   string `json:"reason,omitempty"`
}

func (a *API) developmentScope(r *http.Request, c *call) (storage.DevelopmentScope, error) {
	if a.authz.Can(c.user, "development:read") {
		return storage.DevelopmentScope{All: true}, nil
	}
	var sc storage.DevelopmentScope
	if c.user.TeacherID != 0 {
		sc.Teachers = []int64{c.user.TeacherID}
	}
	if a.authz.Can(c.user, "development:read_dept") {
		depts, err := a.st.DepartmentsHeadedBy(r.Context(), c.school, c.user.ID)
		if err != nil {
			return sc, err
		}
		sc.Departments = depts
	}
	return sc, nil
}

func (a *API) developmentList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.DevelopmentFilter{ListQuery: q.list(), Kind: q.str("kind"), Status: q.str("status"), TeacherID: q.id("teacher"),
		DepartmentID: q.id("department"), BatchID: q.id("batch")}
	if y := q.str("year"); y != "" {
		if n, err := strconv.Atoi(y); err == nil && n >= 1980 && n <= 2100 {
			f.Year = n
		} else {
			q.errs = append(q.errs, FieldError{Field: "year", Reason: "应为四位年份，如 2026"})
		}
	}
	if !q.ok(w) {
		return
	}
	sc, err := a.developmentScope(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	f.Scope = sc
	rows, total, err := a.st.ListDevelopmentRecords(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(orEmpty(rows), total, f.ListQuery))
}

// developmentRecord reads the record in the path; outside the caller's
// reach it is not found (404), as another school's is.
func (a *API) developmentRecord(w http.ResponseWriter, r *http.Request, c *call) (model.DevelopmentRecord, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return model.DevelopmentRecord{}, false
	}
	d, err := a.st.DevelopmentRecord(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return d, false
	}
	sc, err := a.developmentScope(r, c)
	if err != nil {
		a.serverError(w, r, err)
		return d, false
	}
	if !sc.Allows(d) {
		notFound(w)
		return d, false
	}
	return d, true
}

func (a *API) developmentShow(w http.ResponseWriter, r *http.Request, c *call) {
	if d, ok := a.developmentRecord(w, r, c); ok {
		writeJSON(w, http.StatusOK, d)
	}
}

// developmentChangeable answers 403 unless the caller may change the
// record; a deleted record is not found.
func (a *API) developmentChangeable(w http.ResponseWriter, r *http.Request, c *call) (model.DevelopmentRecord, bool) {
	d, ok := a.developmentRecord(w, r, c)
	switch {
	case !ok:
	case d.Deleted:
		notFound(w)
	case !d.ChangeableBy(c.user.TeacherID, a.authz.Can(c.user, "development:verify")):
		fail(w, http.StatusForbidden, "已核实的记录请联系人事处修改")
	default:
		return d, true
	}
	return d, false
}

// readDevelopment decodes and checks a body with the form's rules.
func (a *API) readDevelopment(w http.ResponseWriter, r *http.Request) (model.DevelopmentRecord, developmentInputBody, bool) {
	var b developmentInputBody
	if !decode(w, r, &b) {
		return model.DevelopmentRecord{}, b, false
	}
	d, ok := a.checkDevelopment(w, b)
	return d, b, ok
}

// checkDevelopment checks a sent record with the form's rules; a bad one
// answers 422 with each field's reason.
func (a *API) checkDevelopment(w http.ResponseWriter, b developmentInputBody) (model.DevelopmentRecord, bool) {
	num := func(f float64) string {
		if f == 0 {
			return ""
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	in := validate.DevelopmentText{Kind: b.Kind, Title: b.Title, Provider: b.Provider, StartsOn: b.StartsOn, EndsOn: b.EndsOn, Hours: num(b.Hours), Days: num(b.Days),
		Issuer: b.Issuer, Number: b.Number, Level: b.Level, ExpiresOn: b.ExpiresOn}
	if b.EnterpriseID != 0 {
		in.EnterpriseID = strconv.FormatInt(b.EnterpriseID, 10)
	}
	var rep fieldReporter
	d := validate.DevelopmentRecord(in, &rep)
	if len(rep) > 0 {
		invalid(w, rep)
		return d, false
	}
	return d, true
}

func (a *API) developmentCreate(w http.ResponseWriter, r *http.Request, c *call) {
	d, b, ok := a.readDevelopment(w, r)
	if !ok {
		return
	}
	office := a.authz.Can(c.user, "development:verify")
	switch {
	case !office:
		d.TeacherID = c.user.TeacherID
		if d.TeacherID == 0 || (b.TeacherID != 0 && b.TeacherID != d.TeacherID) {
			fail(w, http.StatusForbidden, "教师只能录入本人的记录")
			return
		}
	case b.TeacherID != 0:
		d.TeacherID = b.TeacherID
	default:
		ts, err := a.st.ResearchTeachers(r.Context(), c.school)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		t, err := research.FindTeacher(b.StaffNo, ts)
		if err != nil || b.StaffNo == "" {
			invalid(w, []FieldError{{Field: "teacher_id", Reason: "请给出本校教师的 teacher_id 或 staff_no"}})
			return
		}
		d.TeacherID = t.ID
	}
	if err := a.st.CreateDevelopmentRecord(r.Context(), c.school, c.actor, &d, storage.DevelopmentWrite{Office: office, WriterTeacherID: c.user.TeacherID}); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	a.developmentRespond(w, r, c, d.ID, http.StatusCreated)
}

// developmentRespond answers with the record as stored (names joined).
func (a *API) developmentRespond(w http.ResponseWriter, r *http.Request, c *call, id int64, status int) {
	d, err := a.st.DevelopmentRecord(r.Context(), c.school, id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, status, d)
}

func (a *API) developmentUpdate(w http.ResponseWriter, r *http.Request, c *call) {
	old, ok := a.developmentChangeable(w, r, c)
	if !ok {
		return
	}
	d, _, ok := a.readDevelopment(w, r)
	if !ok {
		return
	}
	d.ID = old.ID
	if err := a.st.UpdateDevelopmentRecord(r.Context(), c.school, c.actor, &d, storage.DevelopmentWrite{Office: a.authz.Can(c.user, "development:verify"), WriterTeacherID: c.user.TeacherID}); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	a.developmentRespond(w, r, c, d.ID, http.StatusOK)
}

func (a *API) developmentDelete(w http.ResponseWriter, r *http.Request, c *call) {
	d, ok := a.developmentChangeable(w, r, c)
	if !ok {
		return
	}
	if err := a.st.DeleteDevelopmentRecord(r.Context(), c.school, c.actor, d.ID, r.URL.Query().Get("reason")); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (a *API) developmentReview(w http.ResponseWriter, r *http.Request, c *call) {
	d, ok := a.developmentRecord(w, r, c)
	if !ok {
		return
	}
	var b developmentReviewBody
	if !decode(w, r, &b) {
		return
	}
	if b.Decision != "verify" && b.Decision != "reject" {
		invalid(w, []FieldError{{Field: "decision", Reason: "应为 verify 或 reject"}})
		return
	}
	if err := a.st.ReviewDevelopmentRecords(r.Context(), c.school, c.actor, c.user.TeacherID, []int64{d.ID}, b.Decision == "verify", b.Reason); err != nil {
		a.researchWriteErr(w, r, err)
		return
	}
	a.developmentRespond(w, r, c, d.ID, http.StatusOK)
}
