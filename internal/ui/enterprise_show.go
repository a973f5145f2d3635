package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// PlacementKinds are the ways a student works with an enterprise mentor.
var PlacementKinds = []string{model.PlacementApprenticeship, model.PlacementInternship, model.PlacementShadowing}

type enterpriseShowData struct {
	Enterprise model.Enterprise
	Mentors    []model.Mentor
	Placements []storage.EnterprisePlacement
	Kinds      []string
	Errors     formErrors
	Form       string // "mentor" or "placement"
	NewMentor  model.Mentor
	NewPlace   model.Placement
	StudentNo  string
}

func (s *Server) loadEnterprise(w http.ResponseWriter, r *http.Request) (model.Enterprise, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.Enterprise{}, false
	}
	e, err := s.st.Enterprise(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return e, false
	}
	return e, true
}

func (s *Server) enterprisePage(w http.ResponseWriter, r *http.Request, status int, d enterpriseShowData) {
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Mentors, err = s.st.Mentors(ctx, school, d.Enterprise.ID); err == nil {
		d.Placements, err = s.st.PlacementsOfEnterprise(ctx, school, d.Enterprise.ID)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Kinds = PlacementKinds
	if d.NewPlace.Kind == "" {
		d.NewPlace.Kind = model.PlacementApprenticeship
	}
	if d.NewPlace.StartDate == "" {
		d.NewPlace.StartDate = today()
	}
	s.render(w, r, status, "enterprise_show", d.Enterprise.Name, d)
}

// enterpriseShow is one enterprise with its mentors and placements.
func (s *Server) enterpriseShow(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEnterprise(w, r)
	if !ok {
		return
	}
	s.enterprisePage(w, r, http.StatusOK, enterpriseShowData{Enterprise: e})
}

// mentorCreate adds an 企业导师 of this enterprise.
func (s *Server) mentorCreate(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEnterprise(w, r)
	if !ok {
		return
	}
	m := model.Mentor{EnterpriseID: e.ID, Name: field(r, "name"), Title: field(r, "title"), Phone: field(r, "phone")}
	var errs formErrors
	if m.Name == "" {
		errs.add("导师姓名不能为空")
	}
	maxLen(&errs, "导师姓名", m.Name, 50)
	maxLen(&errs, "职务", m.Title, 50)
	if m.Phone != "" {
		p, err := idcheck.Phone(m.Phone)
		errs.addErr("联系电话", err)
		if err == nil {
			m.Phone = p
		}
	}
	if !errs.any() {
		errs.addErr("", s.st.CreateMentor(r.Context(), schoolOf(r), actor(r), &m))
	}
	if errs.any() {
		s.enterprisePage(w, r, http.StatusUnprocessableEntity, enterpriseShowData{Enterprise: e, Errors: errs, Form: "mentor", NewMentor: m})
		return
	}
	s.redirect(w, r, "/enterprises/"+itoa64(e.ID), "已新增企业导师")
}

// placementCreate puts a student (found by 学号) with one of this
// enterprise's mentors.
func (s *Server) placementCreate(w http.ResponseWriter, r *http.Request) {
	e, ok := s.loadEnterprise(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	no := field(r, "student_no")
	p := model.Placement{MentorID: formInt(r, "mentor_id"), Kind: field(r, "kind"), StartDate: field(r, "start_date"), EndDate: field(r, "end_date")}
	var errs formErrors
	if no == "" {
		errs.add("请填写学生学号")
	} else if st, err := s.st.StudentByNo(ctx, school, no); err != nil {
		errs.add("学号 " + no + " 的学生不存在")
	} else {
		p.StudentID = st.ID
	}
	mentors, err := s.st.Mentors(ctx, school, e.ID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !slices.ContainsFunc(mentors, func(m model.Mentor) bool { return m.ID == p.MentorID }) {
		errs.add("请选择本企业的企业导师")
	}
	if !slices.Contains(PlacementKinds, p.Kind) {
		errs.add("请选择类型：现代学徒制、顶岗实习或跟岗实习")
	}
	checkDates(&errs, p.StartDate, p.EndDate, false)
	if !errs.any() {
		errs.addErr("", s.st.CreatePlacement(ctx, school, actor(r), &p))
	}
	if errs.any() {
		s.enterprisePage(w, r, http.StatusUnprocessableEntity, enterpriseShowData{Enterprise: e, Errors: errs, Form: "placement", NewPlace: p, StudentNo: no})
		return
	}
	s.redirect(w, r, "/enterprises/"+itoa64(e.ID), "已登记学徒/实习安排")
}
