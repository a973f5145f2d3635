package ui

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
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
	classes, _, err := s.st.Classes(r.Context(), schoolOf(r), storage.ClassFilter{ListQuery: model.ListQuery{PerPage: 500}})
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

// studentFromForm reads and checks the form with the same rules as a
// roster import (ID checksum, birth date agreement, phone).
func studentFromForm(r *http.Request) (model.Student, []string) {
	f := func(k string) string { return strings.TrimSpace(r.FormValue(k)) }
	st := model.Student{StudentNo: f("student_no"), Name: f("name"), Gender: model.Gender(f("gender")), IDType: model.IDType(f("id_type")),
		IDNumber: f("id_number"), RegistrationNo: f("registration_no"), BirthDate: f("birth_date"), Ethnicity: f("ethnicity"),
		Phone: f("phone"), ClassID: formInt(r, "class_id"), EnrollmentStatus: model.EnrollmentStatus(f("enrollment_status"))}
	var errs []string
	if st.StudentNo == "" {
		errs = append(errs, "学号不能为空")
	}
	if st.Name == "" {
		errs = append(errs, "姓名不能为空")
	}
	if st.IDNumber != "" && (st.IDType == "" || st.IDType == model.IDResident || st.IDType == model.IDHKMacauResident || st.IDType == model.IDTaiwanResident || st.IDType == model.IDForeignPR) {
		norm, birth, err := idcheck.IDNumber(st.IDNumber)
		if err != nil {
			errs = append(errs, "证件号码："+err.Error())
		} else {
			st.IDNumber, st.IDType = norm, idcheck.Kind(norm)
			if st.BirthDate == "" {
				st.BirthDate = birth
			} else if st.BirthDate != birth {
				errs = append(errs, "出生日期 "+st.BirthDate+" 与身份证号中的出生日期 "+birth+" 不一致")
			}
		}
	}
	if st.Phone != "" {
		p, err := idcheck.Phone(st.Phone)
		if err != nil {
			errs = append(errs, "联系电话："+err.Error())
		}
		st.Phone = p
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
