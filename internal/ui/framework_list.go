package ui

import (
	"errors"
	"net/http"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type frameworkListData struct {
	Frameworks []storage.FrameworkSummary
	Errors     formErrors
}

// frameworkListPage renders 评价方案: each framework's latest version, its
// number of versions and which one new cycles start from.
func (s *Server) frameworkListPage(w http.ResponseWriter, r *http.Request, status int, d frameworkListData) {
	list, err := s.st.Frameworks(r.Context(), schoolOf(r))
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Frameworks = list
	s.render(w, r, status, "framework_list", "评价方案", d)
}

func (s *Server) frameworkList(w http.ResponseWriter, r *http.Request) {
	s.frameworkListPage(w, r, http.StatusOK, frameworkListData{})
}

// frameworkAdoptDefault saves the shipped 中职 framework as version 1 of the
// school's first framework and marks it default, in one storage call. A
// school that already has a framework copies or imports instead.
func (s *Server) frameworkAdoptDefault(w http.ResponseWriter, r *http.Request) {
	f := eval.DefaultFramework()
	err := s.st.AdoptDefaultFramework(r.Context(), schoolOf(r), actor(r), &f)
	if errors.Is(err, storage.ErrFrameworkExists) {
		s.frameworkListPage(w, r, http.StatusConflict, frameworkListData{Errors: formErrors{"学校已有评价方案，请在现有方案上复制新版本或导入"}})
		return
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.redirect(w, r, "/frameworks/"+itoa64(f.ID), "已采用默认中职评价方案")
}

// loadFramework reads the framework version named by {id} in the user's
// school; another school's id is a missing page.
func (s *Server) loadFramework(w http.ResponseWriter, r *http.Request) (model.Framework, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.Framework{}, false
	}
	f, err := s.st.Framework(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return f, false
	}
	return f, true
}
