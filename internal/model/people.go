package model

import "time"

// EnrollmentStatus is a 学籍状态.
type EnrollmentStatus string

const (
	StatusEnrolled    EnrollmentStatus = "在籍"
	StatusSuspended   EnrollmentStatus = "休学"
	StatusWithdrawn   EnrollmentStatus = "退学"
	StatusTransferred EnrollmentStatus = "转出"
	StatusGraduated   EnrollmentStatus = "毕业"
)

// EnrollmentStatuses lists every 学籍状态 in display order.
var EnrollmentStatuses = []EnrollmentStatus{StatusEnrolled, StatusSuspended, StatusWithdrawn, StatusTransferred, StatusGraduated}

// Valid reports whether s is a known status.
func (s EnrollmentStatus) Valid() bool {
	for _, q := range EnrollmentStatuses {
		if s == q {
			return true
		}
	}
	return false
}

// IDType is the kind of identity document.
type IDType string

const (
	IDResident        IDType = "居民身份证"
	IDHKMacauResident IDType = "港澳居民居住证"
	IDTaiwanResident  IDType = "台湾居民居住证"
	IDForeignPR       IDType = "外国人永久居留身份证"
	IDPassport        IDType = "护照"
	IDOther           IDType = "其他"
)

// IDTypes lists every document type in display order.
var IDTypes = []IDType{IDResident, IDHKMacauResident, IDTaiwanResident, IDForeignPR, IDPassport, IDOther}

// Gender is 男 or 女.
type Gender string

const (
	Male   Gender = "男"
	Female Gender = "女"
)

// Student is a 学生.
type Student struct {
	ID               int64            `json:"id"`
	SchoolID         int64            `json:"school_id"`
	StudentNo        string           `json:"student_no"`
	Name             string           `json:"name"`
	Gender           Gender           `json:"gender"`
	IDType           IDType           `json:"id_type"`
	IDNumber         string           `json:"id_number,omitempty"`
	RegistrationNo   string           `json:"registration_no,omitempty"` // 学籍号
	BirthDate        string           `json:"birth_date,omitempty"`      // YYYY-MM-DD
	Ethnicity        string           `json:"ethnicity,omitempty"`       // 民族
	Phone            string           `json:"phone,omitempty"`
	ClassID          int64            `json:"class_id"`
	ClassName        string           `json:"class_name,omitempty"`
	MajorID          int64            `json:"major_id,omitempty"`
	MajorName        string           `json:"major_name,omitempty"`
	EntryYear        int              `json:"entry_year,omitempty"`
	Program          Program          `json:"program,omitempty"`
	EnrollmentStatus EnrollmentStatus `json:"enrollment_status"`
	UserID           int64            `json:"user_id,omitempty"`
	CreatedAt        time.Time        `json:"created_at"`
	UpdatedAt        time.Time        `json:"updated_at"`
}

// EnrollmentChange is one dated entry in a student's 学籍 history.
type EnrollmentChange struct {
	ID            int64            `json:"id"`
	SchoolID      int64            `json:"school_id"`
	StudentID     int64            `json:"student_id"`
	Status        EnrollmentStatus `json:"status"`
	EffectiveDate string           `json:"effective_date"`
	Reason        string           `json:"reason,omitempty"`
	CreatedBy     int64            `json:"created_by,omitempty"`
	CreatedAt     time.Time        `json:"created_at"`
}

// Guardian is a 监护人; a parent account is linked to one guardian row,
// which is linked to one or more children.
type Guardian struct {
	ID       int64  `json:"id"`
	SchoolID int64  `json:"school_id"`
	Name     string `json:"name"`
	Phone    string `json:"phone,omitempty"`
	UserID   int64  `json:"user_id,omitempty"`
	// Relation is filled when the guardian is read through a student.
	Relation string `json:"relation,omitempty"` // 父亲 / 母亲 / 其他
}

// Teacher is a 教师.
type Teacher struct {
	ID             int64  `json:"id"`
	SchoolID       int64  `json:"school_id"`
	StaffNo        string `json:"staff_no"` // 工号
	Name           string `json:"name"`
	Gender         Gender `json:"gender,omitempty"`
	Title          string `json:"title,omitempty"` // 职称
	DepartmentID   int64  `json:"department_id,omitempty"`
	DepartmentName string `json:"department_name,omitempty"`
	// DualLevel is the current 双师型 recognition's level (初级, 中级,
	// 高级; "" for none), recognised on or before today and not revoked.
	// It and DualQualified (DualLevel != "") are read from the
	// recognitions; the old checkbox column is history and never written.
	DualLevel     string `json:"dual_level"`
	DualQualified bool   `json:"dual_qualified"`     // 双师型, derived
	HiredOn       string `json:"hired_on,omitempty"` // 入职日期, YYYY-MM-DD or ""
	Phone         string `json:"phone,omitempty"`
	IDNumber      string `json:"id_number,omitempty"`
	Active        bool   `json:"active"`
	UserID        int64  `json:"user_id,omitempty"`
}

// Enterprise is a partner 企业 with its 统一社会信用代码.
type Enterprise struct {
	ID         int64  `json:"id"`
	SchoolID   int64  `json:"school_id"`
	Name       string `json:"name"`
	CreditCode string `json:"credit_code"`
	Industry   string `json:"industry,omitempty"`
	Contact    string `json:"contact,omitempty"`
	Phone      string `json:"phone,omitempty"`
	Address    string `json:"address,omitempty"`
}

// Mentor is an 企业导师.
type Mentor struct {
	ID             int64  `json:"id"`
	SchoolID       int64  `json:"school_id"`
	EnterpriseID   int64  `json:"enterprise_id"`
	EnterpriseName string `json:"enterprise_name,omitempty"`
	Name           string `json:"name"`
	Title          string `json:"title,omitempty"`
	Phone          string `json:"phone,omitempty"`
	UserID         int64  `json:"user_id,omitempty"`
}

// Placement kinds.
const (
	PlacementApprenticeship = "现代学徒制"
	PlacementInternship     = "顶岗实习"
	PlacementShadowing      = "跟岗实习"
)

// Placement puts a student with an enterprise mentor: an apprenticeship
// (现代学徒制) or an internship (顶岗/跟岗实习).
type Placement struct {
	ID           int64  `json:"id"`
	SchoolID     int64  `json:"school_id"`
	StudentID    int64  `json:"student_id"`
	StudentName  string `json:"student_name,omitempty"`
	MentorID     int64  `json:"mentor_id"`
	MentorName   string `json:"mentor_name,omitempty"`
	EnterpriseID int64  `json:"enterprise_id"`
	Kind         string `json:"kind"`
	StartDate    string `json:"start_date"`
	EndDate      string `json:"end_date,omitempty"`
}
