package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/validate"
)

// 科研成果 (docs/research.md section 1): create, edit, delete and review
// an output. Each is one transaction with a research_revisions row (the
// values before), an audit line and the school's KPI summaries marked
// stale. A team output is one row credited to its contributors.

// ResearchDuplicate is a refusal to create an output another already
// seems to be: Exact when it carries the same identifier (立项号, DOI,
// ISBN, 专利号 …), which is always refused, or else a similar title of
// the same kind, refused until the user confirms it is another output.
type ResearchDuplicate struct {
	Exact   bool
	Matches []ResearchMatch
	ident   string
}

// ResearchMatch is an existing output a new one may duplicate.
type ResearchMatch struct {
	ID         int64   `json:"id"`
	Kind       string  `json:"kind"`
	Title      string  `json:"title"`
	DatedOn    string  `json:"dated_on"`
	Similarity float64 `json:"similarity"`
}

func (e *ResearchDuplicate) Error() string {
	m := e.Matches[0]
	if e.Exact {
		return fmt.Sprintf("已有%s相同的成果“%s”（编号 %d），不能重复录入", research.IdentLabel(e.ident), m.Title, m.ID)
	}
	return fmt.Sprintf("已有题目相近的成果“%s”（编号 %d）；如确认不是同一项成果，请勾选“确认不是重复成果”后再提交", m.Title, m.ID)
}

func (e *ResearchDuplicate) Is(target error) bool { return target == ErrRefused }

// ResearchWrite says how a write is made: NotDuplicate confirms that a
// similar title is another output; KeepStatus keeps a verified output
// verified (an edit by the 科研处), else an edit sends it back to review.
type ResearchWrite struct {
	NotDuplicate bool
	KeepStatus   bool
	// Proofs are stored with a new output, in its transaction.
	Proofs []ProofUpload
}

// CreateResearchOutput checks and stores a new output (status pending)
// with its contributors and stages; a duplicate is refused
// (*ResearchDuplicate, errors.Is ErrRefused).
func (s *Storage) CreateResearchOutput(ctx context.Context, schoolID int64, a model.Actor, o *model.ResearchOutput, w ResearchWrite) error {
	cts := make([]string, len(w.Proofs))
	for i, p := range w.Proofs {
		var err error
		if cts[i], err = CheckProofFile(p.Data); err != nil {
			return refusal("证明材料“" + p.Name + "”：" + err.Error())
		}
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkResearch(ctx, tx, schoolID, o, 0, w.NotDuplicate); err != nil {
			return err
		}
		at := now()
		err := tx.QueryRowContext(ctx, `INSERT INTO research_outputs (school_id, kind, title, level, grade, stage, ident, fields, dated_on, status, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id`,
			schoolID, o.Kind, o.Title, o.Level, o.Grade, o.Stage, o.Ident, toJSON(o.Fields), o.DatedOn, research.StatusPending, nullInt(a.UserID), at).Scan(&o.ID)
		if err != nil {
			return err
		}
		o.SchoolID, o.Status, o.CreatedBy, o.CreatedAt, o.UpdatedAt = schoolID, research.StatusPending, a.UserID, at, at
		if err := writeResearchParts(ctx, tx, schoolID, o); err != nil {
			return err
		}
		for i, p := range w.Proofs {
			if _, err := insertResearchFile(ctx, tx, schoolID, a, o.ID, "", p, cts[i]); err != nil {
				return err
			}
		}
		return s.researchChanged(ctx, tx, schoolID, a, o.ID, "create", nil, "", o)
	})
	return researchErr("create research output", err)
}

// UpdateResearchOutput replaces an output's values, contributors and
// stages, keeping the values before in its history. Unless w.KeepStatus,
// the output goes back to review.
func (s *Storage) UpdateResearchOutput(ctx context.Context, schoolID int64, a model.Actor, o *model.ResearchOutput, w ResearchWrite) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.researchBefore(ctx, tx, schoolID, o.ID)
		if err != nil {
			return err
		}
		if err := s.checkResearch(ctx, tx, schoolID, o, o.ID, true); err != nil {
			return err
		}
		o.Status, o.RejectReason = before.Status, before.RejectReason
		if !w.KeepStatus {
			o.Status, o.RejectReason = research.StatusPending, ""
		}
		if _, err := tx.ExecContext(ctx, `UPDATE research_outputs SET kind = $3, title = $4, level = $5, grade = $6, stage = $7, ident = $8, fields = $9,
			dated_on = $10, status = $11, reject_reason = $12, updated_at = $13 WHERE school_id = $1 AND id = $2`,
			schoolID, o.ID, o.Kind, o.Title, o.Level, o.Grade, o.Stage, o.Ident, toJSON(o.Fields), o.DatedOn, o.Status, o.RejectReason, now()); err != nil {
			return err
		}
		for _, t := range []string{"research_contributors", "research_stages"} {
			if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE school_id = $1 AND output_id = $2`, schoolID, o.ID); err != nil {
				return err
			}
		}
		if err := writeResearchParts(ctx, tx, schoolID, o); err != nil {
			return err
		}
		return s.researchChanged(ctx, tx, schoolID, a, o.ID, "edit", before, "", o)
	})
	return researchErr(fmt.Sprintf("edit research output %d", o.ID), err)
}

// DeleteResearchOutput takes an output out of every count: it is marked
// deleted and stays readable with its history. A reason is required.
func (s *Storage) DeleteResearchOutput(ctx context.Context, schoolID int64, a model.Actor, id int64, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return refusal("删除成果需要填写理由")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.researchBefore(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE research_outputs SET deleted = TRUE, updated_at = $3 WHERE school_id = $1 AND id = $2`, schoolID, id, now()); err != nil {
			return err
		}
		return s.researchChanged(ctx, tx, schoolID, a, id, "delete", before, reason, map[string]string{"reason": reason})
	})
	return researchErr(fmt.Sprintf("delete research output %d", id), err)
}

// ReviewResearchOutputs verifies (ok) or rejects outputs waiting for
// review, all or none: one already reviewed or deleted (by someone else
// a moment ago) refuses the batch. A rejection needs a reason.
func (s *Storage) ReviewResearchOutputs(ctx context.Context, schoolID int64, a model.Actor, ids []int64, ok bool, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case len(ids) == 0:
		return refusal("请至少选择一项成果")
	case !ok && reason == "":
		return refusal("退回成果需要填写理由")
	}
	status, action := research.StatusVerified, "verify"
	if !ok {
		status, action = research.StatusRejected, "reject"
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		titles := map[int64]string{}
		for _, id := range ids {
			before, err := s.researchBefore(ctx, tx, schoolID, id)
			if err != nil {
				return err
			}
			titles[id] = before.Title
			if before.Status != research.StatusPending {
				return refusal(fmt.Sprintf("成果“%s”已审核过，请刷新后重试", before.Title))
			}
			if _, err := tx.ExecContext(ctx, `UPDATE research_outputs SET status = $3, reject_reason = $4, reviewed_by = $5, reviewed_at = $6 WHERE school_id = $1 AND id = $2`,
				schoolID, id, status, reason, nullInt(a.UserID), now()); err != nil {
				return err
			}
			if err := insertResearchRevision(ctx, tx, schoolID, a, id, action, before, reason); err != nil {
				return err
			}
		}
		if err := s.noticeResearchReviewed(ctx, tx, schoolID, titles, ok, reason); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, action, "research_output", singleRecord(ids), nil, map[string]any{"outputs": ids, "status": status, "reason": reason})
	})
	return researchErr("review research outputs", err)
}

// researchChanged writes the revision (for an edit or deletion), marks
// the KPI summaries stale and writes the audit line of one output.
func (s *Storage) researchChanged(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, id int64, action string, before *model.ResearchOutput, reason string, after any) error {
	if before != nil {
		if err := insertResearchRevision(ctx, tx, schoolID, a, id, action, before, reason); err != nil {
			return err
		}
	}
	if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
		return err
	}
	var b any
	if before != nil {
		b = before
	}
	return s.audit(ctx, tx, schoolID, a, action, "research_output", id, b, after)
}

func insertResearchRevision(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, id int64, action string, before *model.ResearchOutput, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO research_revisions (school_id, output_id, action, old_values, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		schoolID, id, action, toJSON(before), reason, nullInt(a.UserID), now())
	return err
}

// researchBefore reads an output with its parts inside tx; ErrNotFound
// for another school's or a deleted one.
func (s *Storage) researchBefore(ctx context.Context, tx *sql.Tx, schoolID, id int64) (*model.ResearchOutput, error) {
	o, err := s.researchOutput(ctx, tx, schoolID, id)
	if err != nil {
		return nil, err
	}
	if o.Deleted {
		return nil, ErrNotFound
	}
	return &o, nil
}

// checkResearch is storage's last guard: the output must pass the rules
// the form used, its teachers must be the school's (their names are
// taken from the roster) and it must not duplicate another (except self).
func (s *Storage) checkResearch(ctx context.Context, tx *sql.Tx, schoolID int64, o *model.ResearchOutput, self int64, notDuplicate bool) error {
	set, err := s.researchSettings(ctx, tx, schoolID)
	if err != nil {
		return err
	}
	checked, err := validate.ResearchErr(validate.ResearchTextOf(*o), set, Today())
	if err != nil {
		return refusal(err.Error())
	}
	checked.ID = o.ID
	*o = checked
	for i := range o.Contributors {
		c := &o.Contributors[i]
		if c.TeacherID == 0 {
			continue
		}
		err := tx.QueryRowContext(ctx, `SELECT name FROM teachers WHERE school_id = $1 AND id = $2`, schoolID, c.TeacherID).Scan(&c.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return refusal(fmt.Sprintf("第 %d 位成员不是本校教师", c.Position))
		}
		if err != nil {
			return err
		}
	}
	dup, err := s.researchDuplicates(ctx, tx, schoolID, o, self, !notDuplicate)
	if err != nil || dup == nil {
		return err
	}
	return dup
}

// writeResearchParts inserts an output's contributors and stages.
func writeResearchParts(ctx context.Context, tx *sql.Tx, schoolID int64, o *model.ResearchOutput) error {
	for _, c := range o.Contributors {
		var share any
		if c.Share != nil {
			share = *c.Share
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO research_contributors (school_id, output_id, position, teacher_id, name, role, share) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			schoolID, o.ID, c.Position, nullInt(c.TeacherID), c.Name, c.Role, share); err != nil {
			return fmt.Errorf("contributor %d: %w", c.Position, err)
		}
	}
	for _, st := range o.Stages {
		if _, err := tx.ExecContext(ctx, `INSERT INTO research_stages (school_id, output_id, stage, dated_on) VALUES ($1, $2, $3, $4)`,
			schoolID, o.ID, st.Stage, st.DatedOn); err != nil {
			return fmt.Errorf("stage %s: %w", st.Stage, err)
		}
	}
	return nil
}

// researchErr wraps a database error with what was being done, and
// leaves the user's errors (a refusal, a quota, not found) as they are
// so that a page says them without a prefix.
func researchErr(what string, err error) error {
	var qe *QuotaError
	if err == nil || errors.Is(err, ErrRefused) || errors.Is(err, ErrNotFound) || errors.As(err, &qe) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}
