package model

import (
	"time"

	"zhijiao/internal/teacherdev"
)

// 教师培训与实践记录 (docs/teachers.md section 1). Kind, status and source
// values are internal/teacherdev's vocabulary.

// DevelopmentRecord is one training, practice period, study or
// certificate of one teacher.
type DevelopmentRecord struct {
	ID                  int64     `json:"id"`
	SchoolID            int64     `json:"school_id,omitempty"`
	TeacherID           int64     `json:"teacher_id"`
	TeacherName         string    `json:"teacher_name,omitempty"`
	StaffNo             string    `json:"staff_no,omitempty"`
	DepartmentID        int64     `json:"department_id,omitempty"`
	DepartmentName      string    `json:"department_name,omitempty"`
	Kind                string    `json:"kind"`
	Title               string    `json:"title"`
	Provider            string    `json:"provider,omitempty"`
	StartsOn            string    `json:"starts_on"`
	EndsOn              string    `json:"ends_on"`
	Hours               float64   `json:"hours,omitempty"`
	Days                float64   `json:"days,omitempty"`
	EnterpriseID        int64     `json:"enterprise_id,omitempty"`
	EnterpriseName      string    `json:"enterprise_name,omitempty"`
	EnterpriseConfirmed bool      `json:"enterprise_confirmed,omitempty"`
	ConfirmedBy         string    `json:"confirmed_by,omitempty"`
	Issuer              string    `json:"issuer,omitempty"`
	Number              string    `json:"number,omitempty"`
	Level               string    `json:"level,omitempty"`
	ExpiresOn           string    `json:"expires_on,omitempty"`
	BatchID             int64     `json:"batch_id,omitempty"`
	Source              string    `json:"source"`
	Status              string    `json:"status"`
	RejectReason        string    `json:"reject_reason,omitempty"`
	ReviewedBy          int64     `json:"reviewed_by,omitempty"`
	ReviewedAt          time.Time `json:"reviewed_at,omitzero"`
	Deleted             bool      `json:"deleted,omitempty"`
	CreatedBy           int64     `json:"created_by,omitempty"`
	CreatedAt           time.Time `json:"created_at,omitzero"`
	UpdatedAt           time.Time `json:"updated_at,omitzero"`
}

// KindName is the record's kind in Chinese.
func (d DevelopmentRecord) KindName() string { return teacherdev.Kind(d.Kind).Name() }

// StatusName is the record's review status in Chinese.
func (d DevelopmentRecord) StatusName() string { return teacherdev.StatusName(d.Status) }

// SourceName says who entered the record.
func (d DevelopmentRecord) SourceName() string {
	switch d.Source {
	case teacherdev.SourceOffice:
		return "人事处录入"
	case teacherdev.SourceImport:
		return "名单导入"
	}
	return "自报"
}

// Spec is the fields the record's kind uses.
func (d DevelopmentRecord) Spec() teacherdev.Spec { return teacherdev.SpecOf(teacherdev.Kind(d.Kind)) }

// ChangeableBy reports whether a user may edit, delete or add proof to
// the record: a verifier always (the 人事处), the teacher themself until
// it is verified; a deleted record by no one.
func (d DevelopmentRecord) ChangeableBy(teacherID int64, verifier bool) bool {
	if d.Deleted {
		return false
	}
	return verifier || (teacherID != 0 && d.TeacherID == teacherID && d.Status != teacherdev.StatusVerified)
}
