package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// Claims (认领): a teacher says which of their outputs count in a term's
// assessment. An output is claimable by a teacher who is one of its
// contributors, while it is not rejected or deleted and its date (or one
// of a 课题's stage dates) lies in the assessment's period.

// ResearchClaimRow is one claimable output of a teacher.
type ResearchClaimRow struct {
	OutputID int64         `json:"output_id"`
	Kind     research.Kind `json:"kind"`
	Title    string        `json:"title"`
	Level    string        `json:"level,omitempty"`
	Grade    string        `json:"grade,omitempty"`
	Stage    string        `json:"stage,omitempty"`
	DatedOn  string        `json:"dated_on"`
	Status   string        `json:"status"`
	Position int           `json:"position"`
	Role     string        `json:"role"`
	Claimed  bool          `json:"claimed"`
}

// claimableSQL selects a teacher's claimable outputs: $1 school, $2
// teacher, $3 and $4 the period, $5 the assessment.
const claimableSQL = ` FROM research_outputs o
	JOIN research_contributors rc ON rc.school_id = o.school_id AND rc.output_id = o.id AND rc.teacher_id = $2
	LEFT JOIN research_claims c ON c.school_id = o.school_id AND c.output_id = o.id AND c.teacher_id = $2 AND c.assessment_id = $5
	WHERE o.school_id = $1 AND o.deleted = FALSE AND o.status <> 'rejected'
	AND (o.dated_on BETWEEN $3 AND $4 OR EXISTS (SELECT 1 FROM research_stages st
		WHERE st.school_id = o.school_id AND st.output_id = o.id AND st.dated_on BETWEEN $3 AND $4))`

// ResearchClaimable lists a teacher's claimable outputs for an assessment,
// each saying whether it is claimed, by date.
func (s *Storage) ResearchClaimable(ctx context.Context, schoolID, assessmentID, teacherID int64) ([]ResearchClaimRow, error) {
	ra, err := s.ResearchAssessment(ctx, schoolID, assessmentID)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT o.id, o.kind, o.title, o.level, o.grade, o.stage, o.dated_on, o.status, MIN(rc.position), MIN(rc.role),
		MAX(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END)`+claimableSQL+`
		GROUP BY o.id, o.kind, o.title, o.level, o.grade, o.stage, o.dated_on, o.status ORDER BY o.dated_on, o.id`,
		schoolID, teacherID, ra.FromOn, ra.ToOn, assessmentID)
	if err != nil {
		return nil, fmt.Errorf("research claimable: %w", err)
	}
	defer rows.Close()
	var out []ResearchClaimRow
	for rows.Next() {
		var r ResearchClaimRow
		var claimed int
		if err := rows.Scan(&r.OutputID, &r.Kind, &r.Title, &r.Level, &r.Grade, &r.Stage, &r.DatedOn, &r.Status, &r.Position, &r.Role, &claimed); err != nil {
			return nil, fmt.Errorf("research claimable: %w", err)
		}
		r.Claimed = claimed == 1
		out = append(out, r)
	}
	return out, rows.Err()
}

// ClaimResearch sets a teacher's claims for an assessment to exactly
// outputIDs, in one transaction with its audit line. Teachers claim while
// the assessment is claiming; the 科研处 (office) also while reviewing.
// An output the teacher cannot claim refuses the whole change.
func (s *Storage) ClaimResearch(ctx context.Context, schoolID int64, a model.Actor, assessmentID, teacherID int64, outputIDs []int64, office bool) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		ra, err := s.researchAssessment(ctx, tx, schoolID, assessmentID)
		if err != nil {
			return err
		}
		if err := claimOpen(ra, office); err != nil {
			return err
		}
		if _, err := s.teacher(ctx, tx, schoolID, teacherID); err != nil {
			return err
		}
		ok, err := s.claimableIDs(ctx, tx, schoolID, ra, teacherID)
		if err != nil {
			return err
		}
		var bad []string
		for _, id := range outputIDs {
			if !ok[id] {
				bad = append(bad, fmt.Sprint(id))
			}
		}
		if len(bad) > 0 {
			return refusal("以下成果不能认领（不是本人的成果、已退回或不在本次考核期间）：" + strings.Join(bad, "、"))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM research_claims WHERE school_id = $1 AND assessment_id = $2 AND teacher_id = $3`,
			schoolID, assessmentID, teacherID); err != nil {
			return fmt.Errorf("research claims: %w", err)
		}
		at := now()
		for _, id := range outputIDs {
			if _, err := tx.ExecContext(ctx, `INSERT INTO research_claims (school_id, assessment_id, output_id, teacher_id, claimed_by, claimed_at)
				VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`, schoolID, assessmentID, id, teacherID, nullInt(a.UserID), at); err != nil {
				return fmt.Errorf("research claim: %w", err)
			}
		}
		return s.audit(ctx, tx, schoolID, a, "claim", "research_assessment", assessmentID, nil,
			map[string]any{"teacher": teacherID, "outputs": outputIDs, "by_office": office})
	})
	return annotate("认领科研成果", err)
}

func claimOpen(ra ResearchAssessment, office bool) error {
	switch {
	case ra.State == research.StateClaiming:
		return nil
	case office && ra.State == research.StateReviewing:
		return nil
	case office:
		return refusal("考核已计算，不能再更改认领。如需更改，请先退回审核阶段")
	}
	return refusal("认领已截止，如有遗漏请联系科研处")
}

func (s *Storage) claimableIDs(ctx context.Context, q querier, schoolID int64, ra ResearchAssessment, teacherID int64) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT DISTINCT o.id`+claimableSQL, schoolID, teacherID, ra.FromOn, ra.ToOn, ra.ID)
	if err != nil {
		return nil, fmt.Errorf("research claimable ids: %w", err)
	}
	defer rows.Close()
	ok := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ok[id] = true
	}
	return ok, rows.Err()
}

// ErrNoTeacher is returned when an account is not linked to a teacher.
var ErrNoTeacher = errors.New("当前账号未关联教师档案")
