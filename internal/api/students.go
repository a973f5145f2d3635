package api

import (
	"errors"
	"net/http"
	"strconv"

	"zhijiao/internal/httpx"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// studentPatch is the body of PATCH /students/{id}: absent fields are
// unchanged. The enrollment status is not here: it changes only through
// POST /students/{id}/enrollment, which keeps the dated history.
type studentPatch struct {
	StudentNo      *string       `json:"student_no"`
	Name           *string       `json:"name"`
	Gender         *model.Gender `json:"gender"`
	IDType         *model.IDType `json:"id_type"`
	IDNumber       *string       `json:"id_number"`
	RegistrationNo *string       `json:"registration_no"`
	BirthDate      *string       `json:"birth_date"`
	Ethnicity      *string       `json:"ethnicity"`
	Phone          *string       `json:"phone"`
	ClassID        *int64        `json:"class_id"`
}

// studentCreate is the body of POST /students; student_no, name and
// class_id are required, gender too unless the ID number implies it.
type studentCreate struct {
	studentPatch
	EnrollmentStatus *model.EnrollmentStatus `json:"enrollment_status"`
}

func (p studentPatch) apply(s *model.Student) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = trim(v)
		}
	}
	set(&s.StudentNo, p.StudentNo)
	set(&s.Name, p.Name)
	set(&s.IDNumber, p.IDNumber)
	set(&s.RegistrationNo, p.RegistrationNo)
	set(&s.BirthDate, p.BirthDate)
	set(&s.Ethnicity, p.Ethnicity)
	set(&s.Phone, p.Phone)
	if p.Gender != nil {
		s.Gender = model.Gender(trim((*string)(p.Gender)))
	}
	if p.IDType != nil {
		s.IDType = model.IDType(trim((*string)(p.IDType)))
	}
	if p.ClassID != nil {
		s.ClassID = *p.ClassID
	}
	// A new ID number brings its own birth date unless one is sent with
	// it: keeping the stored date would contradict the number. A number
	// that does not parse keeps the date and fails validation instead.
	if (p.IDNumber != nil || p.IDType != nil) && p.BirthDate == nil && idLayout(s.IDType) {
		if _, birth, err := idcheck.IDNumber(s.IDNumber); err == nil {
			s.BirthDate = birth
		}
	}
}

// studentFilter reads the student list's filters, the same as the page's.
func studentFilter(q *query) storage.StudentFilter {
	return storage.StudentFilter{ListQuery: q.list(), ClassID: q.id("class"), MajorID: q.id("major"), DepartmentID: q.id("department"),
		EntryYear: q.year("year"), Status: q.status("status")}
}

func (a *API) studentList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	f := studentFilter(q)
	if !q.ok(w) {
		return
	}
	if !a.scopeStudents(w, r, c, &f) {
		return
	}
	list, total, err := a.st.Students(r.Context(), c.school, f)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, listOf(maskList(list, maskStudent), total, f.ListQuery))
}

// scopeStudents narrows a filter to the caller's scope, as the list page
// and the export do.
func (a *API) scopeStudents(w http.ResponseWriter, r *http.Request, c *call, f *storage.StudentFilter) bool {
	sc, err := a.scopeOf(r.Context(), c)
	if err != nil {
		a.serverError(w, r, err)
		return false
	}
	if !sc.All {
		f.Scoped, f.ClassIDs, f.StudentIDs = true, sc.ClassIDs, sc.StudentIDs
	}
	return true
}

// loadStudent reads the student in the path. Another school's student,
// or one outside the caller's scope, is "not found", never "forbidden".
func (a *API) loadStudent(w http.ResponseWriter, r *http.Request, c *call) (model.Student, bool) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return model.Student{}, false
	}
	s, err := a.st.Student(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return s, false
	}
	sc, err := a.scopeOf(r.Context(), c)
	if err != nil {
		a.serverError(w, r, err)
		return s, false
	}
	if !sc.AllowsStudent(s.ID, s.ClassID) {
		notFound(w)
		return s, false
	}
	return s, true
}

func (a *API) studentShow(w http.ResponseWriter, r *http.Request, c *call) {
	if s, ok := a.loadStudent(w, r, c); ok {
		writeJSON(w, http.StatusOK, maskStudent(s, a.wholeIDs(c)))
	}
}

func (a *API) studentCreate(w http.ResponseWriter, r *http.Request, c *call) {
	var in studentCreate
	if !decode(w, r, &in) {
		return
	}
	var s model.Student
	in.apply(&s)
	if in.EnrollmentStatus != nil {
		s.EnrollmentStatus = model.EnrollmentStatus(trim((*string)(in.EnrollmentStatus)))
	}
	if !a.checkStudent(w, r, c, &s) {
		return
	}
	if err := a.st.CreateStudent(r.Context(), c.school, c.actor, &s); err != nil {
		a.storeErr(w, r, err)
		return
	}
	a.sendStudent(w, r, c, s.ID, http.StatusCreated)
}

func (a *API) studentUpdate(w http.ResponseWriter, r *http.Request, c *call) {
	s, ok := a.loadStudent(w, r, c)
	if !ok {
		return
	}
	var in studentPatch
	if !decode(w, r, &in) {
		return
	}
	in.apply(&s)
	if !a.checkStudent(w, r, c, &s) {
		return
	}
	if err := a.st.UpdateStudent(r.Context(), c.school, c.actor, s); err != nil {
		a.storeErr(w, r, err)
		return
	}
	a.sendStudent(w, r, c, s.ID, http.StatusOK)
}

// checkStudent validates with the form's rules, then what only storage
// knows: the class exists here and is one the caller may place students
// in (else 422, worded like a missing class so scope does not leak), and
// the 学号 is free (409).
func (a *API) checkStudent(w http.ResponseWriter, r *http.Request, c *call, s *model.Student) bool {
	ctx := r.Context()
	errs := ValidateStudent(s)
	if s.ClassID > 0 {
		sc, err := a.scopeOf(ctx, c)
		if err != nil {
			a.serverError(w, r, err)
			return false
		}
		_, err = a.st.Class(ctx, c.school, s.ClassID)
		switch {
		case errors.Is(err, storage.ErrNotFound) || (err == nil && !sc.AllowsClass(s.ClassID)):
			errs = append(errs, FieldError{Field: "class_id", Reason: "班级不存在"})
		case err != nil:
			a.serverError(w, r, err)
			return false
		}
	}
	if len(errs) > 0 {
		invalid(w, errs)
		return false
	}
	other, err := a.st.StudentByNo(ctx, c.school, s.StudentNo)
	if err == nil && other.ID != s.ID {
		fail(w, http.StatusConflict, "学号 "+s.StudentNo+" 已存在", FieldError{Field: "student_no", Reason: "本校已有学生使用此学号"})
		return false
	}
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		a.serverError(w, r, err)
		return false
	}
	return true
}

func (a *API) sendStudent(w http.ResponseWriter, r *http.Request, c *call, id int64, status int) {
	s, err := a.st.Student(r.Context(), c.school, id)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if status == http.StatusCreated {
		w.Header().Set("Location", Prefix+"/students/"+strconv.FormatInt(id, 10))
	}
	writeJSON(w, status, maskStudent(s, a.wholeIDs(c)))
}
