package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// raterIdentity is one role a user rates in, with their id in that role's
// space (a student rates as themself and as a peer; a teacher may be both
// head teacher and subject teacher).
type raterIdentity struct {
	Role model.RaterRole
	ID   int64
}

// raterIdentities derives the rating roles of an account from its links.
func raterIdentities(u *model.User) []raterIdentity {
	var out []raterIdentity
	if u.StudentID != 0 && u.HasRole(model.RoleStudent) {
		out = append(out, raterIdentity{model.RaterSelf, u.StudentID}, raterIdentity{model.RaterPeer, u.StudentID})
	}
	if u.TeacherID != 0 && u.HasRole(model.RoleHeadTeacher) {
		out = append(out, raterIdentity{model.RaterHeadTeacher, u.TeacherID})
	}
	if u.TeacherID != 0 && u.HasRole(model.RoleSubjectTeacher) {
		out = append(out, raterIdentity{model.RaterSubjectTeacher, u.TeacherID})
	}
	if u.MentorID != 0 && u.HasRole(model.RoleMentor) {
		out = append(out, raterIdentity{model.RaterMentor, u.MentorID})
	}
	if u.GuardianID != 0 && u.HasRole(model.RoleParent) {
		out = append(out, raterIdentity{model.RaterParent, u.GuardianID})
	}
	return out
}

// identityFor returns the user's id in a rating role, or false.
func identityFor(u *model.User, role model.RaterRole) (int64, bool) {
	for _, id := range raterIdentities(u) {
		if id.Role == role {
			return id.ID, true
		}
	}
	return 0, false
}

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
		for _, id := range raterIdentities(u) {
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
