package ui

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

type studentFormData struct {
	Student  model.Student
	Classes  []model.Class
	IDTypes  []model.IDType
	Statuses []model.EnrollmentStatus
	Errors   []string
	New      bool
}

func today() string { return time.Now().In(displayZone).Format("2006-01-02") }

func (s *Server) studentFormPage(w http.ResponseWriter, r *http.Request, status int, d studentFormData) {
	classes, _, err := s.st.Classes(r.Context(), schoolOf(r), storage.ClassFilter{ListQuery: model.AllRows()})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Classes, d.IDTypes, d.Statuses = classes, model.IDTypes, model.EnrollmentStatuses
	title := "编辑学生"
	if d.New {
		title = "新增学生"
	}
	s.render(w, r, status, "student_form", title, d)
}

func (s *Server) studentNew(w http.ResponseWriter, r *http.Request) {
	s.studentFormPage(w, r, http.StatusOK, studentFormData{New: true, Student: model.Student{Gender: model.Male, IDType: model.IDResident, ClassID: queryInt(r, "class")}})
}

func (s *Server) studentEdit(w http.ResponseWriter, r *http.Request) {
	st, ok := s.loadStudent(w, r)
	if !ok {
		return
	}
	s.studentFormPage(w, r, http.StatusOK, studentFormData{Student: st})
}

// studentFieldLabels name the form's fields in error messages.
var studentFieldLabels = map[string]string{"student_no": "学号", "name": "姓名", "gender": "性别", "id_type": "证件类型", "id_number": "证件号码",
	"birth_date": "出生日期", "ethnicity": "民族", "registration_no": "学籍号", "phone": "联系电话", "class_id": "班级", "enrollment_status": "学籍状态"}

// studentFromForm reads the form and checks it with the rules the API and
// the roster import use (package validate): ID checksum, birth date
// agreeing with the ID, phone format.
func studentFromForm(r *http.Request) (model.Student, []string) {
	f := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	st := model.Student{StudentNo: f("student_no"), Name: f("name"), Gender: model.Gender(f("gender")), IDType: model.IDType(f("id_type")),
		IDNumber: f("id_number"), RegistrationNo: f("registration_no"), BirthDate: f("birth_date"), Ethnicity: f("ethnicity"),
		Phone: f("phone"), ClassID: formInt(r, "class_id"), EnrollmentStatus: model.EnrollmentStatus(f("enrollment_status"))}
	var errs []string
	for _, e := range validate.Student(&st) {
		label := studentFieldLabels[e.Field]
		if label == "" || strings.HasPrefix(e.Reason, label) {
			errs = append(errs, e.Reason)
		} else {
			errs = append(errs, label+"："+e.Reason)
		}
	}
	return st, errs
}

func (s *Server) studentCreate(w http.ResponseWriter, r *http.Request) {
	st, errs := studentFromForm(r)
	if len(errs) == 0 {
		if err := s.st.CreateStudent(r.Context(), schoolOf(r), actor(r), &st); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		s.studentFormPage(w, r, http.StatusUnprocessableEntity, studentFormData{New: true, Student: st, Errors: errs})
		return
	}
	s.flash(r, "已新增学生")
	http.Redirect(w, r, "/students/"+strconv.FormatInt(st.ID, 10), http.StatusSeeOther)
}

func (s *Server) studentUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.loadStudent(w, r)
	if !ok {
		return
	}
	st, errs := studentFromForm(r)
	st.ID = old.ID
	st.EnrollmentStatus = old.EnrollmentStatus
	if len(errs) == 0 {
		if err := s.st.UpdateStudent(r.Context(), schoolOf(r), actor(r), st); err != nil {
			errs = append(errs, err.Error())
		}
	}
	if len(errs) > 0 {
		s.studentFormPage(w, r, http.StatusUnprocessableEntity, studentFormData{Student: st, Errors: errs})
		return
	}
	s.flash(r, "已保存")
	http.Redirect(w, r, "/students/"+strconv.FormatInt(st.ID, 10), http.StatusSeeOther)
}
