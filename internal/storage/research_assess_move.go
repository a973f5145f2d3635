package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// ResearchProgress is where an assessment stands: what the status page
// shows and what the refusals of the next step count.
type ResearchProgress struct {
	Claims         int `json:"claims"`
	ClaimTeachers  int `json:"claim_teachers"`
	PendingClaimed int `json:"pending_claimed"` // claimed outputs the 科研处 has not reviewed
	Points         int `json:"points"`          // teachers with computed points
	PendingAppeals int `json:"pending_appeals"`
	UpheldOpen     int `json:"upheld_open"` // upheld appeals not yet recomputed
}

func (s *Storage) researchProgress(ctx context.Context, q querier, schoolID int64, ra ResearchAssessment) (ResearchProgress, error) {
	var p ResearchProgress
	computed := time.Time{}
	if ra.ComputedAt != nil {
		computed = *ra.ComputedAt
	}
	err := q.QueryRowContext(ctx, `SELECT
		(SELECT COUNT(*) FROM research_claims WHERE school_id = $1 AND assessment_id = $2),
		(SELECT COUNT(DISTINCT teacher_id) FROM research_claims WHERE school_id = $1 AND assessment_id = $2),
		(SELECT COUNT(DISTINCT o.id) FROM research_claims c JOIN research_outputs o ON o.school_id = c.school_id AND o.id = c.output_id
			WHERE c.school_id = $1 AND c.assessment_id = $2 AND o.status = $3 AND o.deleted = FALSE),
		(SELECT COUNT(*) FROM research_points WHERE school_id = $1 AND assessment_id = $2),
		(SELECT COUNT(*) FROM research_appeals WHERE school_id = $1 AND assessment_id = $2 AND status = $4),
		(SELECT COUNT(*) FROM research_appeals WHERE school_id = $1 AND assessment_id = $2 AND status = $5 AND decided_at > $6)`,
		schoolID, ra.ID, research.StatusPending, ResearchAppealPending, ResearchAppealUpheld, computed).
		Scan(&p.Claims, &p.ClaimTeachers, &p.PendingClaimed, &p.Points, &p.PendingAppeals, &p.UpheldOpen)
	if err != nil {
		return p, fmt.Errorf("research progress: %w", err)
	}
	return p, nil
}

// ResearchProgress reads an assessment and where it stands.
func (s *Storage) ResearchProgress(ctx context.Context, schoolID, id int64) (ResearchAssessment, ResearchProgress, error) {
	ra, err := s.ResearchAssessment(ctx, schoolID, id)
	if err != nil {
		return ra, ResearchProgress{}, err
	}
	p, err := s.researchProgress(ctx, s.db, schoolID, ra)
	return ra, p, err
}

// researchMoves are the state changes MoveResearchAssessment makes;
// computing is ComputeResearch's.
var researchMoves = map[[2]string]bool{
	{research.StateClaiming, research.StateReviewing}:  true,
	{research.StateReviewing, research.StateClaiming}:  true,
	{research.StateComputed, research.StateReviewing}:  true,
	{research.StateComputed, research.StatePublicised}: true,
	{research.StatePublicised, research.StateFinal}:    true,
}

// MoveResearchAssessment moves an assessment to state to, refusing in
// words a wrong move: publicising with nothing computed, or closing
// before the 公示 has run its working days or with appeals pending.
func (s *Storage) MoveResearchAssessment(ctx context.Context, schoolID int64, a model.Actor, id int64, to string) error {
	return annotate("科研考核", s.InTx(ctx, func(tx *sql.Tx) error {
		ra, err := s.researchAssessment(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if !researchMoves[[2]string{ra.State, to}] {
			return refusal(fmt.Sprintf("考核不能从“%s”直接变为“%s”", ResearchStateName(ra.State), ResearchStateName(to)))
		}
		p, err := s.researchProgress(ctx, tx, schoolID, ra)
		if err != nil {
			return err
		}
		if msg := moveProblem(ra, p, to, now()); msg != "" {
			return refusal(msg)
		}
		set, args := `state = $3`, []any{schoolID, id, to}
		switch to {
		case research.StatePublicised:
			set, args = set+`, publicised_at = $4`, append(args, now())
		case research.StateFinal:
			set, args = set+`, final_at = $4`, append(args, now())
		}
		if _, err := tx.ExecContext(ctx, `UPDATE research_assessments SET `+set+` WHERE school_id = $1 AND id = $2`, args...); err != nil {
			return fmt.Errorf("move research assessment: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "move", "research_assessment", id, map[string]any{"state": ra.State}, map[string]any{"state": to})
	}))
}

// moveProblem is why a move cannot be made now, "" when it can.
func moveProblem(ra ResearchAssessment, p ResearchProgress, to string, at time.Time) string {
	switch to {
	case research.StatePublicised:
		if p.Points == 0 {
			return "还没有任何教师的计算结果，不能公示。请先确认认领并计算"
		}
	case research.StateFinal:
		if end := ra.PublicityEnd(); at.Format(dateLayout) <= end {
			return fmt.Sprintf("公示期到 %s 结束（%d 个工作日），之后才能定稿", end, ra.PublicityDays)
		}
		if p.PendingAppeals > 0 {
			return fmt.Sprintf("还有 %d 条申诉未处理，处理完才能定稿", p.PendingAppeals)
		}
		if p.UpheldOpen > 0 {
			return fmt.Sprintf("有 %d 条申诉已支持但尚未重新计算，请先更正成果并重新计算", p.UpheldOpen)
		}
	}
	return ""
}

var researchStateNames = map[string]string{
	research.StateClaiming: "认领中", research.StateReviewing: "审核中", research.StateComputed: "已计算",
	research.StatePublicised: "公示中", research.StateFinal: "已定稿",
}

// ResearchStateName is an assessment state in Chinese.
func ResearchStateName(state string) string { return researchStateNames[state] }

// StateName is the assessment's state in Chinese.
func (ra ResearchAssessment) StateName() string { return ResearchStateName(ra.State) }
