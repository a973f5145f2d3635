package ui

import (
	"cmp"
	"errors"
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// 就业与培训: graduate destinations (毕业去向) with their survey, the
// records the employment KPIs count. Adding and correcting need
// outcome:manage; both are audited in storage.

type destKind struct{ Value, Label string }

// destinationKinds are the kinds in display order, in Chinese.
func destinationKinds() []destKind {
	out := make([]destKind, len(portrait.DestinationKinds))
	for i, k := range portrait.DestinationKinds {
		out[i] = destKind{k, portrait.DestinationNames[k]}
	}
	return out
}

type outcomeListData struct {
	Filter       storage.DestinationFilter
	Destinations []model.GraduateDestination
	Kinds        []destKind
	Names        map[string]string
	Pager        pager
}

func (s *Server) outcomeList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := storage.DestinationFilter{ListQuery: listQuery(r), Kind: q.Get("kind"), FirstOnly: q.Get("first") == "1", From: q.Get("from"), To: q.Get("to")}
	if _, ok := parseDay(f.From); !ok {
		f.From = ""
	}
	if _, ok := parseDay(f.To); !ok {
		f.To = ""
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	// Graduates are named students: a department head sees their
	// departments' graduates, the research office none.
	f.Scoped, f.ClassIDs, f.StudentIDs = !sc.All, sc.ClassIDs, sc.StudentIDs
	list, total, err := s.st.ListDestinations(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "outcome_list", "就业与培训", outcomeListData{Filter: f, Destinations: list, Kinds: destinationKinds(),
		Names: portrait.DestinationNames, Pager: newPager(r, f.ListQuery, total)})
}

type outcomeFormData struct {
	New         bool
	Dest        model.GraduateDestination
	StudentNo   string
	Kinds       []destKind
	Enterprises []model.Enterprise
	Errors      formErrors
}

func (s *Server) outcomeForm(w http.ResponseWriter, r *http.Request, status int, d outcomeFormData) {
	ents, _, err := s.st.Enterprises(r.Context(), schoolOf(r), model.AllRows())
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Enterprises, d.Kinds = ents, destinationKinds()
	title := "修改毕业去向"
	if d.New {
		title = "登记毕业去向"
	}
	s.render(w, r, status, "outcome_form", title, d)
}

func (s *Server) outcomeNew(w http.ResponseWriter, r *http.Request) {
	s.outcomeForm(w, r, http.StatusOK, outcomeFormData{New: true, Dest: model.GraduateDestination{Kind: portrait.DestEmployed, FirstSurvey: true, SurveyDate: storage.Today()}})
}

// destinationFromForm reads the form's fields and checks them with
// validate.Destination; the student is given by 学号.
func (s *Server) destinationFromForm(r *http.Request, d *model.GraduateDestination, errs *formErrors) {
	d.Kind = field(r, "kind")
	d.EnterpriseID = formInt(r, "enterprise_id")
	d.Employer, d.Position, d.FurtherSchool, d.Note = field(r, "employer"), field(r, "position"), field(r, "further_school"), field(r, "note")
	d.Relevant, d.FirstSurvey = checked(r, "relevant"), checked(r, "first_survey")
	d.SurveyDate = field(r, "survey_date")
	if _, ok := parseDay(d.SurveyDate); !ok {
		errs.add("请填写正确的调查日期")
	}
	if d.EnterpriseID != 0 {
		e, err := s.st.Enterprise(r.Context(), schoolOf(r), d.EnterpriseID)
		if err != nil {
			errs.add("请选择本校的合作企业")
		} else if d.Employer == "" {
			d.Employer = e.Name
		}
	}
	validate.Destination(d, errs)
}

func (s *Server) outcomeCreate(w http.ResponseWriter, r *http.Request) {
	d := outcomeFormData{New: true, StudentNo: field(r, "student_no")}
	s.destinationFromForm(r, &d.Dest, &d.Errors)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if st, err := s.st.StudentByNo(r.Context(), schoolOf(r), d.StudentNo); err == nil && sc.AllowsStudent(st.ID, st.ClassID) {
		d.Dest.StudentID = st.ID
	} else if err == nil || errors.Is(err, storage.ErrNotFound) {
		d.Errors.add("学号“" + d.StudentNo + "”不是本校学生")
	} else {
		s.serverError(w, r, err)
		return
	}
	if !d.Errors.any() {
		if err := s.st.AddDestination(r.Context(), schoolOf(r), actor(r), &d.Dest); err != nil {
			d.Errors.addErr("", err)
		}
	}
	if d.Errors.any() {
		s.outcomeForm(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, "/outcomes", "已登记毕业去向")
}

// loadDestination reads the destination named by {id}, or answers 404.
func (s *Server) loadDestination(w http.ResponseWriter, r *http.Request) (model.GraduateDestination, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return model.GraduateDestination{}, false
	}
	d, err := s.st.Destination(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return d, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return d, false
	}
	if !sc.All {
		st, err := s.st.Student(r.Context(), schoolOf(r), d.StudentID)
		if err != nil || !sc.AllowsStudent(st.ID, st.ClassID) {
			s.notFoundOr(w, r, cmp.Or(err, storage.ErrNotFound))
			return d, false
		}
	}
	return d, true
}

func (s *Server) outcomeEdit(w http.ResponseWriter, r *http.Request) {
	if d, ok := s.loadDestination(w, r); ok {
		s.outcomeForm(w, r, http.StatusOK, outcomeFormData{Dest: d})
	}
}

func (s *Server) outcomeUpdate(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadDestination(w, r)
	if !ok {
		return
	}
	fd := outcomeFormData{Dest: d}
	s.destinationFromForm(r, &fd.Dest, &fd.Errors)
	if !fd.Errors.any() {
		if err := s.st.UpdateDestination(r.Context(), schoolOf(r), actor(r), fd.Dest); err != nil {
			fd.Errors.addErr("", err)
		}
	}
	if fd.Errors.any() {
		s.outcomeForm(w, r, http.StatusUnprocessableEntity, fd)
		return
	}
	s.redirect(w, r, "/outcomes", "已保存")
}
