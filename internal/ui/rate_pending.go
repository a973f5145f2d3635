package ui

import (
	"fmt"
	"net/http"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// raterGroups reads the user's rating tasks in the school's open cycles
// (only cycle when it is not 0): one group per cycle and role, in the order
// of auth.RaterIdentities, so a student meets 自评 before 互评.
func (s *Server) raterGroups(r *http.Request, cycle int64) ([]rateGroup, error) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	ids := auth.RaterIdentities(u)
	if len(ids) == 0 { // admins and others who rate nobody: no query
		return nil, nil
	}
	cycles, err := s.st.Cycles(ctx, school, 0)
	if err != nil {
		return nil, err
	}
	var groups []rateGroup
	for _, c := range cycles {
		if c.State != model.CycleOpen || (cycle != 0 && c.ID != cycle) {
			continue
		}
		for _, id := range ids {
			tasks, err := s.st.TasksForRater(ctx, school, c.ID, id.Role, id.ID)
			if err != nil {
				return nil, err
			}
			if len(tasks) == 0 {
				continue
			}
			g := rateGroup{Cycle: c, Role: id.Role, Tasks: tasks}
			for _, t := range tasks {
				if t.Done {
					g.Done++
				}
			}
			groups = append(groups, g)
		}
	}
	return groups, nil
}

// nextTaskURL is the form a submit leads to: the rater's next unfinished
// task after this one in the cycle — the rest of this role first, then
// the next role (after 自评 the first classmate) — or "" when none is left.
func (s *Server) nextTaskURL(r *http.Request, c storage.EvalCycle, role model.RaterRole, studentID int64) (string, error) {
	groups, err := s.raterGroups(r, c.ID)
	if err != nil {
		return "", err
	}
	type step struct {
		role model.RaterRole
		task storage.RaterTask
	}
	var all []step
	here := 0
	for _, g := range groups {
		for _, t := range g.Tasks {
			if g.Role == role && t.StudentID == studentID {
				here = len(all)
			}
			all = append(all, step{g.Role, t})
		}
	}
	for i := 1; i < len(all); i++ {
		x := all[(here+i)%len(all)]
		if !x.task.Done {
			return rateURL(c.ID, x.role, x.task.StudentID), nil
		}
	}
	return "", nil
}

// rateWaiting is what the home page tells a rater: how many sheets are
// left in the open cycles, the nearest deadline, and where to start.
type rateWaiting struct {
	Left     int
	ClosesAt time.Time // zero when no open cycle with work left has a deadline
	StartURL string
}

// waitingFor sums the groups' unfinished tasks. The start is the first
// unfinished task in list order: a teacher's class grid (the way teachers
// rate many students), anyone else's form.
func waitingFor(groups []rateGroup) rateWaiting {
	var w rateWaiting
	for _, g := range groups {
		left := len(g.Tasks) - g.Done
		if left == 0 {
			continue
		}
		w.Left += left
		if !g.Cycle.ClosesAt.IsZero() && (w.ClosesAt.IsZero() || g.Cycle.ClosesAt.Before(w.ClosesAt)) {
			w.ClosesAt = g.Cycle.ClosesAt
		}
		if w.StartURL != "" {
			continue
		}
		for _, t := range g.Tasks {
			if t.Done {
				continue
			}
			w.StartURL = rateURL(g.Cycle.ID, g.Role, t.StudentID)
			if isGridRole(g.Role) {
				w.StartURL = gridURL(g.Cycle.ID, g.Role, t.ClassID)
			}
			break
		}
	}
	return w
}

// monthDay renders a deadline as "12月20日" in the schools' zone: a date
// this term needs no year.
func monthDay(t time.Time) string {
	t = t.In(displayZone)
	return fmt.Sprintf("%d月%d日", int(t.Month()), t.Day())
}

// monthDayIn is monthDay for the page's language: "Dec 20" in English.
func monthDayIn(lang string) func(time.Time) string {
	if lang != "en" {
		return monthDay
	}
	return func(t time.Time) string { return t.In(displayZone).Format("Jan 2") }
}
