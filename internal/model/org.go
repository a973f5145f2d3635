// Package model holds the plain types every other package shares.
// Nothing here talks to a database or to HTTP.
package model

import "time"

// PlatformSchoolID is the school_id of platform-level rows (platform admins,
// district admins): they belong to no single school.
const PlatformSchoolID int64 = 0

// District is a group of schools seen together (教育局 / 区域).
type District struct {
	ID   int64  `json:"id"`
	Code string `json:"code"`
	Name string `json:"name"`
}

// School is the tenant: every other row belongs to exactly one school.
type School struct {
	ID         int64     `json:"id"`
	Code       string    `json:"code"`
	Name       string    `json:"name"`
	DistrictID int64     `json:"district_id,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

// AcademicYear is a 学年 such as "2025-2026".
type AcademicYear struct {
	ID        int64  `json:"id"`
	SchoolID  int64  `json:"school_id"`
	Name      string `json:"name"`
	StartDate string `json:"start_date"` // YYYY-MM-DD
	EndDate   string `json:"end_date"`
}

// Term is a 学期: 1 = 第一学期 (autumn), 2 = 第二学期 (spring).
type Term struct {
	ID             int64  `json:"id"`
	SchoolID       int64  `json:"school_id"`
	AcademicYearID int64  `json:"academic_year_id"`
	YearName       string `json:"year_name,omitempty"`
	Semester       int    `json:"semester"`
	StartDate      string `json:"start_date"`
	EndDate        string `json:"end_date"`
	IsCurrent      bool   `json:"is_current"`
}

// Name is the term as schools say it: "2025-2026学年第一学期".
func (t Term) Name() string {
	s := "第一学期"
	if t.Semester == 2 {
		s = "第二学期"
	}
	return t.YearName + "学年" + s
}

// MajorCategory is a 专业大类 (2-digit code, 61–79 for secondary vocational).
type MajorCategory struct {
	ID       int64  `json:"id"`
	SchoolID int64  `json:"school_id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
}

// Department is a 专业部, which owns majors and classes.
type Department struct {
	ID          int64  `json:"id"`
	SchoolID    int64  `json:"school_id"`
	Name        string `json:"name"`
	HeadUserID  int64  `json:"head_user_id,omitempty"`
	Description string `json:"description,omitempty"`
}

// Major is a 专业 with its 6-digit code from the school's catalogue.
type Major struct {
	ID             int64  `json:"id"`
	SchoolID       int64  `json:"school_id"`
	Code           string `json:"code"`
	Name           string `json:"name"`
	ShortName      string `json:"short_name,omitempty"`
	CategoryID     int64  `json:"category_id"`
	CategoryName   string `json:"category_name,omitempty"`
	DepartmentID   int64  `json:"department_id,omitempty"`
	DepartmentName string `json:"department_name,omitempty"`
	Apprenticeship bool   `json:"apprenticeship"` // 现代学徒制试点
}

// Program is a 学制.
type Program string

const (
	Program3Year Program = "三年制中职"
	Program5Year Program = "五年一贯制高职"
	Program3p2   Program = "3+2"
	Program3p4   Program = "3+4中本贯通"
)

// Programs lists every 学制 in display order.
var Programs = []Program{Program3Year, Program5Year, Program3p2, Program3p4}

// Valid reports whether p is a known 学制.
func (p Program) Valid() bool {
	for _, q := range Programs {
		if p == q {
			return true
		}
	}
	return false
}

// Cohort is a 年级 by entry year.
type Cohort struct {
	ID        int64  `json:"id"`
	SchoolID  int64  `json:"school_id"`
	EntryYear int    `json:"entry_year"`
	Name      string `json:"name"` // "2024级"
}

// Class is a 班级 with one 班主任.
type Class struct {
	ID              int64   `json:"id"`
	SchoolID        int64   `json:"school_id"`
	Name            string  `json:"name"`
	CohortID        int64   `json:"cohort_id"`
	EntryYear       int     `json:"entry_year,omitempty"`
	MajorID         int64   `json:"major_id"`
	MajorName       string  `json:"major_name,omitempty"`
	DepartmentID    int64   `json:"department_id,omitempty"`
	Program         Program `json:"program"`
	HeadTeacherID   int64   `json:"head_teacher_id,omitempty"`
	HeadTeacherName string  `json:"head_teacher_name,omitempty"`
	StudentCount    int     `json:"student_count"`
}

// Course is a 课程.
type Course struct {
	ID       int64  `json:"id"`
	SchoolID int64  `json:"school_id"`
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"` // 公共基础课 / 专业核心课 / 专业拓展课 / 实习实训
	MajorID  int64  `json:"major_id,omitempty"`
}

// TeachingAssignment is course × class × teacher × term.
type TeachingAssignment struct {
	ID          int64  `json:"id"`
	SchoolID    int64  `json:"school_id"`
	TermID      int64  `json:"term_id"`
	CourseID    int64  `json:"course_id"`
	CourseName  string `json:"course_name,omitempty"`
	ClassID     int64  `json:"class_id"`
	ClassName   string `json:"class_name,omitempty"`
	TeacherID   int64  `json:"teacher_id"`
	TeacherName string `json:"teacher_name,omitempty"`
}
