package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// ClaimAllResearch claims, for every teacher (or only teacherIDs when
// given), each of their verified outputs of the assessment's period that
// is not claimed yet: the 科研处's "claim everything verified" at the
// start of a term, the demo's and the benchmark's claims. One transaction
// with its audit line; it returns how many claims were added.
func (s *Storage) ClaimAllResearch(ctx context.Context, schoolID int64, a model.Actor, assessmentID int64, teacherIDs []int64) (int, error) {
	n := 0
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		ra, err := s.researchAssessment(ctx, tx, schoolID, assessmentID)
		if err != nil {
			return err
		}
		if err := claimOpen(ra, true); err != nil {
			return err
		}
		pairs, err := s.verifiedPairs(ctx, tx, schoolID, ra, teacherIDs)
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO research_claims (school_id, assessment_id, output_id, teacher_id, claimed_by, claimed_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		at := now()
		for _, p := range pairs {
			res, err := stmt.ExecContext(ctx, schoolID, assessmentID, p[1], p[0], nullInt(a.UserID), at)
			if err != nil {
				return fmt.Errorf("research claim: %w", err)
			}
			k, _ := res.RowsAffected()
			n += int(k)
		}
		return s.audit(ctx, tx, schoolID, a, "claim_all", "research_assessment", assessmentID, nil, map[string]any{"claims": n, "teachers": len(teacherIDs)})
	})
	return n, annotate("批量认领科研成果", err)
}

// verifiedPairs are the (teacher, output) pairs of verified outputs in
// the period, for teacherIDs or everyone.
func (s *Storage) verifiedPairs(ctx context.Context, q querier, schoolID int64, ra ResearchAssessment, teacherIDs []int64) ([][2]int64, error) {
	w := schoolWhere("o.school_id", schoolID)
	w.add("o.deleted = ?", false)
	w.add("o.status = ?", research.StatusVerified)
	w.conds = append(w.conds, "rc.teacher_id IS NOT NULL")
	from, to := len(w.args)+1, len(w.args)+2
	w.args = append(w.args, ra.FromOn, ra.ToOn)
	w.conds = append(w.conds, fmt.Sprintf(`(o.dated_on BETWEEN $%d AND $%d OR EXISTS (SELECT 1 FROM research_stages st
		WHERE st.school_id = o.school_id AND st.output_id = o.id AND st.dated_on BETWEEN $%d AND $%d))`, from, to, from, to))
	if teacherIDs != nil {
		w.in("rc.teacher_id", teacherIDs)
	}
	rows, err := q.QueryContext(ctx, `SELECT rc.teacher_id, o.id FROM research_outputs o
		JOIN research_contributors rc ON rc.school_id = o.school_id AND rc.output_id = o.id`+w.sql()+` ORDER BY rc.teacher_id, o.id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("research verified pairs: %w", err)
	}
	defer rows.Close()
	var out [][2]int64
	for rows.Next() {
		var p [2]int64
		if err := rows.Scan(&p[0], &p[1]); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SetResearchPublicityStart records when 公示 began, for a school that
// started it on paper before using Zhijiao (as SetPublicityWindow for an
// evaluation cycle): the assessment must be publicised and the day not in
// the future. Audited.
func (s *Storage) SetResearchPublicityStart(ctx context.Context, schoolID int64, a model.Actor, id int64, start time.Time) error {
	return annotate("设置公示开始日期", s.InTx(ctx, func(tx *sql.Tx) error {
		ra, err := s.researchAssessment(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if ra.State != research.StatePublicised {
			return refusal("只有公示中的考核可以设置公示开始日期")
		}
		if start.After(now()) {
			return refusal("公示开始日期不能晚于今天")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE research_assessments SET publicised_at = $3 WHERE school_id = $1 AND id = $2`, schoolID, id, start.UTC()); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "publicity", "research_assessment", id, map[string]any{"publicised_at": ra.PublicisedAt}, map[string]any{"publicised_at": start.UTC()})
	}))
}
