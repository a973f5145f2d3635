package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// The school's studios grouped by level, each with its kind, host and
// current members, and for the 人事处 the form that adds one.

type studioLevelGroup struct {
	Level   string
	Studios []teacherdev.Studio
}

type studioListPage struct {
	Groups    []studioLevelGroup
	Total     int
	MayManage bool
	Form      validate.StudioText
	Kinds     []string
	Levels    []string
	Teachers  []model.Teacher
	Errors    formErrors
}

func (s *Server) studioListData(r *http.Request) (studioListPage, error) {
	d := studioListPage{MayManage: s.authz.Can(userOf(r), "studio:manage"), Kinds: teacherdev.StudioKinds, Levels: teacherdev.StudioLevels}
	list, err := s.st.Studios(r.Context(), schoolOf(r))
	if err != nil {
		return d, err
	}
	d.Total = len(list)
	for _, x := range list {
		if n := len(d.Groups); n == 0 || d.Groups[n-1].Level != x.Level {
			d.Groups = append(d.Groups, studioLevelGroup{Level: x.Level})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Studios = append(g.Studios, x)
	}
	if d.MayManage {
		d.Teachers, err = s.studioTeachers(r)
	}
	return d, err
}

func (s *Server) studioList(w http.ResponseWriter, r *http.Request) {
	d, err := s.studioListData(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "studios_list", "工作室", d)
}

func studioForm(r *http.Request) validate.StudioText {
	r.ParseForm()
	return validate.StudioText{Name: field(r, "name"), Kind: field(r, "kind"), Level: field(r, "level"), Host: field(r, "host"),
		FoundedOn: field(r, "founded_on"), ClosedOn: field(r, "closed_on"), Description: field(r, "description")}
}

// studioCreate adds a studio and opens its page.
func (s *Server) studioCreate(w http.ResponseWriter, r *http.Request) {
	in := studioForm(r)
	var errs formErrors
	st := validate.Studio(in, &errs)
	if !errs.any() {
		if err := s.st.SaveStudio(r.Context(), schoolOf(r), actor(r), &st); err != nil && !errs.refused(err) {
			s.serverError(w, r, err)
			return
		}
	}
	if errs.any() {
		d, err := s.studioListData(r)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Form, d.Errors = in, errs
		s.render(w, r, http.StatusUnprocessableEntity, "studios_list", "工作室", d)
		return
	}
	s.redirect(w, r, "/studios/"+itoa64(st.ID), "已建立工作室“"+st.Name+"”")
}
