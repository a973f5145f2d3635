package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// ComputeResearch computes an assessment's points with its pinned rules
// and replaces research_points in one transaction with its audit line,
// moving the assessment to computed. It refuses while claimed outputs
// still wait for review. During 公示 it recomputes only the teachers
// whose appeal was upheld since the last compute, and is refused
// otherwise. It returns how many teachers' points were written.
func (s *Storage) ComputeResearch(ctx context.Context, schoolID int64, a model.Actor, id int64) (int, error) {
	var n int
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		ra, err := s.researchAssessment(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		p, err := s.researchProgress(ctx, tx, schoolID, ra)
		if err != nil {
			return err
		}
		if msg := computeProblem(ra, p); msg != "" {
			return refusal(msg)
		}
		rules, err := s.researchRuleSet(ctx, tx, schoolID, ra.RuleSetID)
		if err != nil {
			return err
		}
		credits, err := s.loadResearchCredits(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		result := research.Compute(rules.Rules, ra.Period(), credits)
		only := map[int64]bool(nil)
		if ra.State == research.StatePublicised {
			if only, err = s.upheldTeachers(ctx, tx, schoolID, ra); err != nil {
				return err
			}
		}
		if n, err = s.writeResearchPoints(ctx, tx, schoolID, id, result, only); err != nil {
			return err
		}
		state := ra.State
		if state != research.StatePublicised {
			state = research.StateComputed
		}
		if _, err := tx.ExecContext(ctx, `UPDATE research_assessments SET state = $3, computed_at = $4 WHERE school_id = $1 AND id = $2`,
			schoolID, id, state, now()); err != nil {
			return fmt.Errorf("research computed: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "compute", "research_assessment", id, map[string]any{"state": ra.State},
			map[string]any{"state": state, "teachers": n, "credits": len(credits), "rule_version": rules.Version, "recompute_only": len(only)})
	})
	return n, annotate("计算科研考核", err)
}

func computeProblem(ra ResearchAssessment, p ResearchProgress) string {
	switch ra.State {
	case research.StateClaiming:
		return "认领尚未截止，请先结束认领、进入审核"
	case research.StateFinal:
		return "考核已定稿，不能重新计算"
	case research.StatePublicised:
		if p.UpheldOpen == 0 {
			return "公示期间不能重新计算；只有支持了申诉并更正成果后，才能为该教师重新计算"
		}
	}
	if p.PendingClaimed > 0 {
		return fmt.Sprintf("已认领的成果中还有 %d 项待审核，请先在成果审核中核实或退回", p.PendingClaimed)
	}
	return ""
}

// upheldTeachers are the teachers whose appeal was upheld since the last
// compute: the only ones a recompute during 公示 may change.
func (s *Storage) upheldTeachers(ctx context.Context, tx *sql.Tx, schoolID int64, ra ResearchAssessment) (map[int64]bool, error) {
	computed := time.Time{}
	if ra.ComputedAt != nil {
		computed = *ra.ComputedAt
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT teacher_id FROM research_appeals WHERE school_id = $1 AND assessment_id = $2 AND status = $3 AND decided_at > $4`,
		schoolID, ra.ID, ResearchAppealUpheld, computed)
	if err != nil {
		return nil, fmt.Errorf("upheld appeals: %w", err)
	}
	defer rows.Close()
	only := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		only[id] = true
	}
	return only, rows.Err()
}

// writeResearchPoints replaces the assessment's points (or, with only,
// those teachers' points) by result.
func (s *Storage) writeResearchPoints(ctx context.Context, tx *sql.Tx, schoolID, id int64, result []research.TeacherPoints, only map[int64]bool) (int, error) {
	if only == nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM research_points WHERE school_id = $1 AND assessment_id = $2`, schoolID, id); err != nil {
			return 0, fmt.Errorf("research points: %w", err)
		}
	}
	for tid := range only {
		if _, err := tx.ExecContext(ctx, `DELETE FROM research_points WHERE school_id = $1 AND assessment_id = $2 AND teacher_id = $3`, schoolID, id, tid); err != nil {
			return 0, fmt.Errorf("research points: %w", err)
		}
	}
	at, n := now(), 0
	var vals []any
	flush := func() error {
		if len(vals) == 0 {
			return nil
		}
		q := `INSERT INTO research_points (school_id, assessment_id, teacher_id, points, detail, computed_at) VALUES ` + valueRows(len(vals)/6, 6)
		_, err := tx.ExecContext(ctx, q, vals...)
		vals = vals[:0]
		return err
	}
	for _, tp := range result {
		if only != nil && !only[tp.TeacherID] {
			continue
		}
		detail, err := json.Marshal(tp)
		if err != nil {
			return n, err
		}
		vals = append(vals, schoolID, id, tp.TeacherID, tp.Total, string(detail), at)
		if n++; n%100 == 0 {
			if err := flush(); err != nil {
				return n, fmt.Errorf("research points: %w", err)
			}
		}
	}
	if err := flush(); err != nil {
		return n, fmt.Errorf("research points: %w", err)
	}
	return n, nil
}

// valueRows is "($1, $2, …), (…)" for rows rows of cols values.
func valueRows(rows, cols int) string {
	var b strings.Builder
	for r := range rows {
		if r > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for c := range cols {
			if c > 0 {
				b.WriteString(", ")
			}
			b.WriteString("$" + strconv.Itoa(r*cols+c+1))
		}
		b.WriteByte(')')
	}
	return b.String()
}

// loadResearchCredits reads every claimed, verified output of an
// assessment as credits: one per stage for a 课题 with stages, one per
// output otherwise. Three queries whatever the size of the term.
func (s *Storage) loadResearchCredits(ctx context.Context, q querier, schoolID, id int64) ([]research.Credit, error) {
	stages, err := s.claimedStages(ctx, q, schoolID, id)
	if err != nil {
		return nil, err
	}
	shared, err := s.sharedOutputs(ctx, q, schoolID, id)
	if err != nil {
		return nil, err
	}
	rows, err := q.QueryContext(ctx, `SELECT c.teacher_id, o.id, o.title, o.kind, o.level, o.grade, o.stage, o.dated_on, rc.position, rc.role, rc.share
		FROM research_claims c
		JOIN research_outputs o ON o.school_id = c.school_id AND o.id = c.output_id
		JOIN research_contributors rc ON rc.school_id = c.school_id AND rc.output_id = c.output_id AND rc.teacher_id = c.teacher_id
		WHERE c.school_id = $1 AND c.assessment_id = $2 AND o.status = $3 AND o.deleted = FALSE`, schoolID, id, research.StatusVerified)
	if err != nil {
		return nil, fmt.Errorf("research credits: %w", err)
	}
	defer rows.Close()
	var out []research.Credit
	for rows.Next() {
		var c research.Credit
		var share sql.NullFloat64
		if err := rows.Scan(&c.TeacherID, &c.OutputID, &c.Title, &c.Kind, &c.Level, &c.Grade, &c.Stage, &c.DatedOn, &c.Position, &c.Role, &share); err != nil {
			return nil, fmt.Errorf("research credits: %w", err)
		}
		c.Share, c.Shared = share.Float64, shared[c.OutputID]
		st := stages[c.OutputID]
		if c.Kind != research.KindProject || len(st) == 0 {
			out = append(out, c)
			continue
		}
		for _, s := range st {
			c.Stage, c.DatedOn = s[0], s[1]
			out = append(out, c)
		}
	}
	return out, rows.Err()
}

// sharedOutputs are the claimed outputs whose every contributor has an
// agreed share (the few, so they are the ones read).
func (s *Storage) sharedOutputs(ctx context.Context, q querier, schoolID, id int64) (map[int64]bool, error) {
	rows, err := q.QueryContext(ctx, `SELECT rc.output_id FROM research_contributors rc
		WHERE rc.school_id = $1 AND rc.output_id IN (SELECT output_id FROM research_claims WHERE school_id = $1 AND assessment_id = $2)
		GROUP BY rc.output_id HAVING COUNT(rc.share) = COUNT(*)`, schoolID, id)
	if err != nil {
		return nil, fmt.Errorf("research shares: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var oid int64
		if err := rows.Scan(&oid); err != nil {
			return nil, err
		}
		out[oid] = true
	}
	return out, rows.Err()
}

// claimedStages are the stages (name, date) of the assessment's claimed
// outputs, by output.
func (s *Storage) claimedStages(ctx context.Context, q querier, schoolID, id int64) (map[int64][][2]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT st.output_id, st.stage, st.dated_on FROM research_stages st
		WHERE st.school_id = $1 AND st.output_id IN (SELECT output_id FROM research_claims WHERE school_id = $1 AND assessment_id = $2)`, schoolID, id)
	if err != nil {
		return nil, fmt.Errorf("research stages: %w", err)
	}
	defer rows.Close()
	out := map[int64][][2]string{}
	for rows.Next() {
		var oid int64
		var stage, day string
		if err := rows.Scan(&oid, &stage, &day); err != nil {
			return nil, err
		}
		out[oid] = append(out[oid], [2]string{stage, day})
	}
	return out, rows.Err()
}

// ResearchCredits reads an assessment's credits as ComputeResearch does,
// for the benchmark's split of load and compute.
func (s *Storage) ResearchCredits(ctx context.Context, schoolID, id int64) ([]research.Credit, error) {
	return s.loadResearchCredits(ctx, s.db, schoolID, id)
}
