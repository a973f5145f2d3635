package ui

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/ratesheet"
	"zhijiao/internal/storage"
)

type gridData struct {
	Cycle     storage.EvalCycle
	Role      model.RaterRole
	ClassID   int64
	ClassName string
	Open      bool
	SaveURL   string
	Dims      []gridDim
	Cols      []gridCol
	Rows      []gridRow
	Complete  int
}

type gridDim struct {
	Name string
	Span int
}

type gridCol struct {
	Code, Name, Dim, Hint, Pass string
	Points                      string // observation points, one line each
	Levels                      []string
	Min, Max, Step              string // number inputs only
	Filled                      int
}

type gridRow struct {
	StudentID int64
	No, Name  string
	Cells     []string // aligned with gridData.Cols
	Complete  bool
}

// rateGridShow is /rate/{cycle}/grid/{role}/{class}: the rater's students
// of one class × the indicators of the role, current values filled in.
func (s *Server) rateGridShow(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	e, err := s.loadEntry(r)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	classID, _ := httpx.PathID(r, "class")
	var tasks []storage.RaterTask
	for _, t := range e.Tasks {
		if t.ClassID == classID {
			tasks = append(tasks, t)
		}
	}
	if len(tasks) == 0 {
		s.errorPage(w, r, http.StatusNotFound, "没有这项评价任务")
		return
	}
	cls, err := s.st.Class(ctx, school, classID)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	cur, err := s.st.RatingsOfRater(ctx, school, e.Cycle.ID, e.Role, e.RaterID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := gridData{Cycle: e.Cycle, Role: e.Role, ClassID: classID, ClassName: cls.Name, Open: e.Cycle.State == model.CycleOpen,
		SaveURL: "/rate/" + strconv.FormatInt(e.Cycle.ID, 10) + "/grid/" + string(e.Role)}
	for _, dim := range e.Framework.Dimensions {
		n := 0
		for _, ind := range dim.Indicators {
			if ind.RoleWeights[e.Role] <= 0 {
				continue
			}
			n++
			d.Cols = append(d.Cols, newGridCol(e.Framework, dim.Name, ind))
		}
		if n > 0 {
			d.Dims = append(d.Dims, gridDim{dim.Name, n})
		}
	}
	values := map[int64]map[string]string{}
	for _, x := range cur {
		if values[x.StudentID] == nil {
			values[x.StudentID] = map[string]string{}
		}
		v := x.Level
		if v == "" {
			v = strconv.FormatFloat(x.Value, 'f', -1, 64)
		}
		values[x.StudentID][x.IndicatorCode] = v
	}
	for _, t := range tasks {
		row := gridRow{StudentID: t.StudentID, No: t.StudentNo, Name: t.StudentName, Cells: make([]string, len(d.Cols)), Complete: true}
		for i, c := range d.Cols {
			row.Cells[i] = values[t.StudentID][c.Code]
			if row.Cells[i] == "" {
				row.Complete = false
			} else {
				d.Cols[i].Filled++
			}
		}
		if row.Complete {
			d.Complete++
		}
		d.Rows = append(d.Rows, row)
	}
	s.render(w, r, http.StatusOK, "rate_grid", cls.Name+" · "+e.Role.Name(), d)
}

func newGridCol(f model.Framework, dim string, ind model.Indicator) gridCol {
	c := gridCol{Code: ind.Code, Name: ind.Name, Dim: dim, Hint: ratesheet.Hint(ind.Scale), Pass: ratesheet.PassValue(f, ind.Scale)}
	var pts []string
	for _, op := range ind.ObservationPoints {
		p := op.Name
		if op.Description != "" {
			p += "：" + op.Description
		}
		pts = append(pts, p)
	}
	c.Points = strings.Join(pts, "\n")
	switch ind.Scale.Kind {
	case model.ScaleLevels:
		for _, l := range ind.Scale.Levels {
			c.Levels = append(c.Levels, l.Name)
		}
	case model.ScaleRating5:
		c.Min, c.Max, c.Step = "1", "5", "1"
	default:
		c.Min, c.Max, c.Step = "0", "100", "0.5"
	}
	return c
}

// gridReply is the grid's answer to a row save.
type gridReply struct {
	OK      bool   `json:"ok"`
	Written int    `json:"written"`
	Error   string `json:"error,omitempty"`
}

func replyJSON(w http.ResponseWriter, status int, v gridReply) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// rateGridSave stores one row of the grid (POST student=…&v_CODE=…, sent
// by grid.js in the background). Empty cells are not rated yet. Every
// check is storage.SubmitRatings'; the answer is JSON with the Chinese
// reason of a refusal, which the row shows.
func (s *Server) rateGridSave(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	e, err := s.loadEntry(r)
	if err != nil {
		if errors.Is(err, storage.ErrNotFound) {
			replyJSON(w, http.StatusNotFound, gridReply{Error: "没有这项评价任务"})
			return
		}
		slog.Error("grid save", "err", err)
		replyJSON(w, http.StatusInternalServerError, gridReply{Error: "服务器内部错误，请稍后再试"})
		return
	}
	studentID, _ := strconv.ParseInt(r.FormValue("student"), 10, 64)
	if !slices.ContainsFunc(e.Tasks, func(t storage.RaterTask) bool { return t.StudentID == studentID }) {
		// SubmitRatings would refuse too; answering here also covers a row
		// with no values and spares the reads below.
		replyJSON(w, http.StatusNotFound, gridReply{Error: "没有这项评价任务"})
		return
	}
	cur, err := s.st.RatingsOfRater(ctx, school, e.Cycle.ID, e.Role, e.RaterID)
	if err != nil {
		slog.Error("grid save", "err", err)
		replyJSON(w, http.StatusInternalServerError, gridReply{Error: "服务器内部错误，请稍后再试"})
		return
	}
	comment := currentComments(cur)[studentID]
	var rs []model.Rating
	for _, d := range e.Framework.Dimensions {
		for _, ind := range d.Indicators {
			v := strings.TrimSpace(r.FormValue("v_" + ind.Code))
			if v == "" || ind.RoleWeights[e.Role] <= 0 {
				continue
			}
			x := model.Rating{CycleID: e.Cycle.ID, RaterRole: e.Role, RaterID: e.RaterID, RaterUserID: u.ID, StudentID: studentID, IndicatorCode: ind.Code, Comment: comment}
			if why := ratesheet.ParseValue(e.Framework, &x, v); why != "" {
				replyJSON(w, http.StatusUnprocessableEntity, gridReply{Error: why})
				return
			}
			rs = append(rs, x)
		}
	}
	if len(rs) == 0 {
		replyJSON(w, http.StatusOK, gridReply{OK: true})
		return
	}
	n, err := s.st.SubmitRatings(ctx, school, actor(r), e.Cycle.ID, e.Role, e.RaterID, u.ID, rs)
	switch {
	case errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrNotAssigned):
		replyJSON(w, http.StatusNotFound, gridReply{Error: "没有这项评价任务"})
	case errors.Is(err, storage.ErrRefused):
		replyJSON(w, http.StatusUnprocessableEntity, gridReply{Error: err.Error()})
	case err != nil:
		// The database's own failure: logged, and the row offers a retry.
		slog.Error("grid save", "path", r.URL.Path, "err", err)
		replyJSON(w, http.StatusInternalServerError, gridReply{Error: "服务器内部错误，请稍后再试"})
	default:
		replyJSON(w, http.StatusOK, gridReply{OK: true, Written: n})
	}
}
