package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// evidenceRoutes are the 写实记录 pages: submitting records with proofs,
// reviewing them, and bulk imports.
func (s *Server) evidenceRoutes() []route {
	return []route{
		{"GET", "/evidence", "evidence:read", school, s.evidenceList},
		{"GET", "/evidence/new", "evidence:submit", school, s.evidenceNew},
		{"POST", "/evidence", "evidence:submit", school, s.evidenceCreate},
		{"GET", "/evidence/import", "evidence:import", school, s.evidenceImportShow},
		{"GET", "/evidence/import/template", "evidence:import", school, s.evidenceImportTemplate},
		{"POST", "/evidence/import", "evidence:import", school, s.evidenceImportSubmit},
		{"GET", "/evidence/{id}", "evidence:read", school, s.evidenceShow},
		{"GET", "/evidence/{id}/files/{file}", "evidence:read", school, s.evidenceFile},
		{"POST", "/evidence/{id}/review", "evidence:review", school, s.evidenceReview},
	}
}

// headedClasses are the classes whose head teacher the user is.
func (s *Server) headedClasses(r *http.Request) ([]int64, error) {
	u := userOf(r)
	if u.TeacherID == 0 || !slices.Contains(u.Roles, model.RoleHeadTeacher) {
		return nil, nil
	}
	return s.st.ClassesOfHeadTeacher(r.Context(), schoolOf(r), u.TeacherID)
}

// ownStudent is the student a student account submits for: always the
// account's own, never a form field. 0 for other accounts.
func ownStudent(u *model.User) int64 {
	if slices.Contains(u.Roles, model.RoleStudent) {
		return u.StudentID
	}
	return 0
}

// maySubmitFor reports whether the user may submit a record for a student
// of classID: school offices for anyone, a head teacher for the students
// of their classes, a student for themself.
func (s *Server) maySubmitFor(r *http.Request, studentID, classID int64) (bool, error) {
	u := userOf(r)
	if !s.authz.Can(u, "evidence:submit") {
		return false, nil
	}
	if own := ownStudent(u); own != 0 && own == studentID {
		return true, nil
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return false, err
	}
	if sc.All {
		return true, nil
	}
	cls, err := s.headedClasses(r)
	return slices.Contains(cls, classID), err
}

// mayReview reports whether the user may verify or reject a record:
// evidence:review and the record's class in their remit (school offices:
// all; head teacher: their classes; department head: their department's).
func (s *Server) mayReview(r *http.Request, e storage.EvidenceRow) (bool, error) {
	u := userOf(r)
	if !s.authz.Can(u, "evidence:review") {
		return false, nil
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		return false, err
	}
	if sc.All {
		return true, nil
	}
	cls, err := s.headedClasses(r)
	if err != nil {
		return false, err
	}
	if slices.Contains(cls, e.ClassID) {
		return true, nil
	}
	if slices.Contains(u.Roles, model.RoleDeptHead) {
		depts, err := s.st.DepartmentsHeadedBy(r.Context(), schoolOf(r), u.ID)
		if err != nil || len(depts) == 0 {
			return false, err
		}
		dc, err := s.st.ClassesOfDepartments(r.Context(), schoolOf(r), depts)
		return slices.Contains(dc, e.ClassID), err
	}
	return false, nil
}

// loadEvidence reads the record named in the path; a record outside the
// user's scope is not found, as for students.
func (s *Server) loadEvidence(w http.ResponseWriter, r *http.Request) (storage.EvidenceRow, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return storage.EvidenceRow{}, false
	}
	e, err := s.st.EvidenceByID(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return e, false
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return e, false
	}
	if !sc.AllowsStudent(e.StudentID, e.ClassID) {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return e, false
	}
	return e, true
}

// evidenceSummary is the one-line grading of a record for lists: level
// and prize, category and grade, hours or points as the kind has them.
func evidenceSummary(e model.Evidence) string {
	join := func(xs ...string) string {
		out := ""
		for _, x := range xs {
			if x != "" {
				if out != "" {
					out += " "
				}
				out += x
			}
		}
		return out
	}
	switch e.Kind {
	case model.EvidenceCompetition:
		t := ""
		if e.Team {
			t = "团体"
		}
		return join(e.Level, e.Prize, t)
	case model.EvidenceCertificate:
		p := "未通过"
		if e.Passed {
			p = "已通过"
		}
		return join(e.Category, e.Level, p)
	case model.EvidenceHonour:
		return join(e.Category, e.Level)
	case model.EvidenceInternship:
		return join(e.Category, e.Level)
	case model.EvidenceService:
		return join(e.Category, num(e.Hours)+" 小时")
	case model.EvidenceBehaviour:
		return join(e.Category, signed(e.Points)+" 分")
	}
	return ""
}

func statusClass(st model.EvidenceStatus) string {
	switch st {
	case model.EvidenceVerified:
		return "ok"
	case model.EvidenceRejected:
		return "err"
	}
	return "warn"
}
