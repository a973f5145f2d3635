package conduct

import (
	"slices"

	"zhijiao/internal/model"
)

// Settings are a school's status rules for new records.
type Settings struct {
	// TeachersCountAtOnce: records by head teachers, duty teachers and the
	// offices are verified when saved; off, they wait for confirmation too.
	TeachersCountAtOnce bool `json:"teachers_count_at_once"`
	// CouncilNeedsConfirm: records by the student council wait for a
	// teacher's confirmation.
	CouncilNeedsConfirm bool `json:"council_needs_confirm"`
	// ApprovalAbove: a bonus of more points than this waits for the
	// 德育处's approval; 0 turns approval off.
	ApprovalAbove float64 `json:"approval_above"`
}

// DefaultSettings are the rules of a school that changed nothing.
func DefaultSettings() Settings {
	return Settings{TeachersCountAtOnce: true, CouncilNeedsConfirm: true, ApprovalAbove: 3}
}

// What a waiting record waits for (evidence.awaiting).
const (
	AwaitNone    = ""
	AwaitConfirm = "confirm" // a teacher's confirmation
	AwaitApprove = "approve" // the 德育处's approval
)

// recorderOrder ranks the roles a recorder may hold, strongest first: an
// account that is both 学生会干部 and student records as the council, a
// teacher who is also on duty as a teacher.
var recorderOrder = []string{model.RoleSchoolAdmin, model.RoleMoralOffice, model.RoleStudentAffairs,
	model.RoleDutyTeacher, model.RoleHeadTeacher, model.RoleStudentCouncil}

// RecorderRole is the role a user records as, "" when none may record.
func RecorderRole(roles []string) string {
	for _, r := range recorderOrder {
		if slices.Contains(roles, r) {
			return r
		}
	}
	return ""
}

// wholeSchool are the roles that record for the whole school: the offices,
// duty teachers (值周教师 walk every corridor) and the student council. A
// head teacher records for the classes they head.
var wholeSchool = []string{model.RoleSchoolAdmin, model.RoleMoralOffice, model.RoleStudentAffairs, model.RoleDutyTeacher, model.RoleStudentCouncil}

// WholeSchool reports whether a user with these roles records (and, with
// conduct:read, reads) for every class of the school.
func WholeSchool(roles []string) bool {
	for _, r := range roles {
		if slices.Contains(wholeSchool, r) {
			return true
		}
	}
	return false
}

// ReadsWholeSchool reports whether a user with these roles reads every
// class's records (with conduct:read): the offices and duty teachers. The
// student council records for the whole school but are students: they
// read no one's records beyond their own.
func ReadsWholeSchool(roles []string) bool {
	for _, r := range roles {
		if r != model.RoleStudentCouncil && slices.Contains(wholeSchool, r) {
			return true
		}
	}
	return false
}

// InitialState is the status and the wait of a new record by a recorder
// of this role with these signed points.
func InitialState(role string, points float64, s Settings) (model.EvidenceStatus, string) {
	if s.ApprovalAbove > 0 && points > s.ApprovalAbove {
		return model.EvidencePending, AwaitApprove
	}
	if role == model.RoleStudentCouncil {
		if s.CouncilNeedsConfirm {
			return model.EvidencePending, AwaitConfirm
		}
		return model.EvidenceVerified, AwaitNone
	}
	if !s.TeachersCountAtOnce {
		return model.EvidencePending, AwaitConfirm
	}
	return model.EvidenceVerified, AwaitNone
}
