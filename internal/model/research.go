package model

import (
	"strings"
	"time"

	"zhijiao/internal/research"
)

// 科研成果 (docs/research.md section 1). Kind, stage, role and status
// values are internal/research's vocabulary.

// ResearchOutput is one research output, whatever its kind: a team
// output is one record credited to its contributors.
type ResearchOutput struct {
	ID       int64  `json:"id"`
	SchoolID int64  `json:"school_id,omitempty"`
	Kind     string `json:"kind"`
	Title    string `json:"title"`
	Level    string `json:"level,omitempty"`
	Grade    string `json:"grade,omitempty"`
	// Stage is a 课题's latest stage; Stages holds every stage's date.
	Stage  string          `json:"stage,omitempty"`
	Stages []ResearchStage `json:"stages,omitempty"`
	// Ident is the normalised identifier duplicates are caught on
	// (research.Ident), set by storage.
	Ident string `json:"ident,omitempty"`
	// Fields are the kind's own fields by key (research.SpecOf).
	Fields       map[string]string     `json:"fields"`
	DatedOn      string                `json:"dated_on"` // YYYY-MM-DD
	Contributors []ResearchContributor `json:"contributors"`
	Status       string                `json:"status"`
	RejectReason string                `json:"reject_reason,omitempty"`
	ReviewedBy   int64                 `json:"reviewed_by,omitempty"`
	ReviewedAt   time.Time             `json:"reviewed_at,omitzero"`
	Deleted      bool                  `json:"deleted,omitempty"`
	CreatedBy    int64                 `json:"created_by,omitempty"`
	CreatedAt    time.Time             `json:"created_at,omitzero"`
	UpdatedAt    time.Time             `json:"updated_at,omitzero"`
}

// ResearchStage is a 课题's stage (立项, 中期, 结题) on its date.
type ResearchStage struct {
	Stage   string `json:"stage"`
	DatedOn string `json:"dated_on"`
}

// ResearchContributor is one contributor in order. TeacherID is 0 for a
// person from outside the school, kept by name. Share is the percentage
// the team agreed on, nil for the rule's default split.
type ResearchContributor struct {
	Position  int      `json:"position"`
	TeacherID int64    `json:"teacher_id,omitempty"`
	Name      string   `json:"name"`
	Role      string   `json:"role"`
	Share     *float64 `json:"share,omitempty"`
}

// External reports whether the contributor is from outside the school.
func (c ResearchContributor) External() bool { return c.TeacherID == 0 }

// KindName is the output's kind in Chinese.
func (o ResearchOutput) KindName() string { return research.Kind(o.Kind).Name() }

// StatusName is the output's review status in Chinese.
func (o ResearchOutput) StatusName() string {
	switch o.Status {
	case research.StatusVerified:
		return "已认定"
	case research.StatusRejected:
		return "已退回"
	}
	return "待审核"
}

// Credits lists the contributors' names in order, "、"-separated.
func (o ResearchOutput) Credits() string {
	names := make([]string, len(o.Contributors))
	for i, c := range o.Contributors {
		names[i] = c.Name
	}
	return strings.Join(names, "、")
}

// ChangeableBy reports whether a user may edit, delete or add proof to
// the output: a reviewer (the 科研处) always, a contributor or who entered
// it until it is verified (then corrections go through the 科研处); a
// deleted output by no one.
func (o ResearchOutput) ChangeableBy(userID, teacherID int64, reviewer bool) bool {
	if o.Deleted {
		return false
	}
	if reviewer {
		return true
	}
	mine := o.CreatedBy == userID
	for _, c := range o.Contributors {
		mine = mine || (teacherID != 0 && c.TeacherID == teacherID)
	}
	return mine && o.Status != research.StatusVerified
}
