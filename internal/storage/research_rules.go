package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// The versions of a school's 科研考核 rule table (docs/research.md section
// 2). Saving inserts a new version and never edits one, so an assessment
// that pinned a version computes the same points for ever.

// ResearchRuleVersion is one stored version of the rule table.
type ResearchRuleVersion struct {
	ID        int64            `json:"id"`
	Version   int              `json:"version"`
	Rules     research.RuleSet `json:"rules"`
	Note      string           `json:"note,omitempty"`
	CreatedBy int64            `json:"created_by,omitempty"`
	CreatedAt time.Time        `json:"created_at"`
}

const researchRuleCols = `id, version, rules, note, created_by, created_at`

func scanResearchRules(row interface{ Scan(...any) error }) (ResearchRuleVersion, error) {
	var v ResearchRuleVersion
	var body string
	var by sql.NullInt64
	err := row.Scan(&v.ID, &v.Version, &body, &v.Note, &by, &v.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	if err != nil {
		return v, fmt.Errorf("research rules: %w", err)
	}
	if err := json.Unmarshal([]byte(body), &v.Rules); err != nil {
		return v, fmt.Errorf("research rules version %d: %w", v.Version, err)
	}
	v.CreatedBy, v.CreatedAt = by.Int64, v.CreatedAt.UTC()
	return v, nil
}

// ResearchRules returns the latest version of the school's rules, first
// storing research.DefaultRules as version 1 when the school has none.
func (s *Storage) ResearchRules(ctx context.Context, schoolID int64, a model.Actor) (ResearchRuleVersion, error) {
	var v ResearchRuleVersion
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = s.latestResearchRules(ctx, tx, schoolID, a)
		return err
	})
	return v, annotate("科研考核规则", err)
}

// latestResearchRules reads the latest version inside tx, adopting the
// defaults on first use.
func (s *Storage) latestResearchRules(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor) (ResearchRuleVersion, error) {
	v, err := scanResearchRules(tx.QueryRowContext(ctx, `SELECT `+researchRuleCols+` FROM research_rule_sets
		WHERE school_id = $1 ORDER BY version DESC LIMIT 1`, schoolID))
	if !errors.Is(err, ErrNotFound) {
		return v, err
	}
	return s.insertResearchRules(ctx, tx, schoolID, a, research.DefaultRules(), "默认规则（示例，可按本校制度修改）")
}

func (s *Storage) insertResearchRules(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, rs research.RuleSet, note string) (ResearchRuleVersion, error) {
	body, err := json.Marshal(rs)
	if err != nil {
		return ResearchRuleVersion{}, err
	}
	v := ResearchRuleVersion{Rules: rs, Note: strings.TrimSpace(note), CreatedBy: a.UserID, CreatedAt: now()}
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM research_rule_sets WHERE school_id = $1`, schoolID).Scan(&v.Version); err != nil {
		return v, fmt.Errorf("research rules version: %w", err)
	}
	err = tx.QueryRowContext(ctx, `INSERT INTO research_rule_sets (school_id, version, rules, note, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, schoolID, v.Version, string(body), v.Note, nullInt(a.UserID), v.CreatedAt).Scan(&v.ID)
	if isUniqueViolation(err) {
		return v, refusal("有人刚刚保存了新版本的规则，请刷新后重试")
	}
	if err != nil {
		return v, fmt.Errorf("research rules insert: %w", err)
	}
	return v, s.audit(ctx, tx, schoolID, a, "create", "research_rules", v.ID, nil, map[string]any{"version": v.Version, "note": v.Note, "rules": len(rs.Points)})
}

// SaveResearchRules validates rs and stores it as the next version.
// Assessments already created keep the version they pinned.
func (s *Storage) SaveResearchRules(ctx context.Context, schoolID int64, a model.Actor, rs research.RuleSet, note string) (ResearchRuleVersion, error) {
	if err := rs.Validate(); err != nil {
		return ResearchRuleVersion{}, refusal(err.Error())
	}
	var v ResearchRuleVersion
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = s.insertResearchRules(ctx, tx, schoolID, a, rs, note)
		return err
	})
	return v, annotate("保存科研考核规则", err)
}

// ResearchRuleVersions lists the school's versions, newest first.
func (s *Storage) ResearchRuleVersions(ctx context.Context, schoolID int64) ([]ResearchRuleVersion, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+researchRuleCols+` FROM research_rule_sets WHERE school_id = $1 ORDER BY version DESC`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("research rule versions: %w", err)
	}
	defer rows.Close()
	var out []ResearchRuleVersion
	for rows.Next() {
		v, err := scanResearchRules(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// ResearchRuleSet reads one version by its id.
func (s *Storage) ResearchRuleSet(ctx context.Context, schoolID, id int64) (ResearchRuleVersion, error) {
	return s.researchRuleSet(ctx, s.db, schoolID, id)
}

func (s *Storage) researchRuleSet(ctx context.Context, q querier, schoolID, id int64) (ResearchRuleVersion, error) {
	return scanResearchRules(q.QueryRowContext(ctx, `SELECT `+researchRuleCols+` FROM research_rule_sets WHERE school_id = $1 AND id = $2`, schoolID, id))
}
