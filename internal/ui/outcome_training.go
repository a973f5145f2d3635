package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// Social-training sessions (社会培训) and teachers' competition awards
// (教师获奖): a list, newest first, with a form to add one beside it.

type trainingData struct {
	Sessions []model.TrainingSession
	Form     model.TrainingSession
	Total    int
	Errors   formErrors
}

func (s *Server) trainingPage(w http.ResponseWriter, r *http.Request, status int, d trainingData) {
	list, err := s.st.TrainingSessions(r.Context(), schoolOf(r), "", "")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	slices.Reverse(list)
	d.Sessions = list
	for _, t := range list {
		d.Total += t.Trainees
	}
	s.render(w, r, status, "outcome_training", "社会培训", d)
}

func (s *Server) trainingList(w http.ResponseWriter, r *http.Request) {
	s.trainingPage(w, r, http.StatusOK, trainingData{})
}

func (s *Server) trainingCreate(w http.ResponseWriter, r *http.Request) {
	var d trainingData
	t := &d.Form
	t.Title, t.Kind, t.Served = field(r, "title"), field(r, "kind"), field(r, "served")
	t.StartsOn, t.EndsOn = field(r, "starts_on"), field(r, "ends_on")
	validate.Training(t, field(r, "trainees"), &d.Errors)
	checkDates(&d.Errors, t.StartsOn, t.EndsOn, true)
	if !d.Errors.any() {
		if err := s.st.AddTrainingSession(r.Context(), schoolOf(r), actor(r), t); err != nil {
			d.Errors.addErr("", err)
		}
	}
	if d.Errors.any() {
		s.trainingPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, "/outcomes/training", "已登记培训")
}

type teacherAwardData struct {
	Awards   []model.TeacherAward
	Teachers []model.Teacher
	Levels   []string
	Prizes   []string
	Form     model.TeacherAward
	Errors   formErrors
}

func (s *Server) teacherAwardPage(w http.ResponseWriter, r *http.Request, status int, d teacherAwardData) {
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Awards, err = s.st.TeacherAwards(ctx, school, "", ""); err != nil {
		s.serverError(w, r, err)
		return
	}
	slices.Reverse(d.Awards)
	if d.Teachers, err = s.st.AllTeachers(ctx, school, storage.TeacherFilter{}); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Levels, d.Prizes = model.AwardLevels, model.Prizes
	s.render(w, r, status, "outcome_awards", "教师获奖", d)
}

func (s *Server) teacherAwardList(w http.ResponseWriter, r *http.Request) {
	s.teacherAwardPage(w, r, http.StatusOK, teacherAwardData{})
}

func (s *Server) teacherAwardCreate(w http.ResponseWriter, r *http.Request) {
	var d teacherAwardData
	a := &d.Form
	a.TeacherID, a.Title, a.Level, a.Prize, a.AwardedOn = formInt(r, "teacher_id"), field(r, "title"), field(r, "level"), field(r, "prize"), field(r, "awarded_on")
	if _, err := s.st.Teacher(r.Context(), schoolOf(r), a.TeacherID); err != nil {
		d.Errors.add("请选择本校教师")
	}
	if _, ok := parseDay(a.AwardedOn); !ok {
		d.Errors.add("请填写正确的获奖日期")
	}
	validate.TeacherAward(a, &d.Errors)
	if !d.Errors.any() {
		if err := s.st.AddTeacherAward(r.Context(), schoolOf(r), actor(r), a); err != nil {
			d.Errors.addErr("", err)
		}
	}
	if d.Errors.any() {
		s.teacherAwardPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, "/outcomes/teacher-awards", "已登记教师获奖")
}
