package auth

import "zhijiao/internal/model"

// RaterIdentity is one role a user rates in, with their id in that role's
// space: a student rates as themself and as a peer, a teacher may be both
// head teacher and subject teacher, a parent rates as their guardian row.
type RaterIdentity struct {
	Role model.RaterRole `json:"role"`
	ID   int64           `json:"rater_id"`
}

// RaterIdentities derives the rating roles of an account from its roles
// and the person it is linked to. The pages and the API both ask here, so
// a rater is the same person wherever they submit.
func RaterIdentities(u *model.User) []RaterIdentity {
	var out []RaterIdentity
	if u.StudentID != 0 && u.HasRole(model.RoleStudent) {
		out = append(out, RaterIdentity{model.RaterSelf, u.StudentID}, RaterIdentity{model.RaterPeer, u.StudentID})
	}
	if u.TeacherID != 0 && u.HasRole(model.RoleHeadTeacher) {
		out = append(out, RaterIdentity{model.RaterHeadTeacher, u.TeacherID})
	}
	if u.TeacherID != 0 && u.HasRole(model.RoleSubjectTeacher) {
		out = append(out, RaterIdentity{model.RaterSubjectTeacher, u.TeacherID})
	}
	if u.MentorID != 0 && u.HasRole(model.RoleMentor) {
		out = append(out, RaterIdentity{model.RaterMentor, u.MentorID})
	}
	if u.GuardianID != 0 && u.HasRole(model.RoleParent) {
		out = append(out, RaterIdentity{model.RaterParent, u.GuardianID})
	}
	return out
}

// RaterID returns the user's id in a rating role, or false.
func RaterID(u *model.User, role model.RaterRole) (int64, bool) {
	for _, id := range RaterIdentities(u) {
		if id.Role == role {
			return id.ID, true
		}
	}
	return 0, false
}
