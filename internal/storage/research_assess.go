package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// The per-term 科研考核 (docs/research.md section 2): one assessment per
// term pins a rule version and walks claiming → reviewing → computed →
// publicised → final, like an evaluation cycle.

// ResearchAssessment is one term's assessment.
type ResearchAssessment struct {
	ID            int64      `json:"id"`
	TermID        int64      `json:"term_id"`
	Name          string     `json:"name"`
	RuleSetID     int64      `json:"rule_set_id"`
	RuleVersion   int        `json:"rule_version"`
	State         string     `json:"state"`
	FromOn        string     `json:"from_on"`
	ToOn          string     `json:"to_on"`
	PublicityDays int        `json:"publicity_days"`
	ComputedAt    *time.Time `json:"computed_at,omitempty"`
	PublicisedAt  *time.Time `json:"publicised_at,omitempty"`
	FinalAt       *time.Time `json:"final_at,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
}

// Period is the dates whose proofs count.
func (ra ResearchAssessment) Period() research.Period {
	return research.Period{From: ra.FromOn, To: ra.ToOn}
}

// PublicityEnd is the last day of 公示 (YYYY-MM-DD), "" before it starts:
// PublicityDays working days from the day it started (eval.PublicityEnd).
func (ra ResearchAssessment) PublicityEnd() string {
	if ra.PublicisedAt == nil {
		return ""
	}
	return eval.PublicityEnd(*ra.PublicisedAt, ra.PublicityDays).Format(dateLayout)
}

// Publicised reports whether the school's teachers may see everyone's
// points: during 公示 and after it.
func (ra ResearchAssessment) Publicised() bool {
	return ra.State == research.StatePublicised || ra.State == research.StateFinal
}

const researchAssessCols = `a.id, a.term_id, a.name, a.rule_set_id, r.version, a.state, a.from_on, a.to_on, a.publicity_days,
	a.computed_at, a.publicised_at, a.final_at, a.created_at`

const researchAssessFrom = ` FROM research_assessments a JOIN research_rule_sets r ON r.school_id = a.school_id AND r.id = a.rule_set_id`

func scanResearchAssessment(row interface{ Scan(...any) error }) (ResearchAssessment, error) {
	var ra ResearchAssessment
	var computed, publicised, final sql.NullTime
	err := row.Scan(&ra.ID, &ra.TermID, &ra.Name, &ra.RuleSetID, &ra.RuleVersion, &ra.State, &ra.FromOn, &ra.ToOn, &ra.PublicityDays,
		&computed, &publicised, &final, &ra.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return ra, ErrNotFound
	}
	if err != nil {
		return ra, fmt.Errorf("research assessment: %w", err)
	}
	ra.ComputedAt, ra.PublicisedAt, ra.FinalAt = utcPtr(computed), utcPtr(publicised), utcPtr(final)
	ra.CreatedAt = ra.CreatedAt.UTC()
	return ra, nil
}

// NewResearchAssessment is what the 科研处 gives to open a term's
// assessment; empty dates take the term's, 0 days takes 5.
type NewResearchAssessment struct {
	TermID        int64
	Name          string
	FromOn, ToOn  string
	PublicityDays int
}

// CreateResearchAssessment opens a term's assessment in the claiming
// state, pinning the latest rule version. A term has at most one.
func (s *Storage) CreateResearchAssessment(ctx context.Context, schoolID int64, a model.Actor, n NewResearchAssessment) (ResearchAssessment, error) {
	var ra ResearchAssessment
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		term, err := s.termQ(ctx, tx, schoolID, n.TermID)
		if err != nil {
			return err
		}
		n = n.withDefaults(term)
		if msg := n.problem(); msg != "" {
			return refusal(msg)
		}
		rules, err := s.latestResearchRules(ctx, tx, schoolID, a)
		if err != nil {
			return err
		}
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO research_assessments (school_id, term_id, name, rule_set_id, state, from_on, to_on, publicity_days, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`, schoolID, n.TermID, n.Name, rules.ID, research.StateClaiming,
			n.FromOn, n.ToOn, n.PublicityDays, nullInt(a.UserID), now()).Scan(&id)
		if isUniqueViolation(err) {
			return refusal(term.Name() + "已有科研考核，每学期只有一次")
		}
		if err != nil {
			return err
		}
		if ra, err = s.researchAssessment(ctx, tx, schoolID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "research_assessment", id, nil, ra)
	})
	return ra, annotate("创建科研考核", err)
}

func (n NewResearchAssessment) withDefaults(t model.Term) NewResearchAssessment {
	n.Name = strings.TrimSpace(n.Name)
	if n.Name == "" {
		n.Name = t.Name() + "科研考核"
	}
	if n.FromOn == "" {
		n.FromOn = t.StartDate
	}
	if n.ToOn == "" {
		n.ToOn = t.EndDate
	}
	if n.PublicityDays == 0 {
		n.PublicityDays = 5
	}
	return n
}

func (n NewResearchAssessment) problem() string {
	for _, d := range []string{n.FromOn, n.ToOn} {
		if _, err := time.Parse(dateLayout, d); err != nil {
			return fmt.Sprintf("日期“%s”应为 YYYY-MM-DD", d)
		}
	}
	switch {
	case n.FromOn > n.ToOn:
		return fmt.Sprintf("起始日期 %s 晚于截止日期 %s", n.FromOn, n.ToOn)
	case n.PublicityDays < 1 || n.PublicityDays > 30:
		return fmt.Sprintf("公示天数 %d 应在 1 到 30 个工作日之间", n.PublicityDays)
	case len([]rune(n.Name)) > 100:
		return "名称过长（最多 100 个字）"
	}
	return ""
}

// termQ reads one term of the school.
func (s *Storage) termQ(ctx context.Context, q querier, schoolID, id int64) (model.Term, error) {
	t := model.Term{SchoolID: schoolID}
	err := q.QueryRowContext(ctx, `SELECT t.id, t.academic_year_id, y.name, t.semester, t.start_date, t.end_date, t.is_current
		FROM terms t JOIN academic_years y ON y.school_id = t.school_id AND y.id = t.academic_year_id WHERE t.school_id = $1 AND t.id = $2`,
		schoolID, id).Scan(&t.ID, &t.AcademicYearID, &t.YearName, &t.Semester, &t.StartDate, &t.EndDate, &t.IsCurrent)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	}
	return t, err
}

// ResearchAssessment reads one assessment of the school.
func (s *Storage) ResearchAssessment(ctx context.Context, schoolID, id int64) (ResearchAssessment, error) {
	return s.researchAssessment(ctx, s.db, schoolID, id)
}

func (s *Storage) researchAssessment(ctx context.Context, q querier, schoolID, id int64) (ResearchAssessment, error) {
	return scanResearchAssessment(q.QueryRowContext(ctx, `SELECT `+researchAssessCols+researchAssessFrom+` WHERE a.school_id = $1 AND a.id = $2`, schoolID, id))
}

// ResearchAssessments lists the school's assessments, latest term first.
func (s *Storage) ResearchAssessments(ctx context.Context, schoolID int64) ([]ResearchAssessment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+researchAssessCols+researchAssessFrom+` WHERE a.school_id = $1 ORDER BY a.from_on DESC, a.id DESC`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("research assessments: %w", err)
	}
	defer rows.Close()
	var out []ResearchAssessment
	for rows.Next() {
		ra, err := scanResearchAssessment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ra)
	}
	return out, rows.Err()
}

// OpenResearchAssessment is the latest assessment not yet final, or
// ErrNotFound: the one teachers claim in and appeal against.
func (s *Storage) OpenResearchAssessment(ctx context.Context, schoolID int64) (ResearchAssessment, error) {
	return scanResearchAssessment(s.db.QueryRowContext(ctx, `SELECT `+researchAssessCols+researchAssessFrom+`
		WHERE a.school_id = $1 AND a.state <> $2 ORDER BY a.from_on DESC, a.id DESC LIMIT 1`, schoolID, research.StateFinal))
}
