package ui

import (
	"errors"
	"net/http"
	"slices"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// checksRoutes are the class 量化 pages (docs/conduct.md section 3): the
// board every member of the school reads, the phone entry of duty teachers
// and the student council, publishing a day, the rankings, a class's own
// page, and the 德育处's items and settings.
func (s *Server) checksRoutes() []route {
	return []route{
		{"GET", "/checks", "check:read", school, s.checksBoard},
		{"GET", "/checks/rankings", "check:read", school, s.checksRankings},
		{"GET", "/checks/classes/{id}", "check:read", school, s.checksClass},
		{"GET", "/checks/entry", "check:record", school, s.checksEntry},
		{"POST", "/checks/entries", "check:record", school, s.checksEntrySave},
		{"POST", "/checks/entries/{id}/delete", "check:record", school, s.checksEntryDelete},
		{"POST", "/checks/entries/{id}/correct", "check:record", school, s.checksEntryCorrect},
		{"POST", "/checks/days/{day}/publish", "check:record", school, s.checksPublish},
		{"POST", "/checks/days/{day}/confirm", "check:record", school, s.checksConfirm},
		{"POST", "/checks/flags", "check:manage", school, s.checksAward},
		{"GET", "/checks/items", "check:manage", school, s.checksItems},
		{"POST", "/checks/items", "check:manage", school, s.checksItemSave},
		{"POST", "/checks/items/defaults", "check:manage", school, s.checksItemDefaults},
		{"POST", "/checks/settings", "check:manage", school, s.checksSettingsSave},
	}
}

// isCouncil reports whether the user enters as the student council: a
// council member holding no teacher's or office's role, whose entries the
// school may ask a teacher to confirm.
func isCouncil(u *model.User) bool {
	if !slices.Contains(u.Roles, model.RoleStudentCouncil) {
		return false
	}
	for _, r := range u.Roles {
		if r != model.RoleStudentCouncil && r != model.RoleStudent {
			return false
		}
	}
	return true
}

// mayPublish reports whether the user may publish a day: check:manage, or
// a duty teacher when the school allows it.
func (s *Server) mayPublish(u *model.User, set storage.CheckSettings) bool {
	return s.authz.Can(u, "check:manage") || (set.DutyPublish && slices.Contains(u.Roles, model.RoleDutyTeacher))
}

// checkDayOf reads ?day= (or the path's {day}); today when absent or not
// a date.
func checkDayOf(r *http.Request) string {
	d := r.PathValue("day")
	if d == "" {
		d = r.URL.Query().Get("day")
	}
	if d == "" {
		d = r.FormValue("day")
	}
	if !validate.IsDate(d) {
		return today()
	}
	return d
}

// gradeGroup is the standings of one grade, in rank order.
type gradeGroup struct {
	Grade int
	Rows  []conduct.Standing
}

// byGrade splits standings (in school rank order) into grades, newest
// grade first.
func byGrade(ss []conduct.Standing) []gradeGroup {
	var out []gradeGroup
	at := map[int]int{}
	for _, s := range ss {
		i, ok := at[s.Grade]
		if !ok {
			i = len(out)
			at[s.Grade] = i
			out = append(out, gradeGroup{Grade: s.Grade})
		}
		out[i].Rows = append(out[i].Rows, s)
	}
	slices.SortFunc(out, func(a, b gradeGroup) int { return b.Grade - a.Grade })
	return out
}

// refusedOr shows a storage refusal as a flash on the page to go back to,
// and any other error as a server error.
func (s *Server) refusedOr(w http.ResponseWriter, r *http.Request, err error, back string) {
	if errors.Is(err, storage.ErrRefused) {
		s.flashError(r, err.Error())
		http.Redirect(w, r, back, http.StatusSeeOther)
		return
	}
	s.notFoundOr(w, r, err)
}

// isRefusal reports whether err is a refusal meant for the user.
func isRefusal(err error) bool { return errors.Is(err, storage.ErrRefused) }
