package api

import (
	"errors"
	"net/http"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// classPatch is the body of PATCH /classes/{id}: every field optional,
// absent fields unchanged. head_teacher_id 0 removes the head teacher.
type classPatch struct {
	Name          *string        `json:"name"`
	MajorID       *int64         `json:"major_id"`
	EntryYear     *int           `json:"entry_year"`
	Program       *model.Program `json:"program"`
	HeadTeacherID *int64         `json:"head_teacher_id"`
}

// classCreate is the body of POST /classes; name, major_id and entry_year
// are required (checked by validateClass).
type classCreate classPatch

func (p classPatch) apply(c *model.Class) {
	if p.Name != nil {
		c.Name = trim(p.Name)
	}
	if p.MajorID != nil {
		c.MajorID = *p.MajorID
	}
	if p.EntryYear != nil {
		c.EntryYear = *p.EntryYear
	}
	if p.Program != nil {
		c.Program = model.Program(trim((*string)(p.Program)))
	}
	if p.HeadTeacherID != nil {
		c.HeadTeacherID = *p.HeadTeacherID
	}
}

func (a *API) classList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := storage.ClassFilter{ListQuery: q.list(), DepartmentID: q.id("department"), MajorID: q.id("major"), EntryYear: q.year("year")}
	if !q.ok(w) {
		return
	}
	sc, err := a.scopeOf(r.Context(), c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if !sc.All {
		f.Scoped, f.ClassIDs = true, sc.ClassIDs
	}
	list, total, err := a.st.Classes(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(list, total, f.ListQuery))
}

// loadClass reads the class in the path; one outside the caller's school
// or scope does not exist for them.
func (a *API) loadClass(w http.ResponseWriter, r *http.Request, c *call) (model.Class, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return model.Class{}, false
	}
	cl, err := a.st.Class(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return cl, false
	}
	sc, err := a.scopeOf(r.Context(), c)
	if err != nil {
		a.serverError(w, r, err)
		return cl, false
	}
	if !sc.AllowsClass(cl.ID) {
		notFound(w)
		return cl, false
	}
	return cl, true
}

func (a *API) classShow(w http.ResponseWriter, r *http.Request, c *call) {
	if cl, ok := a.loadClass(w, r, c); ok {
		writeJSON(w, http.StatusOK, cl)
	}
}

func (a *API) classCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var in classCreate
	if !decode(w, r, &in) {
		return
	}
	var cl model.Class
	classPatch(in).apply(&cl)
	if !a.checkClass(w, r, c, &cl) {
		return
	}
	if err := a.st.CreateClass(r.Context(), c.school, c.actor, &cl); err != nil {
		a.storeErr(w, r, err)
		return
	}
	a.sendClass(w, r, c, cl.ID, http.StatusCreated)
}

func (a *API) classUpdate(w http.ResponseWriter, r *http.Request, c *call) {
	cl, ok := a.loadClass(w, r, c)
	if !ok {
		return
	}
	var in classPatch
	if !decode(w, r, &in) {
		return
	}
	in.apply(&cl)
	if !a.checkClass(w, r, c, &cl) {
		return
	}
	if err := a.st.UpdateClass(r.Context(), c.school, c.actor, cl); err != nil {
		a.storeErr(w, r, err)
		return
	}
	a.sendClass(w, r, c, cl.ID, http.StatusOK)
}

// checkClass validates the fields, then what only storage knows: the
// major and head teacher exist in this school (422) and the name is free
// (409).
func (a *API) checkClass(w http.ResponseWriter, r *http.Request, c *call, cl *model.Class) bool {
	ctx := r.Context()
	errs := validateClass(cl)
	if cl.MajorID > 0 {
		if _, err := a.st.Major(ctx, c.school, cl.MajorID); errors.Is(err, storage.ErrNotFound) {
			errs = append(errs, FieldError{Field: "major_id", Reason: "专业不存在"})
		} else if err != nil {
			a.serverError(w, r, err)
			return false
		}
	}
	if cl.HeadTeacherID != 0 {
		if _, err := a.st.Teacher(ctx, c.school, cl.HeadTeacherID); errors.Is(err, storage.ErrNotFound) {
			errs = append(errs, FieldError{Field: "head_teacher_id", Reason: "教师不存在"})
		} else if err != nil {
			a.serverError(w, r, err)
			return false
		}
	}
	if len(errs) > 0 {
		invalid(w, errs)
		return false
	}
	names, err := a.st.ClassNameIndex(ctx, c.school)
	if err != nil {
		a.serverError(w, r, err)
		return false
	}
	if id, taken := names[cl.Name]; taken && id != cl.ID {
		fail(w, http.StatusConflict, "班级「"+cl.Name+"」已存在", FieldError{Field: "name", Reason: "本校已有同名班级"})
		return false
	}
	return true
}

func (a *API) sendClass(w http.ResponseWriter, r *http.Request, c *call, id int64, status int) {
	cl, err := a.st.Class(r.Context(), c.school, id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", Prefix+"/classes/"+strconv.FormatInt(id, 10))
	}
	writeJSON(w, status, cl)
}
