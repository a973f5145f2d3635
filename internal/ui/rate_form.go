package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

type rateFormData struct {
	Cycle     storage.EvalCycle
	Role      model.RaterRole
	Student   storage.RaterTask
	Dims      []rateDim
	Comment   string
	Errors    []string
	Position  int // 1-based place of this student in the rater's list
	Count     int
	NextURL   string
	Anonymous bool
}

type rateDim struct {
	Name       string
	Indicators []rateIndicator
}

type rateIndicator struct {
	model.Indicator
	Value string // current value or level, as the input shows it
}

// rateTarget resolves /rate/{cycle}/{role}/{student}: the cycle of the
// user's school, the user's id in the role, and the task. A student the
// user is not assigned to rate is reported as not found.
func (s *Server) rateTarget(w http.ResponseWriter, r *http.Request) (c storage.EvalCycle, role model.RaterRole, raterID int64, task storage.RaterTask, tasks []storage.RaterTask, ok bool) {
	ctx, school := r.Context(), schoolOf(r)
	cycleID, err1 := strconv.ParseInt(r.PathValue("cycle"), 10, 64)
	studentID, err2 := strconv.ParseInt(r.PathValue("student"), 10, 64)
	role = model.RaterRole(r.PathValue("role"))
	raterID, mine := auth.RaterID(userOf(r), role)
	if err1 != nil || err2 != nil || !mine {
		s.errorPage(w, r, http.StatusNotFound, "没有这项评价任务")
		return
	}
	c, err := s.st.Cycle(ctx, school, cycleID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	tasks, err = s.st.TasksForRater(ctx, school, c.ID, role, raterID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	for _, t := range tasks {
		if t.StudentID == studentID {
			return c, role, raterID, t, tasks, true
		}
	}
	s.errorPage(w, r, http.StatusNotFound, "没有这项评价任务")
	return
}

func (s *Server) rateShow(w http.ResponseWriter, r *http.Request) {
	c, role, raterID, task, tasks, ok := s.rateTarget(w, r)
	if !ok {
		return
	}
	current, err := s.st.RatingsOfRater(r.Context(), schoolOf(r), c.ID, role, raterID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	values := map[string]string{}
	comment := ""
	for _, x := range current {
		if x.StudentID != task.StudentID {
			continue
		}
		if x.Level != "" {
			values[x.IndicatorCode] = x.Level
		} else {
			values[x.IndicatorCode] = strconv.FormatFloat(x.Value, 'f', -1, 64)
		}
		if x.Comment != "" {
			comment = x.Comment
		}
	}
	s.rateRender(w, r, http.StatusOK, c, role, task, tasks, values, comment, nil)
}

func (s *Server) rateRender(w http.ResponseWriter, r *http.Request, status int, c storage.EvalCycle, role model.RaterRole, task storage.RaterTask,
	tasks []storage.RaterTask, values map[string]string, comment string, errs []string) {
	f, err := s.st.Framework(r.Context(), schoolOf(r), c.FrameworkID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := rateFormData{Cycle: c, Role: role, Student: task, Comment: comment, Errors: errs, Count: len(tasks), Anonymous: role == model.RaterPeer}
	for i, t := range tasks {
		if t.StudentID == task.StudentID {
			d.Position = i + 1
		}
	}
	for i := 1; i <= len(tasks); i++ { // the next student after this one not yet rated
		t := tasks[(d.Position-1+i)%len(tasks)]
		if !t.Done && t.StudentID != task.StudentID {
			d.NextURL = rateURL(c.ID, role, t.StudentID)
			break
		}
	}
	for _, dim := range f.Dimensions {
		rd := rateDim{Name: dim.Name}
		for _, ind := range dim.Indicators {
			if ind.RoleWeights[role] > 0 {
				rd.Indicators = append(rd.Indicators, rateIndicator{Indicator: ind, Value: values[ind.Code]})
			}
		}
		if len(rd.Indicators) > 0 {
			d.Dims = append(d.Dims, rd)
		}
	}
	s.render(w, r, status, "rate_form", role.Name()+"·"+task.StudentName, d)
}

// rateSubmit stores the form. Every value is checked by storage (assigned
// student, open cycle, indicator of the role, value on the scale) inside
// one transaction; a bad form writes nothing and comes back with the
// reason. The happy path asks storage once: the rater's task list is read
// only to show the form again after an error.
func (s *Server) rateSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	cycleID, err1 := strconv.ParseInt(r.PathValue("cycle"), 10, 64)
	studentID, err2 := strconv.ParseInt(r.PathValue("student"), 10, 64)
	role := model.RaterRole(r.PathValue("role"))
	raterID, mine := auth.RaterID(u, role)
	if err1 != nil || err2 != nil || !mine {
		s.errorPage(w, r, http.StatusNotFound, "没有这项评价任务")
		return
	}
	c, err := s.st.Cycle(ctx, school, cycleID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	f, err := s.st.Framework(ctx, school, c.FrameworkID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	comment := strings.TrimSpace(r.FormValue("comment"))
	values := map[string]string{}
	var rs []model.Rating
	for _, code := range eval.IndicatorsFor(f, role) {
		v := strings.TrimSpace(r.FormValue("v_" + code))
		values[code] = v
		if v == "" {
			continue // an indicator left blank is simply not rated yet
		}
		x := model.Rating{CycleID: c.ID, RaterRole: role, RaterID: raterID, RaterUserID: u.ID, StudentID: studentID, IndicatorCode: code, Comment: comment}
		if n, err := validate.Number(v); err == nil {
			x.Value = n
		} else {
			x.Level = v
		}
		rs = append(rs, x)
	}
	var errs []string
	if len(rs) == 0 {
		errs = append(errs, "请至少评一项")
	} else if _, err := s.st.SubmitRatings(ctx, school, actor(r), c.ID, role, raterID, u.ID, rs); err != nil {
		if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrNotAssigned) {
			s.errorPage(w, r, http.StatusNotFound, "没有这项评价任务")
			return
		}
		if !errors.Is(err, storage.ErrRefused) {
			s.serverError(w, r, err)
			return
		}
		errs = append(errs, err.Error())
	}
	if len(errs) > 0 {
		c, role, _, task, tasks, ok := s.rateTarget(w, r)
		if !ok {
			return
		}
		s.rateRender(w, r, http.StatusUnprocessableEntity, c, role, task, tasks, values, comment, errs)
		return
	}
	// "saved=1" shows 已保存 on the next page without writing the session:
	// under load every form would otherwise cost a second write.
	next := r.FormValue("next")
	if !strings.HasPrefix(next, "/rate/") || strings.ContainsAny(next, "?#") {
		next = "/rate"
	}
	http.Redirect(w, r, next+"?saved=1", http.StatusSeeOther)
}
