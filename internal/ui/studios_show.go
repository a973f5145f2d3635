package ui

import (
	"net/http"
	"strconv"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// One studio: its facts, members (current and past), term plans,
// activities with the outputs they produced, and for the 人事处 the forms
// that keep them.

type studioShowPage struct {
	Studio     teacherdev.Studio
	Members    []teacherdev.StudioMember
	Plans      []teacherdev.StudioPlan
	Activities []teacherdev.StudioActivity
	Outputs    []teacherdev.StudioActivity // the activities with a linked output
	Year       int
	MayManage  bool
	Edit       validate.StudioText
	Kinds      []string
	Levels     []string
	Roles      []string
	ActKinds   []string
	Teachers   []model.Teacher
	Terms      []model.Term
	Choices    []storage.OutputChoice
	Errors     formErrors
}

func (s *Server) studioShowData(r *http.Request, x teacherdev.Studio) (studioShowPage, error) {
	ctx, sid := r.Context(), schoolOf(r)
	d := studioShowPage{Studio: x, Year: time.Now().Year(), MayManage: s.authz.Can(userOf(r), "studio:manage"),
		Kinds: teacherdev.StudioKinds, Levels: teacherdev.StudioLevels, Roles: teacherdev.MemberRoles, ActKinds: teacherdev.ActivityKinds,
		Edit: validate.StudioText{Name: x.Name, Kind: x.Kind, Level: x.Level, Host: itoa64(x.HostTeacherID), FoundedOn: x.FoundedOn, ClosedOn: x.ClosedOn, Description: x.Description}}
	var err error
	if d.Members, err = s.st.StudioMembers(ctx, sid, x.ID); err != nil {
		return d, err
	}
	if d.Plans, err = s.st.StudioPlans(ctx, sid, x.ID); err != nil {
		return d, err
	}
	if d.Activities, err = s.st.StudioActivities(ctx, sid, x.ID); err != nil {
		return d, err
	}
	for _, a := range d.Activities {
		if a.OutputID != 0 {
			d.Outputs = append(d.Outputs, a)
		}
	}
	if !d.MayManage {
		return d, nil
	}
	if d.Teachers, err = s.studioTeachers(r); err != nil {
		return d, err
	}
	if d.Terms, err = s.st.Terms(ctx, sid); err != nil {
		return d, err
	}
	d.Choices, err = s.st.StudioOutputChoices(ctx, sid)
	return d, err
}

// loadStudio reads the studio in the path; another school's is not found.
func (s *Server) loadStudio(w http.ResponseWriter, r *http.Request) (teacherdev.Studio, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return teacherdev.Studio{}, false
	}
	x, err := s.st.Studio(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return x, false
	}
	return x, true
}

func (s *Server) studioShow(w http.ResponseWriter, r *http.Request) {
	x, ok := s.loadStudio(w, r)
	if !ok {
		return
	}
	d, err := s.studioShowData(r, x)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "studios_show", x.Name, d)
}

// studioChange runs one change of a studio: fn validates and stores,
// reporting problems in errs; with problems the page comes back with
// them (422), otherwise the browser goes back to the page.
func (s *Server) studioChange(w http.ResponseWriter, r *http.Request, done string, fn func(x *teacherdev.Studio, errs *formErrors) error) {
	x, ok := s.loadStudio(w, r)
	if !ok {
		return
	}
	r.ParseForm()
	var errs formErrors
	if err := fn(&x, &errs); err != nil && !errs.refused(err) {
		s.notFoundOr(w, r, err)
		return
	}
	if !errs.any() {
		s.redirect(w, r, "/studios/"+itoa64(x.ID), done)
		return
	}
	d, err := s.studioShowData(r, x)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Errors = errs
	s.render(w, r, http.StatusUnprocessableEntity, "studios_show", x.Name, d)
}

func (s *Server) studioEdit(w http.ResponseWriter, r *http.Request) {
	s.studioChange(w, r, "已保存工作室信息", func(x *teacherdev.Studio, errs *formErrors) error {
		st := validate.Studio(studioForm(r), errs)
		if errs.any() {
			return nil
		}
		st.ID = x.ID
		return s.st.SaveStudio(r.Context(), schoolOf(r), actor(r), &st)
	})
}

func (s *Server) studioMemberAdd(w http.ResponseWriter, r *http.Request) {
	s.studioChange(w, r, "已添加成员", func(x *teacherdev.Studio, errs *formErrors) error {
		m := validate.StudioMember(validate.StudioMemberText{Teacher: field(r, "teacher"), Name: field(r, "name"), Role: field(r, "role"), JoinedOn: field(r, "joined_on")}, errs)
		if errs.any() {
			return nil
		}
		return s.st.AddStudioMember(r.Context(), schoolOf(r), actor(r), x.ID, &m)
	})
}

func (s *Server) studioMemberEnd(w http.ResponseWriter, r *http.Request) {
	s.studioChange(w, r, "已登记成员退出", func(x *teacherdev.Studio, errs *formErrors) error {
		mid, err := strconv.ParseInt(field(r, "member"), 10, 64)
		if err != nil {
			return storage.ErrNotFound
		}
		left := field(r, "left_on")
		if msg := validate.StudioDates.Check(left); msg != "" {
			errs.add("退出" + msg)
			return nil
		}
		return s.st.EndStudioMembership(r.Context(), schoolOf(r), actor(r), x.ID, mid, left)
	})
}

func (s *Server) studioPlanSave(w http.ResponseWriter, r *http.Request) {
	s.studioChange(w, r, "已保存学期计划", func(x *teacherdev.Studio, errs *formErrors) error {
		plan := validate.StudioPlan(field(r, "plan"), errs)
		term, err := strconv.ParseInt(field(r, "term"), 10, 64)
		if err != nil || term <= 0 {
			errs.Missing("term", "学期")
		}
		if errs.any() {
			return nil
		}
		return s.st.SaveStudioPlan(r.Context(), schoolOf(r), actor(r), x.ID, term, plan)
	})
}

func (s *Server) studioActivityAdd(w http.ResponseWriter, r *http.Request) {
	s.studioChange(w, r, "已记录活动", func(x *teacherdev.Studio, errs *formErrors) error {
		a := validate.StudioActivity(validate.StudioActivityText{HeldOn: field(r, "held_on"), Kind: field(r, "kind"), Title: field(r, "title"),
			Note: field(r, "note"), Hours: field(r, "hours"), Output: field(r, "output")}, errs)
		if errs.any() {
			return nil
		}
		return s.st.AddStudioActivity(r.Context(), schoolOf(r), actor(r), x.ID, &a)
	})
}
