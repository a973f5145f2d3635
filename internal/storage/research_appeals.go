package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// Appeals of 科研考核 points: a teacher appeals during 公示; the 科研处
// upholds (fixes the record, then may recompute that teacher) or
// dismisses with a reason.

// Research appeal statuses.
const (
	ResearchAppealPending   = "pending"
	ResearchAppealUpheld    = "upheld"
	ResearchAppealDismissed = "dismissed"
)

// ResearchAppeal is one appeal with the teacher's name.
type ResearchAppeal struct {
	ID           int64      `json:"id"`
	AssessmentID int64      `json:"assessment_id"`
	TeacherID    int64      `json:"teacher_id"`
	TeacherName  string     `json:"teacher_name"`
	StaffNo      string     `json:"staff_no"`
	Reason       string     `json:"reason"`
	Status       string     `json:"status"`
	Decision     string     `json:"decision,omitempty"`
	DecidedAt    *time.Time `json:"decided_at,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
}

// AppealResearch files a teacher's appeal. It is taken only during 公示,
// up to its last day, and a teacher has at most one pending at a time.
func (s *Storage) AppealResearch(ctx context.Context, schoolID int64, a model.Actor, assessmentID, teacherID int64, reason string) (int64, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" || len([]rune(reason)) > 500 {
		return 0, refusal("请写明申诉理由（最多 500 字）")
	}
	var id int64
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		ra, err := s.researchAssessment(ctx, tx, schoolID, assessmentID)
		if err != nil {
			return err
		}
		if ra.State != research.StatePublicised || now().Format(dateLayout) > ra.PublicityEnd() {
			return refusal("只能在公示期内申诉")
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM research_appeals WHERE school_id = $1 AND assessment_id = $2 AND teacher_id = $3 AND status = $4`,
			schoolID, assessmentID, teacherID, ResearchAppealPending).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return refusal("你已有一条申诉在处理中，请等待科研处答复")
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO research_appeals (school_id, assessment_id, teacher_id, reason, status, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`, schoolID, assessmentID, teacherID, reason, ResearchAppealPending, nullInt(a.UserID), now()).Scan(&id); err != nil {
			return fmt.Errorf("research appeal: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "appeal", "research_assessment", assessmentID, nil, map[string]any{"appeal": id, "teacher": teacherID, "reason": reason})
	})
	return id, annotate("科研考核申诉", err)
}

// DecideResearchAppeal answers a pending appeal: uphold, or dismiss with
// a reason the teacher reads. Another school's appeal is ErrNotFound
// whatever the form says.
func (s *Storage) DecideResearchAppeal(ctx context.Context, schoolID int64, a model.Actor, assessmentID, appealID int64, uphold bool, decision string) error {
	decision = strings.TrimSpace(decision)
	status := ResearchAppealDismissed
	if uphold {
		status = ResearchAppealUpheld
	}
	return annotate("处理科研考核申诉", s.InTx(ctx, func(tx *sql.Tx) error {
		var current string
		err := tx.QueryRowContext(ctx, `SELECT status FROM research_appeals WHERE school_id = $1 AND assessment_id = $2 AND id = $3`,
			schoolID, assessmentID, appealID).Scan(&current)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return ErrNotFound
		case err != nil:
			return fmt.Errorf("decide research appeal: %w", err)
		case current != ResearchAppealPending:
			return refusal("这条申诉已处理过")
		case !uphold && decision == "":
			return refusal("驳回申诉需要写明理由")
		}
		res, err := tx.ExecContext(ctx, `UPDATE research_appeals SET status = $5, decision = $6, decided_by = $7, decided_at = $8
			WHERE school_id = $1 AND assessment_id = $2 AND id = $3 AND status = $4`,
			schoolID, assessmentID, appealID, ResearchAppealPending, status, decision, nullInt(a.UserID), now())
		if err != nil {
			return fmt.Errorf("decide research appeal: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return refusal("这条申诉已处理过")
		}
		return s.audit(ctx, tx, schoolID, a, "decide_appeal", "research_assessment", assessmentID, nil,
			map[string]any{"appeal": appealID, "status": status, "decision": decision})
	}))
}

// ResearchAppeals lists an assessment's appeals, pending first; teacherID
// 0 lists everyone's.
func (s *Storage) ResearchAppeals(ctx context.Context, schoolID, assessmentID, teacherID int64) ([]ResearchAppeal, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT ap.id, ap.assessment_id, ap.teacher_id, t.name, t.staff_no, ap.reason, ap.status, ap.decision, ap.decided_at, ap.created_at
		FROM research_appeals ap JOIN teachers t ON t.school_id = ap.school_id AND t.id = ap.teacher_id
		WHERE ap.school_id = $1 AND ap.assessment_id = $2 AND (CAST($3 AS BIGINT) = 0 OR ap.teacher_id = $3)
		ORDER BY CASE WHEN ap.status = 'pending' THEN 0 ELSE 1 END, ap.id`, schoolID, assessmentID, teacherID)
	if err != nil {
		return nil, fmt.Errorf("research appeals: %w", err)
	}
	defer rows.Close()
	var out []ResearchAppeal
	for rows.Next() {
		var ap ResearchAppeal
		var decided sql.NullTime
		if err := rows.Scan(&ap.ID, &ap.AssessmentID, &ap.TeacherID, &ap.TeacherName, &ap.StaffNo, &ap.Reason, &ap.Status, &ap.Decision, &decided, &ap.CreatedAt); err != nil {
			return nil, fmt.Errorf("research appeals: %w", err)
		}
		ap.DecidedAt, ap.CreatedAt = utcPtr(decided), ap.CreatedAt.UTC()
		out = append(out, ap)
	}
	return out, rows.Err()
}

var researchAppealNames = map[string]string{ResearchAppealPending: "待处理", ResearchAppealUpheld: "已支持", ResearchAppealDismissed: "已驳回"}

// StatusName is the appeal's status in Chinese.
func (ap ResearchAppeal) StatusName() string { return researchAppealNames[ap.Status] }
