package ui

import (
	"errors"
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// Entering and editing a record: pick the kind (big buttons, one tap on a
// phone), then only that kind's fields and an optional photo or PDF of
// the certificate. The 人事处 names the teacher (姓名 or 工号) and its
// records are verified at once; a teacher's own wait for review.

type developmentFormPage struct {
	Kinds       []teacherdev.Kind
	Kind        teacherdev.Kind
	Spec        teacherdev.Spec
	V           validate.DevelopmentText
	Teacher     string // the 人事处's choice, "姓名 工号"
	Office      bool
	Teachers    []research.TeacherRef
	Enterprises []model.Enterprise
	Errors      formErrors
	EditID      int64
	Today       string
}

func (s *Server) developmentNew(w http.ResponseWriter, r *http.Request) {
	d := developmentFormPage{Kinds: teacherdev.Kinds, Office: s.isDevelopmentOffice(r), Teacher: r.URL.Query().Get("teacher")}
	if k, ok := teacherdev.KindByName(r.URL.Query().Get("kind")); ok {
		d.Kind, d.V.Kind = k, string(k)
	}
	if !d.Office && userOf(r).TeacherID == 0 {
		s.errorPage(w, r, http.StatusForbidden, "您的账号没有关联教师档案，请联系人事处")
		return
	}
	s.renderDevelopmentForm(w, r, http.StatusOK, d)
}

func (s *Server) renderDevelopmentForm(w http.ResponseWriter, r *http.Request, status int, d developmentFormPage) {
	d.Spec, d.Today = teacherdev.SpecOf(d.Kind), storage.Today()
	var err error
	if d.Office && d.EditID == 0 && d.Kind != "" {
		d.Teachers, err = s.st.ResearchTeachers(r.Context(), schoolOf(r))
	}
	if err == nil && d.Spec.Enterprise {
		d.Enterprises, _, err = s.st.Enterprises(r.Context(), schoolOf(r), model.AllRows())
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	title := "新增培训与实践记录"
	if d.EditID != 0 {
		title = "修改培训与实践记录"
	}
	s.render(w, r, status, "development_records_form", title, d)
}

// readDevelopmentForm parses the posted record and its proof file.
func (s *Server) readDevelopmentForm(w http.ResponseWriter, r *http.Request) (developmentFormPage, model.DevelopmentRecord, []storage.ProofUpload) {
	r.Body = http.MaxBytesReader(w, r.Body, maxProofUpload)
	d := developmentFormPage{Kinds: teacherdev.Kinds, Office: s.isDevelopmentOffice(r)}
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		d.Errors.add("表单无法读取，请重新提交（证明材料不超过 10 MB）")
	}
	if msg := controlInForm(r); msg != "" {
		d.Errors.add(msg)
	}
	d.Kind, _ = teacherdev.KindByName(field(r, "kind"))
	d.Teacher = field(r, "teacher")
	d.V = validate.DevelopmentText{Kind: string(d.Kind), Title: field(r, "title"), Provider: field(r, "provider"), StartsOn: field(r, "starts_on"),
		EndsOn: field(r, "ends_on"), Hours: field(r, "hours"), Days: field(r, "days"), EnterpriseID: field(r, "enterprise_id"),
		Issuer: field(r, "issuer"), Number: field(r, "number"), Level: field(r, "level"), ExpiresOn: field(r, "expires_on")}
	rec := validate.DevelopmentRecord(d.V, &d.Errors)
	return d, rec, proofUploads(r, &d.Errors)
}

// developmentTeacherOf is whose record a new one is: the teacher the
// 人事处 named, or the user's own.
func (s *Server) developmentTeacherOf(r *http.Request, d *developmentFormPage) (int64, error) {
	if !d.Office {
		if id := userOf(r).TeacherID; id != 0 {
			return id, nil
		}
		d.Errors.add("您的账号没有关联教师档案，请联系人事处")
		return 0, nil
	}
	if d.Teacher == "" {
		d.Errors.add("请填写教师")
		return 0, nil
	}
	ts, err := s.st.ResearchTeachers(r.Context(), schoolOf(r))
	if err != nil {
		return 0, err
	}
	t, err := research.FindTeacher(d.Teacher, ts)
	if err != nil {
		d.Errors.add("教师：" + err.Error())
		return 0, nil
	}
	return t.ID, nil
}

func (s *Server) developmentCreate(w http.ResponseWriter, r *http.Request) {
	d, rec, proofs := s.readDevelopmentForm(w, r)
	if d.Kind == "" {
		d.Errors = nil
		s.renderDevelopmentForm(w, r, http.StatusOK, d)
		return
	}
	var err error
	if rec.TeacherID, err = s.developmentTeacherOf(r, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	if !d.Errors.any() {
		err = s.st.CreateDevelopmentRecord(r.Context(), schoolOf(r), actor(r), &rec, storage.DevelopmentWrite{Office: d.Office, WriterTeacherID: userOf(r).TeacherID, Proofs: proofs})
		if !d.Errors.refused(err) {
			if err != nil {
				s.serverError(w, r, err)
				return
			}
			done := "记录已提交，等待人事处核实"
			if rec.Status == teacherdev.StatusVerified {
				done = "记录已保存（已核实）"
			}
			s.redirect(w, r, "/development/records/"+itoa64(rec.ID), done)
			return
		}
	}
	s.renderDevelopmentForm(w, r, http.StatusUnprocessableEntity, d)
}

// developmentEdit shows the form filled with the record's values.
func (s *Server) developmentEdit(w http.ResponseWriter, r *http.Request) {
	rec, ok := s.loadDevelopmentChangeable(w, r)
	if !ok {
		return
	}
	d := developmentFormPage{Kinds: teacherdev.Kinds, Kind: teacherdev.Kind(rec.Kind), V: validate.DevelopmentTextOf(rec), EditID: rec.ID,
		Office: s.isDevelopmentOffice(r), Teacher: rec.TeacherName + " " + rec.StaffNo}
	s.renderDevelopmentForm(w, r, http.StatusOK, d)
}

func (s *Server) developmentUpdate(w http.ResponseWriter, r *http.Request) {
	old, ok := s.loadDevelopmentChangeable(w, r)
	if !ok {
		return
	}
	d, rec, _ := s.readDevelopmentForm(w, r)
	d.EditID, rec.ID, d.Teacher = old.ID, old.ID, old.TeacherName+" "+old.StaffNo
	if d.Kind == "" {
		d.Errors.add("请选择记录类别")
	}
	if !d.Errors.any() {
		err := s.st.UpdateDevelopmentRecord(r.Context(), schoolOf(r), actor(r), &rec, storage.DevelopmentWrite{Office: d.Office, WriterTeacherID: userOf(r).TeacherID})
		if !d.Errors.refused(err) {
			if err != nil {
				s.notFoundOr(w, r, err)
				return
			}
			s.redirect(w, r, "/development/records/"+itoa64(rec.ID), "已保存修改")
			return
		}
	}
	s.renderDevelopmentForm(w, r, http.StatusUnprocessableEntity, d)
}
