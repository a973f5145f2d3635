package auth

import (
	"context"
	"slices"

	"zhijiao/internal/model"
)

// Scope is which students and classes of their school a user may see.
// All is true for school-wide roles; otherwise only the listed classes and
// students are visible. A user with several roles sees the union.
type Scope struct {
	All        bool
	ClassIDs   []int64
	StudentIDs []int64
}

// ScopeStore is what computing a scope reads.
type ScopeStore interface {
	ClassesOfHeadTeacher(ctx context.Context, schoolID, teacherID int64) ([]int64, error)
	ClassesTaughtBy(ctx context.Context, schoolID, teacherID, termID int64) ([]int64, error)
	CurrentTermID(ctx context.Context, schoolID int64) (int64, error)
	DepartmentsHeadedBy(ctx context.Context, schoolID, userID int64) ([]int64, error)
	ClassesOfDepartments(ctx context.Context, schoolID int64, deptIDs []int64) ([]int64, error)
	ChildrenOf(ctx context.Context, schoolID, guardianID int64) ([]int64, error)
	ApprenticesOf(ctx context.Context, schoolID, mentorID int64) ([]int64, error)
}

// schoolWide are the roles that see every student of their school; the
// 德育处 follows every student's conduct. The research office is not one
// of them: it works with teachers' records, and its KPI drill-downs and
// outcome lists show no named student.
var schoolWide = []string{model.RolePlatformAdmin, model.RoleSchoolAdmin, model.RoleAcademic, model.RoleStudentAffairs, model.RoleMoralOffice}

// ScopeOf computes u's scope from the organisation: the classes they head
// or teach this term, the departments they lead, their children, or the
// apprentices of their placements that have not ended.
func ScopeOf(ctx context.Context, st ScopeStore, u *model.User) (Scope, error) {
	var sc Scope
	for _, r := range u.Roles {
		if slices.Contains(schoolWide, r) {
			return Scope{All: true}, nil
		}
	}
	add := func(ids []int64, err error, to *[]int64) error {
		if err != nil {
			return err
		}
		*to = append(*to, ids...)
		return nil
	}
	s := u.SchoolID
	for _, r := range u.Roles {
		var err error
		switch r {
		case model.RoleHeadTeacher:
			if u.TeacherID != 0 {
				ids, e := st.ClassesOfHeadTeacher(ctx, s, u.TeacherID)
				err = add(ids, e, &sc.ClassIDs)
			}
		case model.RoleSubjectTeacher:
			// This term's teaching only, the rule portraits follow too: a
			// teacher who taught a class last year no longer reads its
			// students, results or report cards.
			if u.TeacherID != 0 {
				term, e := st.CurrentTermID(ctx, s)
				if e == nil && term != 0 {
					ids, e2 := st.ClassesTaughtBy(ctx, s, u.TeacherID, term)
					err = add(ids, e2, &sc.ClassIDs)
				} else {
					err = e
				}
			}
		case model.RoleDeptHead:
			depts, e := st.DepartmentsHeadedBy(ctx, s, u.ID)
			if e == nil {
				ids, e2 := st.ClassesOfDepartments(ctx, s, depts)
				err = add(ids, e2, &sc.ClassIDs)
			} else {
				err = e
			}
		case model.RoleParent:
			if u.GuardianID != 0 {
				ids, e := st.ChildrenOf(ctx, s, u.GuardianID)
				err = add(ids, e, &sc.StudentIDs)
			}
		case model.RoleMentor:
			if u.MentorID != 0 {
				ids, e := st.ApprenticesOf(ctx, s, u.MentorID)
				err = add(ids, e, &sc.StudentIDs)
			}
		case model.RoleStudent:
			if u.StudentID != 0 {
				sc.StudentIDs = append(sc.StudentIDs, u.StudentID)
			}
		}
		if err != nil {
			return sc, err
		}
	}
	slices.Sort(sc.ClassIDs)
	sc.ClassIDs = slices.Compact(sc.ClassIDs)
	slices.Sort(sc.StudentIDs)
	sc.StudentIDs = slices.Compact(sc.StudentIDs)
	return sc, nil
}

// AllowsStudent reports whether a student in classID is visible.
func (s Scope) AllowsStudent(studentID, classID int64) bool {
	return s.All || slices.Contains(s.StudentIDs, studentID) || slices.Contains(s.ClassIDs, classID)
}

// AllowsClass reports whether a class is visible as a whole.
func (s Scope) AllowsClass(classID int64) bool {
	return s.All || slices.Contains(s.ClassIDs, classID)
}
