package model

import "time"

// GraduateDestination is one graduate's 毕业去向 as one survey found it.
// Kinds are the portrait package's Dest* constants.
type GraduateDestination struct {
	ID            int64     `json:"id"`
	SchoolID      int64     `json:"school_id"`
	StudentID     int64     `json:"student_id"`
	StudentName   string    `json:"student_name,omitempty"`
	Kind          string    `json:"kind"`
	EnterpriseID  int64     `json:"enterprise_id,omitempty"`
	Employer      string    `json:"employer,omitempty"`
	Position      string    `json:"position,omitempty"`
	Relevant      bool      `json:"relevant"`
	FurtherSchool string    `json:"further_school,omitempty"`
	SurveyDate    string    `json:"survey_date"`
	FirstSurvey   bool      `json:"first_survey"`
	Note          string    `json:"note,omitempty"`
	CreatedAt     time.Time `json:"created_at"`
}

// SurveyQuestion is one question of the employer survey, rated 1–5.
type SurveyQuestion struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// EmployerSurvey is a questionnaire the school sends to its partner
// enterprises (用人单位满意度调查).
type EmployerSurvey struct {
	ID        int64            `json:"id"`
	SchoolID  int64            `json:"school_id"`
	Title     string           `json:"title"`
	Intro     string           `json:"intro,omitempty"`
	Questions []SurveyQuestion `json:"questions"`
	OpensOn   string           `json:"opens_on"`
	ClosesOn  string           `json:"closes_on"`
	CreatedAt time.Time        `json:"created_at"`
}

// SurveyResponse is one enterprise's answers; Overall (1–5) is what
// 用人单位满意率 counts.
type SurveyResponse struct {
	ID           int64          `json:"id"`
	SurveyID     int64          `json:"survey_id"`
	EnterpriseID int64          `json:"enterprise_id"`
	Enterprise   string         `json:"enterprise,omitempty"`
	Answers      map[string]int `json:"answers"`
	Overall      int            `json:"overall"`
	Comment      string         `json:"comment,omitempty"`
	SubmittedAt  time.Time      `json:"submitted_at"`
}

// TrainingSession is a 社会培训 course counted in person-times (人次).
type TrainingSession struct {
	ID           int64  `json:"id"`
	SchoolID     int64  `json:"school_id"`
	Title        string `json:"title"`
	Kind         string `json:"kind,omitempty"`
	StartsOn     string `json:"starts_on"`
	EndsOn       string `json:"ends_on"`
	Trainees     int    `json:"trainees"`
	Served       string `json:"served,omitempty"` // enterprise or community served
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
}

// TeacherAward is a teacher's competition award (教学能力比赛 and the like).
type TeacherAward struct {
	ID          int64  `json:"id"`
	SchoolID    int64  `json:"school_id"`
	TeacherID   int64  `json:"teacher_id"`
	TeacherName string `json:"teacher_name,omitempty"`
	Title       string `json:"title"`
	Level       string `json:"level"` // AwardLevels
	Prize       string `json:"prize"` // Prizes
	AwardedOn   string `json:"awarded_on"`
}
