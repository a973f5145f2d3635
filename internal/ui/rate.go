package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type rateGroup struct {
	Cycle storage.EvalCycle
	Role  model.RaterRole
	Tasks []storage.RaterTask
	Done  int
}

// rateHome lists what the user has to rate in the school's open cycles.
func (s *Server) rateHome(w http.ResponseWriter, r *http.Request) {
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	cycles, err := s.st.Cycles(ctx, school, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var groups []rateGroup
	for _, c := range cycles {
		if c.State != model.CycleOpen {
			continue
		}
		for _, id := range auth.RaterIdentities(u) {
			tasks, err := s.st.TasksForRater(ctx, school, c.ID, id.Role, id.ID)
			if err != nil {
				s.serverError(w, r, err)
				return
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
	s.render(w, r, http.StatusOK, "rate_home", "我的评价", groups)
}

func rateURL(cycleID int64, role model.RaterRole, studentID int64) string {
	return "/rate/" + strconv.FormatInt(cycleID, 10) + "/" + string(role) + "/" + strconv.FormatInt(studentID, 10)
}
