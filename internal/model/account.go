package model

import "time"

// Role names. They are data in the role_permissions table; these constants
// only name the built-in ones.
const (
	RolePlatformAdmin  = "platform_admin"
	RoleDistrictAdmin  = "district_admin"
	RoleSchoolAdmin    = "school_admin"
	RoleAcademic       = "academic_office"  // 教务处
	RoleStudentAffairs = "student_affairs"  // 学生处
	RoleResearch       = "research_office"  // 科研处
	RoleMoralOffice    = "moral_office"     // 德育处
	RolePersonnel      = "personnel_office" // 人事处
	RoleDutyTeacher    = "duty_teacher"     // 值周教师
	RoleStudentCouncil = "student_council"  // 学生会干部
	RoleDeptHead       = "department_head"
	RoleHeadTeacher    = "head_teacher"
	RoleSubjectTeacher = "subject_teacher"
	RoleMentor         = "mentor"
	RoleStudent        = "student"
	RoleParent         = "parent"
)

// User is a login account. A school user's username reads name@schoolcode;
// platform users have SchoolID 0.
type User struct {
	ID                 int64     `json:"id"`
	SchoolID           int64     `json:"school_id"`
	Username           string    `json:"username"`
	DisplayName        string    `json:"display_name"`
	PasswordHash       string    `json:"-"`
	MustChangePassword bool      `json:"must_change_password"`
	Disabled           bool      `json:"disabled"`
	FailedLogins       int       `json:"-"`
	LockedUntil        time.Time `json:"-"`
	Roles              []string  `json:"roles"`
	// Links to the person behind the account (0 when none).
	TeacherID  int64     `json:"teacher_id,omitempty"`
	StudentID  int64     `json:"student_id,omitempty"`
	GuardianID int64     `json:"guardian_id,omitempty"`
	MentorID   int64     `json:"mentor_id,omitempty"`
	DistrictID int64     `json:"district_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
	LastLogin  time.Time `json:"last_login,omitzero"`
}

// HasRole reports whether u holds role r.
func (u *User) HasRole(r string) bool {
	for _, x := range u.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// APIToken is a bearer token for the JSON API; only its hash is stored.
type APIToken struct {
	ID         int64     `json:"id"`
	SchoolID   int64     `json:"school_id"`
	UserID     int64     `json:"user_id"`
	Name       string    `json:"name"`
	Prefix     string    `json:"prefix"`
	CreatedAt  time.Time `json:"created_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	ExpiresAt  time.Time `json:"expires_at,omitzero"`
	Revoked    bool      `json:"revoked"`
}

// AuditEntry is one append-only line of the audit log.
type AuditEntry struct {
	ID       int64     `json:"id"`
	SchoolID int64     `json:"school_id"`
	At       time.Time `json:"at"`
	UserID   int64     `json:"user_id,omitempty"`
	Username string    `json:"username,omitempty"`
	Action   string    `json:"action"` // create / update / delete / login / reset_password …
	Entity   string    `json:"entity"` // student / teacher / class / user / role …
	EntityID int64     `json:"entity_id,omitempty"`
	Before   string    `json:"before,omitempty"` // JSON
	After    string    `json:"after,omitempty"`  // JSON
	IP       string    `json:"ip,omitempty"`
}

// Actor is who makes a change, recorded in the audit log with it.
type Actor struct {
	UserID   int64
	Username string
	IP       string
}

// SystemActor marks changes made by the command line or the demo generator.
var SystemActor = Actor{Username: "system"}
