package ui

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/eval"
	"zhijiao/internal/httpx"
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
	NextURL   string // the rater's next unfinished task, in any role
	Anonymous bool
	Start     int  // 0-based dimension the form opens at: the first with an item left to rate
	Draft     bool // back from a submit that left items unrated
	Missing   int  // how many
}

type rateDim struct {
	Name         string
	Index, Count int // 1-based place among the form's dimensions: 德 2/7
	Filled       int
	Indicators   []rateIndicator
}

type rateIndicator struct {
	model.Indicator
	Value   string        // current value or level, as the input shows it
	Options []eval.Option // what the rater taps; nil where they type points
}

// rateTarget resolves /rate/{cycle}/{role}/{student}: the cycle of the
// user's school, the user's id in the role, and the task. A student the
// user is not assigned to rate is reported as not found.
func (s *Server) rateTarget(w http.ResponseWriter, r *http.Request) (c storage.EvalCycle, role model.RaterRole, raterID int64, task storage.RaterTask, tasks []storage.RaterTask, ok bool) {
	ctx, school := r.Context(), schoolOf(r)
	cycleID, ok1 := httpx.PathID(r, "cycle")
	studentID, ok2 := httpx.PathID(r, "student")
	role = model.RaterRole(r.PathValue("role"))
	raterID, mine := auth.RaterID(userOf(r), role)
	if !ok1 || !ok2 || !mine {
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

// rateDraftFlag is the query a submit that left items unrated comes back
// with, so the form says it is a draft.
const rateDraftFlag = "draft"

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
	next, err := s.nextTaskURL(r, c, role, task.StudentID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d.NextURL = next
	for _, dim := range f.Dimensions {
		rd := rateDim{Name: dim.Name}
		for _, ind := range dim.Indicators {
			if ind.RoleWeights[role] > 0 {
				ri := rateIndicator{Indicator: ind, Value: values[ind.Code], Options: eval.OptionsFor(ind, role)}
				if ri.Value != "" {
					rd.Filled++
				}
				rd.Indicators = append(rd.Indicators, ri)
			}
		}
		if len(rd.Indicators) > 0 {
			d.Dims = append(d.Dims, rd)
		}
	}
	d.Start = -1
	for i := range d.Dims {
		d.Dims[i].Index, d.Dims[i].Count = i+1, len(d.Dims)
		d.Missing += len(d.Dims[i].Indicators) - d.Dims[i].Filled
		if d.Start < 0 && d.Dims[i].Filled < len(d.Dims[i].Indicators) {
			d.Start = i
		}
	}
	d.Start = max(d.Start, 0)
	d.Draft = len(errs) == 0 && r.URL.Query().Has(rateDraftFlag) && d.Missing > 0
	s.render(w, r, status, "rate_form", role.Name()+"·"+task.StudentName, d)
}

// rateSubmit stores the form. Every value is checked by storage (assigned
// student, open cycle, indicator of the role, value on the scale, a choice
// for students and parents) inside one transaction; a bad form writes
// nothing and comes back with the reason. The happy path asks storage
// once: the rater's task list is read only to show the form again after an
// error. With draft=1 (rate.js saving as the rater goes) the answer is
// JSON; a partial sheet is a draft either way and the form says so.
func (s *Server) rateSubmit(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	draft := r.PostFormValue("draft") == "1" // the body only: the form page itself may carry ?draft=1
	cycleID, ok1 := httpx.PathID(r, "cycle")
	studentID, ok2 := httpx.PathID(r, "student")
	role := model.RaterRole(r.PathValue("role"))
	raterID, mine := auth.RaterID(u, role)
	if !ok1 || !ok2 || !mine {
		s.rateNotFound(w, r, draft)
		return
	}
	c, err := s.st.Cycle(ctx, school, cycleID)
	if err != nil {
		if draft && errors.Is(err, storage.ErrNotFound) {
			s.rateNotFound(w, r, draft)
			return
		}
		s.notFoundOr(w, r, err)
		return
	}
	f, err := s.st.Framework(ctx, school, c.FrameworkID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	codes := eval.IndicatorsFor(f, role)
	rs, values, comment := ratingsFromForm(r, codes, model.Rating{CycleID: c.ID, RaterRole: role, RaterID: raterID, RaterUserID: u.ID, StudentID: studentID})
	var errs []string
	written := 0
	if len(rs) == 0 {
		if draft { // nothing chosen yet: nothing to keep
			replyJSON(w, http.StatusOK, gridReply{OK: true})
			return
		}
		errs = append(errs, "请至少评一项")
	} else if written, err = s.st.SubmitRatings(ctx, school, actor(r), c.ID, role, raterID, u.ID, rs); err != nil {
		if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrNotAssigned) {
			s.rateNotFound(w, r, draft)
			return
		}
		if !errors.Is(err, storage.ErrRefused) {
			s.serverError(w, r, err)
			return
		}
		if draft {
			replyJSON(w, http.StatusUnprocessableEntity, gridReply{Error: err.Error()})
			return
		}
		errs = append(errs, err.Error())
	}
	if draft {
		replyJSON(w, http.StatusOK, gridReply{OK: true, Written: written})
		return
	}
	if len(errs) > 0 {
		c, role, _, task, tasks, ok := s.rateTarget(w, r)
		if !ok {
			return
		}
		s.rateRender(w, r, http.StatusUnprocessableEntity, c, role, task, tasks, values, comment, errs)
		return
	}
	if len(rs) < len(codes) { // a draft: back to the form, at what is left
		http.Redirect(w, r, rateURL(c.ID, role, studentID)+"?"+rateDraftFlag+"=1", http.StatusSeeOther)
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

// ratingsFromForm reads the form's value of each indicator in codes (v_CODE:
// a number, or else a level's name) and the one comment, as ratings like
// base; a blank indicator is simply not rated yet. values keeps what was
// typed, to show the form again.
func ratingsFromForm(r *http.Request, codes []string, base model.Rating) (rs []model.Rating, values map[string]string, comment string) {
	comment = strings.TrimSpace(r.FormValue("comment"))
	values = map[string]string{}
	for _, code := range codes {
		v := strings.TrimSpace(r.FormValue("v_" + code))
		values[code] = v
		if v == "" {
			continue
		}
		x := base
		x.IndicatorCode, x.Comment = code, comment
		if n, err := validate.Number(v); err == nil {
			x.Value = n
		} else {
			x.Level = v
		}
		rs = append(rs, x)
	}
	return rs, values, comment
}

// rateNotFound answers a task the user does not have: the error page, or
// JSON to a background draft save.
func (s *Server) rateNotFound(w http.ResponseWriter, r *http.Request, draft bool) {
	if draft {
		replyJSON(w, http.StatusNotFound, gridReply{Error: "没有这项评价任务"})
		return
	}
	s.errorPage(w, r, http.StatusNotFound, "没有这项评价任务")
}
