package ui

import (
	"net/http"
	"slices"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// resultRoutes are the results, 公示 and appeal pages.
//
// An appeal is submitted to POST /appeals (cycle and student in the form),
// not under /results, because the route table names one resource per
// first path segment (appeal:submit belongs to /appeals).
func (s *Server) resultRoutes() []route {
	return []route{
		{"GET", "/results", "result:read", school, s.resultList},
		{"GET", "/results/{cycle}/students/{student}", "result:read", school, s.resultShow},
		{"GET", "/results/{cycle}/classes/{class}/publicity", "result:read", school, s.resultPublicity},
		{"GET", "/appeals", "appeal:review", school, s.appealList},
		{"POST", "/appeals", "appeal:submit", school, s.appealCreate},
		{"GET", "/appeals/{id}", "appeal:review", school, s.appealShow},
		{"GET", "/appeals/{id}/files/{file}", "appeal:review", school, s.appealFileDownload},
		{"POST", "/appeals/{id}/review", "appeal:review", school, s.appealReview},
		{"POST", "/appeals/{id}/decide", "appeal:decide", school, s.appealDecide},
		// Notifications are every account's own messages.
		{"GET", "/notifications", "", school, s.notificationList},
		{"POST", "/notifications/read", "", school, s.notificationRead},
	}
}

// familyOnly reports whether the scope is a student's or parent's: named
// students and no classes. Families see results only once publicised.
func familyOnly(sc auth.Scope) bool {
	return !sc.All && len(sc.ClassIDs) == 0
}

// loadResultCycle reads the cycle named by {cycle} and refuses cycles
// without results.
func (s *Server) loadResultCycle(w http.ResponseWriter, r *http.Request) (storage.EvalCycle, bool) {
	id, ok := httpx.PathID(r, "cycle")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return storage.EvalCycle{}, false
	}
	c, err := s.st.Cycle(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return c, false
	}
	if !c.State.HasResults() {
		s.errorPage(w, r, http.StatusNotFound, "该评价周期尚未计算结果")
		return c, false
	}
	return c, true
}

// classNames maps the school's class ids to names.
func (s *Server) classNames(r *http.Request) (map[int64]string, error) {
	classes, _, err := s.st.Classes(r.Context(), schoolOf(r), storage.ClassFilter{ListQuery: model.AllRows()})
	if err != nil {
		return nil, err
	}
	out := map[int64]string{}
	for _, c := range classes {
		out[c.ID] = c.Name
	}
	return out, nil
}

// canAppeal reports whether appeals are taken now: publicised and not
// after the last day of publicity (the storage clock's UTC date, as
// storage.CreateAppeal checks it).
func canAppeal(c storage.EvalCycle) bool {
	if c.State != model.CyclePublicised {
		return false
	}
	return c.PublicityEnd == "" || time.Now().UTC().Format("2006-01-02") <= c.PublicityEnd
}

// inClass reports whether the scope may see class classID as a whole: staff
// of the class, or a family whose student is in it.
func (s *Server) inClass(r *http.Request, sc auth.Scope, classID int64) bool {
	if sc.All || slices.Contains(sc.ClassIDs, classID) {
		return true
	}
	for _, id := range sc.StudentIDs {
		if st, err := s.st.Student(r.Context(), schoolOf(r), id); err == nil && st.ClassID == classID {
			return true
		}
	}
	return false
}
