package api

import (
	"errors"
	"net/http"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

func (a *API) frameworkList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	fs, err := a.st.Frameworks(r.Context(), c.school)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []storage.FrameworkSummary{}
	for _, f := range fs {
		if contains(l.Q, f.Name, f.Code) {
			out = append(out, f)
		}
	}
	writeJSON(w, http.StatusOK, page(out, l))
}

func (a *API) frameworkShow(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	f, err := a.st.Framework(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, f)
}

func (a *API) cycleList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	cs, err := a.st.Cycles(r.Context(), c.school, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []storage.EvalCycle{}
	for _, x := range cs {
		if contains(l.Q, x.Name) {
			out = append(out, x)
		}
	}
	writeJSON(w, http.StatusOK, page(out, l))
}

func (a *API) cycleShow(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	x, err := a.st.Cycle(r.Context(), c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, x)
}

// ratingTask is one student the caller rates, in one role of one cycle.
type ratingTask struct {
	CycleID     int64           `json:"cycle_id"`
	Role        model.RaterRole `json:"role"`
	StudentID   int64           `json:"student_id"`
	StudentName string          `json:"student_name"`
	StudentNo   string          `json:"student_no"`
	Done        bool            `json:"done"`
	Filled      int             `json:"filled"`
	Required    int             `json:"required"`
}

// myTasks lists what the caller rates in the school's open cycles.
func (a *API) myTasks(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	ctx := r.Context()
	cycles, err := a.st.Cycles(ctx, c.school, 0)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := []ratingTask{}
	for _, cy := range cycles {
		if cy.State != model.CycleOpen {
			continue
		}
		for _, id := range auth.RaterIdentities(c.user) {
			tasks, err := a.st.TasksForRater(ctx, c.school, cy.ID, id.Role, id.ID)
			if err != nil {
				a.serverError(w, r, err)
				return
			}
			for _, t := range tasks {
				out = append(out, ratingTask{CycleID: cy.ID, Role: id.Role, StudentID: t.StudentID, StudentName: t.StudentName, StudentNo: t.StudentNo, Done: t.Done, Filled: t.Filled, Required: t.Required})
			}
		}
	}
	writeJSON(w, http.StatusOK, page(out, l))
}

// ratingSubmit is the body of POST /cycles/{id}/ratings.
type ratingSubmit struct {
	Role      model.RaterRole `json:"role"`
	StudentID int64           `json:"student_id"`
	Comment   string          `json:"comment"`
	Ratings   []ratingValue   `json:"ratings"`
}

// ratingValue is one indicator's answer: value for 百分制/五分制, level for
// 等级制.
type ratingValue struct {
	IndicatorCode string  `json:"indicator_code"`
	Value         float64 `json:"value"`
	Level         string  `json:"level"`
}

type ratingResult struct {
	Written int `json:"written"`
}

// ratingCreate stores one rater's form for one student, with the checks of
// the rating page: the caller must hold the role, be assigned the student,
// and the cycle must be open; a repeated form writes nothing.
func (a *API) ratingCreate(w http.ResponseWriter, r *http.Request, c *call) {
	cycleID, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	var b ratingSubmit
	if !decode(w, r, &b) {
		return
	}
	raterID, mine := auth.RaterID(c.user, b.Role)
	if !b.Role.Valid() || !mine {
		fail(w, http.StatusForbidden, "您不以这个评价主体身份参与评价", FieldError{Field: "role", Reason: "角色不符"})
		return
	}
	if len(b.Ratings) == 0 {
		invalid(w, []FieldError{{Field: "ratings", Reason: "请至少评一项"}})
		return
	}
	comment := strings.TrimSpace(b.Comment)
	if len([]rune(comment)) > 500 {
		invalid(w, []FieldError{{Field: "comment", Reason: "评语最多500字"}})
		return
	}
	rs := make([]model.Rating, len(b.Ratings))
	for i, v := range b.Ratings {
		rs[i] = model.Rating{CycleID: cycleID, RaterRole: b.Role, RaterID: raterID, RaterUserID: c.user.ID, StudentID: b.StudentID,
			IndicatorCode: v.IndicatorCode, Value: v.Value, Level: v.Level, Comment: comment}
	}
	n, err := a.st.SubmitRatings(r.Context(), c.school, c.actor, cycleID, b.Role, raterID, c.user.ID, rs)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		notFound(w)
	case errors.Is(err, storage.ErrRefused):
		// Storage refuses the whole form with one Chinese reason: not
		// assigned, closed cycle, unknown indicator, value off the scale.
		fail(w, http.StatusUnprocessableEntity, err.Error())
	case err != nil:
		a.serverError(w, r, err)
	default:
		writeJSON(w, http.StatusOK, ratingResult{Written: n})
	}
}
