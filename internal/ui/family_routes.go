package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/storage"
)

// familyRoutes are the pages that keep parents and head teachers in the
// loop (docs/conduct.md 4): the family's view of a child's behaviour
// records, the head teacher's trends and talk list, the 德育处's
// school-wide list and the thresholds.
func (s *Server) familyRoutes() []route {
	return []route{
		{"GET", "/family", "conduct:read", school, s.familyShow},
		{"GET", "/conduct/talks", "conduct:talk", school, s.conductTalks},
		{"GET", "/conduct/talks/new", "conduct:talk", school, s.conductTalkNew},
		{"POST", "/conduct/talks", "conduct:talk", school, s.conductTalkCreate},
		{"GET", "/conduct/trends", "conduct:talk", school, s.conductTrends},
		{"GET", "/conduct/alert-rules", "conduct:manage", school, s.familyRules},
		{"POST", "/conduct/alert-rules", "conduct:manage", school, s.familyRuleCreate},
		{"POST", "/conduct/alert-rules/{id}/delete", "conduct:manage", school, s.familyRuleDelete},
	}
}

// conductRemit is whose conduct a staff member follows: the whole school
// for those who manage conduct or see every student, else the classes
// they head (a head teacher's talk list is about their own classes).
func (s *Server) conductRemit(r *http.Request) (storage.ConductSelect, bool, error) {
	sel := storage.ConductSelect{Talks: true}
	sc, err := s.scopeOf(r)
	if err != nil {
		return sel, false, err
	}
	if sc.All || s.authz.Can(userOf(r), "conduct:manage") {
		sel.School = true
		return sel, true, nil
	}
	sel.ClassIDs, err = s.headedClasses(r)
	return sel, false, err
}

// mayTalkAbout reports whether the user follows this student's conduct.
func (s *Server) mayTalkAbout(r *http.Request, classID int64) (bool, error) {
	sel, all, err := s.conductRemit(r)
	return all || slices.Contains(sel.ClassIDs, classID), err
}
