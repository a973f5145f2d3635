package api

import (
	"net/http"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Teachers are not narrowed by auth.Scope (it describes students and
// classes); teacher:read is held only by school-level offices and
// department heads, who see the whole staff list as on the pages.

// teacherCreate is the body of POST /teachers; staff_no and name are
// required. 双师型 (dual_level, dual_qualified in responses) is read
// only: a recognition, given through /development/recognitions.
type teacherCreate struct {
	StaffNo      *string       `json:"staff_no"`
	Name         *string       `json:"name"`
	Gender       *model.Gender `json:"gender"`
	Title        *string       `json:"title"`
	DepartmentID *int64        `json:"department_id"`
	HiredOn      *string       `json:"hired_on"`
	Phone        *string       `json:"phone"`
	IDNumber     *string       `json:"id_number"`
}

// teacherPatch is the body of PATCH /teachers/{id}: absent fields are
// unchanged; active false marks a teacher who has left (never deleted).
type teacherPatch struct {
	teacherCreate
	Active *bool `json:"active"`
}

func (p teacherCreate) apply(t *model.Teacher) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = trim(v)
		}
	}
	set(&t.StaffNo, p.StaffNo)
	set(&t.Name, p.Name)
	set(&t.Title, p.Title)
	set(&t.Phone, p.Phone)
	set(&t.IDNumber, p.IDNumber)
	set(&t.HiredOn, p.HiredOn)
	if p.Gender != nil {
		t.Gender = model.Gender(trim((*string)(p.Gender)))
	}
	if p.DepartmentID != nil {
		t.DepartmentID = *p.DepartmentID
	}
}

func (a *API) teacherList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.TeacherFilter{ListQuery: q.list(), DepartmentID: q.id("department"), DualQualified: q.boolean("dual_qualified")}
	if !q.ok(w) {
		return
	}
	list, total, err := a.st.Teachers(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(maskList(list, maskTeacher), total, f.ListQuery))
}

func (a *API) loadTeacher(w http.ResponseWriter, r *http.Request, c *call) (model.Teacher, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return model.Teacher{}, false
	}
	t, err := a.st.Teacher(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return t, false
	}
	return t, true
}

func (a *API) teacherShow(w http.ResponseWriter, r *http.Request, c *call) {
	if t, ok := a.loadTeacher(w, r, c); ok {
		writeJSON(w, http.StatusOK, maskTeacher(t, a.wholeIDs(c)))
	}
}

func (a *API) teacherCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var in teacherCreate
	if !decode(w, r, &in) {
		return
	}
	var t model.Teacher
	in.apply(&t)
	if !a.checkTeacher(w, r, c, &t) {
		return
	}
	if err := a.st.CreateTeacher(r.Context(), c.school, c.actor, &t); err != nil {
		a.storeErr(w, r, err)
		return
	}
	a.sendTeacher(w, r, c, t.ID, http.StatusCreated)
}

func (a *API) teacherUpdate(w http.ResponseWriter, r *http.Request, c *call) {
	t, ok := a.loadTeacher(w, r, c)
	if !ok {
		return
	}
	var in teacherPatch
	if !decode(w, r, &in) {
		return
	}
	in.apply(&t)
	if in.Active != nil {
		t.Active = *in.Active
	}
	if !a.checkTeacher(w, r, c, &t) {
		return
	}
	if err := a.st.UpdateTeacher(r.Context(), c.school, c.actor, t); err != nil {
		a.storeErr(w, r, err)
		return
	}
	a.sendTeacher(w, r, c, t.ID, http.StatusOK)
}

// checkTeacher validates the fields, that the department exists here
// (422) and that the 工号 is free (409).
func (a *API) checkTeacher(w http.ResponseWriter, r *http.Request, c *call, t *model.Teacher) bool {
	ctx := r.Context()
	errs := validateTeacher(t)
	if t.DepartmentID != 0 {
		ds, err := a.st.Departments(ctx, c.school)
		if err != nil {
			a.serverError(w, r, err)
			return false
		}
		found := false
		for _, d := range ds {
			found = found || d.ID == t.DepartmentID
		}
		if !found {
			errs = append(errs, FieldError{Field: "department_id", Reason: "专业部不存在"})
		}
	}
	if len(errs) > 0 {
		invalid(w, errs)
		return false
	}
	staff, err := a.st.TeacherStaffIndex(ctx, c.school)
	if err != nil {
		a.serverError(w, r, err)
		return false
	}
	if id, taken := staff[t.StaffNo]; taken && id != t.ID {
		fail(w, http.StatusConflict, "工号 "+t.StaffNo+" 已存在", FieldError{Field: "staff_no", Reason: "本校已有教师使用此工号"})
		return false
	}
	return true
}

func (a *API) sendTeacher(w http.ResponseWriter, r *http.Request, c *call, id int64, status int) {
	t, err := a.st.Teacher(r.Context(), c.school, id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", Prefix+"/teachers/"+strconv.FormatInt(id, 10))
	}
	writeJSON(w, status, maskTeacher(t, a.wholeIDs(c)))
}
