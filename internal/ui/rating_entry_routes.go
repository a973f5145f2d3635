package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/auth"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// ratingEntryRoutes are the teachers' fast grid and offline .xlsx rating
// entry. Both write only through storage.SubmitRatings, like the form. A
// refused workbook's error report is downloaded from the roster import's
// /import/errors/{token}, which serves any report to the user it was made for.
func (s *Server) ratingEntryRoutes() []route {
	return []route{
		{"GET", "/rate/{cycle}/grid/{role}/{class}", "rating:submit", school, s.rateGridShow},
		{"POST", "/rate/{cycle}/grid/{role}", "rating:submit", school, s.rateGridSave},
		{"GET", "/rate/{cycle}/offline/{role}", "rating:submit", school, s.rateOfflineShow},
		{"GET", "/rate/{cycle}/offline/{role}/workbook", "rating:submit", school, s.rateOfflineDownload},
		{"POST", "/rate/{cycle}/offline/{role}", "rating:submit", school, s.rateOfflineUpload},
	}
}

// gridRoles are the rater roles that rate many students and get the grid
// and the workbook; students and parents keep the phone form.
var gridRoles = []model.RaterRole{model.RaterHeadTeacher, model.RaterSubjectTeacher, model.RaterMentor}

// entry is one rater's work in one cycle and role, as the grid and the
// workbook see it.
type entry struct {
	Cycle     storage.EvalCycle
	Framework model.Framework
	Role      model.RaterRole
	RaterID   int64
	Tasks     []storage.RaterTask
}

// loadEntry resolves /rate/{cycle}/…/{role}: a cycle of the user's school,
// a teacher role the user rates in, and their tasks. Anything else is not
// found, so a guessed cycle or role reveals nothing.
func (s *Server) loadEntry(r *http.Request) (entry, error) {
	ctx, school := r.Context(), schoolOf(r)
	var e entry
	cycleID, ok := httpx.PathID(r, "cycle")
	e.Role = model.RaterRole(r.PathValue("role"))
	id, mine := auth.RaterID(userOf(r), e.Role)
	if !ok || !mine || !slices.Contains(gridRoles, e.Role) {
		return e, storage.ErrNotFound
	}
	e.RaterID = id
	var err error
	if e.Cycle, err = s.st.Cycle(ctx, school, cycleID); err != nil {
		return e, err
	}
	if e.Framework, err = s.st.Framework(ctx, school, e.Cycle.FrameworkID); err != nil {
		return e, err
	}
	if e.Tasks, err = s.st.TasksForRater(ctx, school, e.Cycle.ID, e.Role, e.RaterID); err != nil {
		return e, err
	}
	if len(e.Tasks) == 0 {
		return e, storage.ErrNotFound
	}
	return e, nil
}

// currentComments maps each student to the comment of the rater's
// current ratings (the phone form writes one comment for all indicators).
// The grid and the workbook have no comment column, so they carry it
// over: a value saved again then stays identical, and writes nothing.
func currentComments(cur []model.Rating) map[int64]string {
	out := map[int64]string{}
	for _, x := range cur {
		if x.Comment != "" {
			out[x.StudentID] = x.Comment
		}
	}
	return out
}
