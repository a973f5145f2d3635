package ui

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type rateGroup struct {
	Cycle   storage.EvalCycle
	Role    model.RaterRole
	Tasks   []storage.RaterTask
	Done    int
	Classes []rateClass // teacher roles: one fast grid per class
	Offline string      // teacher roles: the offline workbook page
}

// rateClass is one class of a teacher's tasks, with its grid.
type rateClass struct {
	Name        string
	Done, Total int
	GridURL     string
}

// rateHome lists what the user has to rate in the school's open cycles.
func (s *Server) rateHome(w http.ResponseWriter, r *http.Request) {
	groups, err := s.raterGroups(r, 0)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	var names map[int64]string // class names, read once for all teacher groups
	for i := range groups {
		g := &groups[i]
		if !isGridRole(g.Role) {
			continue
		}
		if names == nil {
			if names, err = s.classNames(r); err != nil {
				s.serverError(w, r, err)
				return
			}
		}
		if err := gridLinks(names, g); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "rate_home", "我的评价", groups)
}

func isGridRole(role model.RaterRole) bool { return slices.Contains(gridRoles, role) }

func gridURL(cycleID int64, role model.RaterRole, classID int64) string {
	return "/rate/" + strconv.FormatInt(cycleID, 10) + "/grid/" + string(role) + "/" + strconv.FormatInt(classID, 10)
}

// gridLinks fills a teacher group's classes (in task order) and links.
func gridLinks(names map[int64]string, g *rateGroup) error {
	at := map[int64]int{}
	for _, t := range g.Tasks {
		i, ok := at[t.ClassID]
		if !ok {
			name, known := names[t.ClassID]
			if !known {
				return fmt.Errorf("class %d of a rating task not found", t.ClassID)
			}
			i = len(g.Classes)
			at[t.ClassID] = i
			g.Classes = append(g.Classes, rateClass{Name: name, GridURL: gridURL(g.Cycle.ID, g.Role, t.ClassID)})
		}
		g.Classes[i].Total++
		if t.Done {
			g.Classes[i].Done++
		}
	}
	g.Offline = offlineURL(g.Cycle.ID, g.Role)
	return nil
}

func rateURL(cycleID int64, role model.RaterRole, studentID int64) string {
	return "/rate/" + strconv.FormatInt(cycleID, 10) + "/" + string(role) + "/" + strconv.FormatInt(studentID, 10)
}
