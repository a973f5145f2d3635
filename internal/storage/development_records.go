package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// 教师培训与实践记录 (docs/teachers.md section 1): create, edit, delete,
// review and the enterprise's confirmation of a record. Each is one
// transaction with a development_revisions row (the values before, for
// all but creation) and an audit line.

// DevelopmentWrite says how a record is written. Office marks the 人事处
// (development:verify): its records are verified at once and its edits
// keep the status; a teacher's are self-reported and wait for review.
type DevelopmentWrite struct {
	Office bool
	// WriterTeacherID is the writer's own teacher record: nobody verifies
	// their own record, so the 人事处's own records are self-reported too.
	WriterTeacherID int64
	Proofs          []ProofUpload
}

// office reports whether the write counts as the 人事处's for record d.
func (w DevelopmentWrite) office(d *model.DevelopmentRecord) bool {
	return w.Office && (w.WriterTeacherID == 0 || w.WriterTeacherID != d.TeacherID)
}

const developmentInsert = `INSERT INTO development_records (school_id, teacher_id, kind, title, provider, starts_on, ends_on, hours, days, enterprise_id,
	issuer, number, level, expires_on, batch_id, source, status, reviewed_by, reviewed_at, created_by, created_at, updated_at)
	VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $21) RETURNING id`

// insertDevelopment writes a checked record inside tx with its source and
// status (verified ones carry who verified them).
func insertDevelopment(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, d *model.DevelopmentRecord) error {
	at := now()
	var reviewedBy, reviewedAt any
	if d.Status == teacherdev.StatusVerified {
		reviewedBy, reviewedAt, d.ReviewedBy, d.ReviewedAt = nullInt(a.UserID), at, a.UserID, at
	}
	err := tx.QueryRowContext(ctx, developmentInsert, schoolID, d.TeacherID, d.Kind, d.Title, d.Provider, d.StartsOn, d.EndsOn, d.Hours, d.Days, nullInt(d.EnterpriseID),
		d.Issuer, d.Number, d.Level, d.ExpiresOn, nullInt(d.BatchID), d.Source, d.Status, reviewedBy, reviewedAt, nullInt(a.UserID), at).Scan(&d.ID)
	d.SchoolID, d.CreatedBy, d.CreatedAt, d.UpdatedAt = schoolID, a.UserID, at, at
	return err
}

// CreateDevelopmentRecord checks and stores a new record of d.TeacherID
// with its proof files: the 人事处's verified at once, a teacher's
// pending. The caller checked that the user may write for the teacher.
func (s *Storage) CreateDevelopmentRecord(ctx context.Context, schoolID int64, a model.Actor, d *model.DevelopmentRecord, w DevelopmentWrite) error {
	cts, err := checkProofs(w.Proofs)
	if err != nil {
		return err
	}
	if err := validate.DevelopmentErr(d); err != nil {
		return refusal(err.Error())
	}
	d.Source, d.Status = teacherdev.SourceSelf, teacherdev.StatusPending
	if w.office(d) {
		d.Source, d.Status = teacherdev.SourceOffice, teacherdev.StatusVerified
	}
	err = s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.checkDevelopmentRefs(ctx, tx, schoolID, d); err != nil {
			return err
		}
		if err := insertDevelopment(ctx, tx, schoolID, a, d); err != nil {
			return err
		}
		for i, p := range w.Proofs {
			if _, err := insertDevelopmentFile(ctx, tx, schoolID, a, d.ID, p, cts[i]); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, schoolID, a, "create", "development_record", d.ID, nil, d)
	})
	return researchErr("create development record", err)
}

func checkProofs(ps []ProofUpload) ([]string, error) {
	cts := make([]string, len(ps))
	for i, p := range ps {
		var err error
		if cts[i], err = CheckProofFile(p.Data); err != nil {
			return nil, refusal("证明材料“" + p.Name + "”：" + err.Error())
		}
	}
	return cts, nil
}

// checkDevelopmentRefs refuses a teacher or enterprise not of the school
// and fills in their names.
func (s *Storage) checkDevelopmentRefs(ctx context.Context, tx *sql.Tx, schoolID int64, d *model.DevelopmentRecord) error {
	err := tx.QueryRowContext(ctx, `SELECT name, staff_no FROM teachers WHERE school_id = $1 AND id = $2`, schoolID, d.TeacherID).Scan(&d.TeacherName, &d.StaffNo)
	if err == sql.ErrNoRows {
		return refusal("教师不是本校教师")
	}
	if err != nil || d.EnterpriseID == 0 {
		return err
	}
	err = tx.QueryRowContext(ctx, `SELECT name FROM enterprises WHERE school_id = $1 AND id = $2`, schoolID, d.EnterpriseID).Scan(&d.EnterpriseName)
	if err == sql.ErrNoRows {
		return refusal("实践企业不是本校的合作企业")
	}
	return err
}

// UpdateDevelopmentRecord replaces a record's values (not its teacher),
// keeping the values before in its history. Unless w.Office, the record
// goes back to review.
func (s *Storage) UpdateDevelopmentRecord(ctx context.Context, schoolID int64, a model.Actor, d *model.DevelopmentRecord, w DevelopmentWrite) error {
	if err := validate.DevelopmentErr(d); err != nil {
		return refusal(err.Error())
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.developmentBefore(ctx, tx, schoolID, d.ID)
		if err != nil {
			return err
		}
		d.TeacherID, d.Source, d.Status, d.RejectReason = before.TeacherID, before.Source, before.Status, before.RejectReason
		if !w.office(d) {
			d.Status, d.RejectReason = teacherdev.StatusPending, ""
		}
		if err := s.checkDevelopmentRefs(ctx, tx, schoolID, d); err != nil {
			return err
		}
		confirmed := before.EnterpriseConfirmed && before.EnterpriseID == d.EnterpriseID
		if _, err := tx.ExecContext(ctx, `UPDATE development_records SET kind = $3, title = $4, provider = $5, starts_on = $6, ends_on = $7, hours = $8, days = $9,
			enterprise_id = $10, issuer = $11, number = $12, level = $13, expires_on = $14, status = $15, reject_reason = $16, enterprise_confirmed = $17, updated_at = $18
			WHERE school_id = $1 AND id = $2`, schoolID, d.ID, d.Kind, d.Title, d.Provider, d.StartsOn, d.EndsOn, d.Hours, d.Days, nullInt(d.EnterpriseID),
			d.Issuer, d.Number, d.Level, d.ExpiresOn, d.Status, d.RejectReason, confirmed, now()); err != nil {
			return err
		}
		return s.developmentChanged(ctx, tx, schoolID, a, d.ID, "edit", before, "", d)
	})
	return researchErr(fmt.Sprintf("edit development record %d", d.ID), err)
}

// DeleteDevelopmentRecord takes a record out of every count: it is marked
// deleted and stays readable with its history. A reason is required.
func (s *Storage) DeleteDevelopmentRecord(ctx context.Context, schoolID int64, a model.Actor, id int64, reason string) error {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return refusal("删除记录需要填写理由")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.developmentBefore(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE development_records SET deleted = TRUE, updated_at = $3 WHERE school_id = $1 AND id = $2`, schoolID, id, now()); err != nil {
			return err
		}
		return s.developmentChanged(ctx, tx, schoolID, a, id, "delete", before, reason, map[string]string{"reason": reason})
	})
	return researchErr(fmt.Sprintf("delete development record %d", id), err)
}

// ReviewDevelopmentRecords verifies (ok) or rejects pending records, all
// or none: one already reviewed or deleted refuses the batch, and so does
// a record of the reviewer's own (nobody verifies themself). A rejection
// needs a reason.
func (s *Storage) ReviewDevelopmentRecords(ctx context.Context, schoolID int64, a model.Actor, reviewerTeacherID int64, ids []int64, ok bool, reason string) error {
	reason = strings.TrimSpace(reason)
	switch {
	case len(ids) == 0:
		return refusal("请至少选择一条记录")
	case !ok && reason == "":
		return refusal("退回记录需要填写理由")
	}
	status, action := teacherdev.StatusVerified, "verify"
	if !ok {
		status, action = teacherdev.StatusRejected, "reject"
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			before, err := s.developmentBefore(ctx, tx, schoolID, id)
			if err != nil {
				return err
			}
			switch {
			case before.Status != teacherdev.StatusPending:
				return refusal(fmt.Sprintf("“%s”（%s）已审核过，请刷新后重试", before.Title, before.TeacherName))
			case reviewerTeacherID != 0 && before.TeacherID == reviewerTeacherID:
				return refusal(fmt.Sprintf("“%s”是您本人的记录，请由其他人审核", before.Title))
			}
			if _, err := tx.ExecContext(ctx, `UPDATE development_records SET status = $3, reject_reason = $4, reviewed_by = $5, reviewed_at = $6 WHERE school_id = $1 AND id = $2`,
				schoolID, id, status, reason, nullInt(a.UserID), now()); err != nil {
				return err
			}
			if err := insertDevelopmentRevision(ctx, tx, schoolID, a, id, action, before, reason); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, schoolID, a, action, "development_record", singleRecord(ids), nil, map[string]any{"records": ids, "status": status, "reason": reason})
	})
	return researchErr("review development records", err)
}

// ConfirmEnterprisePractice records that the enterprise confirmed a
// practice period, naming who confirmed it there (the 人事处 enters it
// from the enterprise's stamped letter).
func (s *Storage) ConfirmEnterprisePractice(ctx context.Context, schoolID int64, a model.Actor, id int64, confirmedBy string) error {
	confirmedBy = strings.TrimSpace(confirmedBy)
	switch {
	case confirmedBy == "":
		return refusal("请填写企业确认人")
	case len([]rune(confirmedBy)) > validate.MaxDevelopmentText:
		return refusal(fmt.Sprintf("企业确认人不能超过 %d 个字", validate.MaxDevelopmentText))
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.developmentBefore(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if before.Kind != string(teacherdev.KindEnterprise) {
			return refusal("只有企业实践记录需要企业确认")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE development_records SET enterprise_confirmed = TRUE, confirmed_by = $3, updated_at = $4 WHERE school_id = $1 AND id = $2`,
			schoolID, id, confirmedBy, now()); err != nil {
			return err
		}
		return s.developmentChanged(ctx, tx, schoolID, a, id, "confirm", before, "", map[string]string{"confirmed_by": confirmedBy})
	})
	return researchErr(fmt.Sprintf("confirm development record %d", id), err)
}

// developmentChanged writes the revision and the audit line of a change.
func (s *Storage) developmentChanged(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, id int64, action string, before *model.DevelopmentRecord, reason string, after any) error {
	if err := insertDevelopmentRevision(ctx, tx, schoolID, a, id, action, before, reason); err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, action, "development_record", id, before, after)
}

func insertDevelopmentRevision(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, id int64, action string, before *model.DevelopmentRecord, reason string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO development_revisions (school_id, record_id, action, old_values, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		schoolID, id, action, toJSON(before), reason, nullInt(a.UserID), now())
	return err
}

// developmentBefore reads a record inside tx; ErrNotFound for another
// school's or a deleted one.
func (s *Storage) developmentBefore(ctx context.Context, tx *sql.Tx, schoolID, id int64) (*model.DevelopmentRecord, error) {
	d, err := developmentRecord(ctx, tx, schoolID, id)
	if err != nil {
		return nil, err
	}
	if d.Deleted {
		return nil, ErrNotFound
	}
	return &d, nil
}
