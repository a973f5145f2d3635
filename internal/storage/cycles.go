package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// Cycle scopes: which students a cycle covers.
const (
	ScopeSchool     = "school"
	ScopeDepartment = "department"
	ScopeCohort     = "cohort"
)

// EvalCycle is a stored 评价周期: model.Cycle plus what only storage keeps.
type EvalCycle struct {
	model.Cycle
	ScopeKind      string     `json:"scope_kind"`
	ScopeID        int64      `json:"scope_id,omitempty"`
	PublicityStart string     `json:"publicity_start,omitempty"` // YYYY-MM-DD
	PublicityEnd   string     `json:"publicity_end,omitempty"`   // YYYY-MM-DD, last day appeals are taken
	ComputedAt     *time.Time `json:"computed_at,omitempty"`
	PolicyVersion  int        `json:"policy_version,omitempty"`
	CreatedBy      int64      `json:"created_by,omitempty"`
}

const dateLayout = "2006-01-02"

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// CreateCycle stores c as a draft and sets its ID. The framework version is
// pinned by its id.
func (s *Storage) CreateCycle(ctx context.Context, schoolID int64, a model.Actor, c *EvalCycle) error {
	if c.Name == "" {
		return errors.New("评价周期名称不能为空")
	}
	if c.ScopeKind == "" {
		c.ScopeKind = ScopeSchool
	}
	if c.PeerCount <= 0 {
		c.PeerCount = eval.DefaultPeerCount
	}
	if c.PublicityDays <= 0 {
		c.PublicityDays = 5
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		var version int
		var body string
		var def bool
		if err := tx.QueryRowContext(ctx, `SELECT version, body, is_default FROM frameworks WHERE school_id = $1 AND id = $2`, schoolID, c.FrameworkID).Scan(&version, &body, &def); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errors.New("评价方案不存在")
			}
			return err
		}
		c.SchoolID, c.State, c.FrameworkVersion, c.CreatedAt, c.CreatedBy = schoolID, model.CycleDraft, version, now(), a.UserID
		if err := tx.QueryRowContext(ctx, `INSERT INTO cycles (school_id, term_id, name, scope_kind, scope_id, framework_id, state, seed, peer_count, opens_at, closes_at, publicity_days, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			schoolID, c.TermID, c.Name, c.ScopeKind, c.ScopeID, c.FrameworkID, string(c.State), c.Seed, c.PeerCount,
			dateText(c.OpensAt), dateText(c.ClosesAt), c.PublicityDays, nullInt(a.UserID), c.CreatedAt).Scan(&c.ID); err != nil {
			return fmt.Errorf("CreateCycle: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "create", "cycle", c.ID, nil, c)
	})
}

const cycleCols = `c.id, c.school_id, c.term_id, c.name, c.scope_kind, c.scope_id, c.framework_id, f.version, c.state, c.seed, c.peer_count,
	c.opens_at, c.closes_at, c.publicity_days, c.publicity_start, c.publicity_end, c.computed_at, c.policy_version, c.created_by, c.created_at`

func scanCycle(row interface{ Scan(...any) error }) (EvalCycle, error) {
	var c EvalCycle
	var state, opens, closes string
	var computed sql.NullTime
	var by sql.NullInt64
	err := row.Scan(&c.ID, &c.SchoolID, &c.TermID, &c.Name, &c.ScopeKind, &c.ScopeID, &c.FrameworkID, &c.FrameworkVersion, &state, &c.Seed, &c.PeerCount,
		&opens, &closes, &c.PublicityDays, &c.PublicityStart, &c.PublicityEnd, &computed, &c.PolicyVersion, &by, &c.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return c, ErrNotFound
	}
	if err != nil {
		return c, err
	}
	c.State = model.CycleState(state)
	c.OpensAt, _ = time.Parse(dateLayout, opens)
	c.ClosesAt, _ = time.Parse(dateLayout, closes)
	if computed.Valid {
		t := computed.Time.UTC()
		c.ComputedAt = &t
	}
	c.CreatedBy = by.Int64
	c.CreatedAt = c.CreatedAt.UTC()
	return c, nil
}

// Cycle reads one cycle of the school.
func (s *Storage) Cycle(ctx context.Context, schoolID, id int64) (EvalCycle, error) {
	return s.cycleQ(ctx, s.db, schoolID, id)
}

func (s *Storage) cycleQ(ctx context.Context, q querier, schoolID, id int64) (EvalCycle, error) {
	return scanCycle(q.QueryRowContext(ctx, `SELECT `+cycleCols+` FROM cycles c JOIN frameworks f ON f.school_id = c.school_id AND f.id = c.framework_id
		WHERE c.school_id = $1 AND c.id = $2`, schoolID, id))
}

// Cycles lists a school's cycles, newest first; termID 0 means every term.
func (s *Storage) Cycles(ctx context.Context, schoolID, termID int64) ([]EvalCycle, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+cycleCols+` FROM cycles c JOIN frameworks f ON f.school_id = c.school_id AND f.id = c.framework_id
		WHERE c.school_id = $1 AND (CAST($2 AS BIGINT) = 0 OR c.term_id = $2) ORDER BY c.id DESC`, schoolID, termID)
	if err != nil {
		return nil, fmt.Errorf("Cycles: %w", err)
	}
	defer rows.Close()
	var out []EvalCycle
	for rows.Next() {
		c, err := scanCycle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// MoveCycle changes a cycle's state by eval.CanMove. Reopening a closed
// cycle needs admin (the caller says whether the actor is one). Moving to
// publicised sets the publicity window: from today, PublicityDays calendar
// days, and is refused while a 待补评 result is not held back
// (ErrIncompleteResults). Every move is audited.
func (s *Storage) MoveCycle(ctx context.Context, schoolID int64, a model.Actor, id int64, to model.CycleState, admin bool) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		return s.moveCycleTx(ctx, tx, schoolID, a, id, to, admin, nil)
	})
}

func (s *Storage) moveCycleTx(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, id int64, to model.CycleState, admin bool, extra map[string]any) error {
	c, err := s.cycleQ(ctx, tx, schoolID, id)
	if err != nil {
		return err
	}
	if !eval.CanMove(c.State, to) {
		return fmt.Errorf("评价周期不能从“%s”变为“%s”", c.State.Name(), to.Name())
	}
	if c.State == model.CycleClosed && to == model.CycleOpen && !admin {
		return errors.New("只有管理员可以重新开放已截止的评价周期")
	}
	if to == model.CyclePublicised {
		// Never publicise a 0.0: every 待补评 student must be held back
		// (暂不公示, with a reason) first.
		n, err := s.unpublishable(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w：还有 %d 名学生待补评，不能开始公示。请先补评并重新计算，或在公示检查中勾选暂不公示的班级或学生并写明原因", ErrIncompleteResults, n)
		}
	}
	set := `state = $3`
	args := []any{schoolID, id, string(to)}
	if to == model.CyclePublicised {
		// N working days (eval.PublicityEnd), not calendar days.
		start := now()
		set += `, publicity_start = $4, publicity_end = $5`
		args = append(args, start.Format(dateLayout), eval.PublicityEnd(start, c.PublicityDays).Format(dateLayout))
	}
	if _, err := tx.ExecContext(ctx, `UPDATE cycles SET `+set+` WHERE school_id = $1 AND id = $2`, args...); err != nil {
		return fmt.Errorf("moveCycleTx: %w", err)
	}
	action := "move"
	if c.State == model.CycleClosed && to == model.CycleOpen {
		action = "reopen"
	}
	after := map[string]any{"state": to}
	for k, v := range extra {
		after[k] = v
	}
	return s.audit(ctx, tx, schoolID, a, action, "cycle", id, map[string]any{"state": c.State}, after)
}

// SetPublicityWindow sets the publicity dates (YYYY-MM-DD) explicitly, for
// a school that counts working days itself.
func (s *Storage) SetPublicityWindow(ctx context.Context, schoolID int64, a model.Actor, id int64, start, end string) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE cycles SET publicity_start = $3, publicity_end = $4 WHERE school_id = $1 AND id = $2`, schoolID, id, start, end)
		if err != nil {
			return fmt.Errorf("SetPublicityWindow: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, schoolID, a, "publicity", "cycle", id, nil, map[string]string{"start": start, "end": end})
	})
}
