package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
)

// 德育 records (docs/conduct.md section 2): behaviour records written in a
// batch from a preset descriptor, confirmed or approved in bulk, corrected
// and deleted with their history. They are rows of evidence (kind
// behaviour), so the evaluation, review and appeals read them as any
// 写实记录. Each user action is one method and one transaction with its
// audit line.

// MaxConductBatch is the most students one batch records.
const MaxConductBatch = conduct.MaxBatch

// ConductBatch is one batch: a descriptor for some students, with an
// optional note and photo. The caller checked the recorder's scope.
type ConductBatch struct {
	TermID       int64
	Descriptor   conduct.Descriptor
	StudentIDs   []int64
	Date         string // YYYY-MM-DD
	Note         string
	RecorderRole string
	Photo        *ProofUpload
}

// RecordConduct writes one record per student in one transaction, with
// the status the school's rules give the recorder's role and the points
// (conduct.InitialState), and returns the records. A bad photo or student
// writes nothing.
func (s *Storage) RecordConduct(ctx context.Context, schoolID int64, a model.Actor, b ConductBatch) ([]model.Evidence, error) {
	if len(b.StudentIDs) == 0 {
		return nil, errors.New("请至少选择一名学生")
	}
	if len(b.StudentIDs) > MaxConductBatch {
		return nil, fmt.Errorf("一次最多记录 %d 名学生", MaxConductBatch)
	}
	d := b.Descriptor
	var ct string
	if b.Photo != nil {
		var err error
		if ct, err = CheckProofFile(b.Photo.Data); err != nil {
			return nil, fmt.Errorf("照片“%s”：%w", b.Photo.Name, err)
		}
	}
	out := make([]model.Evidence, len(b.StudentIDs))
	for i, id := range b.StudentIDs {
		out[i] = model.Evidence{StudentID: id, TermID: b.TermID, Kind: model.EvidenceBehaviour, Title: d.Name, Category: d.Category, Points: d.Points, Date: b.Date, Note: b.Note}
		if err := checkEvidence(&out[i]); err != nil {
			return nil, err
		}
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		set, err := s.conductSettings(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		status, awaiting := conduct.InitialState(b.RecorderRole, d.Points, set)
		ids := make([]int64, len(out))
		for i := range out {
			e := &out[i]
			if err := tx.QueryRowContext(ctx, evidenceInsert, evidenceRow(schoolID, a, e, "")...).Scan(&e.ID); err != nil {
				return fmt.Errorf("conduct record %d of %d: %w", i+1, len(out), err)
			}
			e.SchoolID, e.Status, ids[i] = schoolID, status, e.ID
			if b.Photo != nil {
				if _, err := insertFile(ctx, tx, schoolID, a, "evidence", e.ID, b.Photo.Name, ct, b.Photo.Data); err != nil {
					return err
				}
			}
		}
		w := schoolWhere("school_id", schoolID)
		w.in("id", ids)
		args := append(w.args, nullInt(d.ID), b.RecorderRole, awaiting, string(status))
		n := len(w.args)
		set4 := fmt.Sprintf(`UPDATE evidence SET descriptor_id = $%d, recorder_role = $%d, awaiting = $%d, status = $%d`, n+1, n+2, n+3, n+4)
		if status == model.EvidenceVerified {
			args = append(args, nullInt(a.UserID), now())
			set4 += fmt.Sprintf(`, reviewed_by = $%d, reviewed_at = $%d`, n+5, n+6)
		}
		if _, err := tx.ExecContext(ctx, set4+w.sql(), args...); err != nil {
			return fmt.Errorf("conduct records: %w", err)
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "record", "conduct", singleRecord(ids), nil, map[string]any{
			"descriptor": d.Name, "category": d.Category, "points": d.Points, "students": len(ids), "records": ids,
			"status": status, "awaiting": awaiting, "role": b.RecorderRole, "photo": b.Photo != nil})
	})
	if err != nil {
		return nil, annotate("德育记录", err)
	}
	return out, nil
}

func singleRecord(ids []int64) int64 {
	if len(ids) == 1 {
		return ids[0]
	}
	return 0
}

// DecideConduct confirms or approves (ok) or rejects waiting records in
// one transaction; a rejection needs a reason. Every record must still be
// waiting: one already decided (by someone else a moment ago) refuses the
// whole batch, so nothing is decided twice.
func (s *Storage) DecideConduct(ctx context.Context, schoolID int64, a model.Actor, ids []int64, ok bool, reason string) error {
	if len(ids) == 0 {
		return errors.New("请至少选择一条记录")
	}
	if !ok && strings.TrimSpace(reason) == "" {
		return errors.New("退回记录需要填写理由")
	}
	status := model.EvidenceVerified
	if !ok {
		status = model.EvidenceRejected
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		w := schoolWhere("school_id", schoolID)
		w.in("id", ids)
		w.add("kind = ?", string(model.EvidenceBehaviour))
		w.add("status = ?", string(model.EvidencePending))
		w.add("awaiting <> ?", conduct.AwaitNone)
		w.add("deleted = ?", false)
		args := append(w.args, string(status), nullInt(a.UserID), now(), reason)
		n := len(w.args)
		res, err := tx.ExecContext(ctx, fmt.Sprintf(`UPDATE evidence SET status = $%d, awaiting = '', reviewed_by = $%d, reviewed_at = $%d, review_reason = $%d`, n+1, n+2, n+3, n+4)+w.sql(), args...)
		if err != nil {
			return err
		}
		if got, _ := res.RowsAffected(); got != int64(len(ids)) {
			return fmt.Errorf("有 %d 条记录已被处理或不在待确认之列，请刷新后重试", int64(len(ids))-got)
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "decide", "conduct", singleRecord(ids), nil, map[string]any{"records": ids, "status": status, "reason": reason})
	})
	return annotate("处理德育记录", err)
}

// ConductBefore is what a revision keeps of a record before a change.
type ConductBefore struct {
	Title        string  `json:"title"`
	Category     string  `json:"category"`
	Points       float64 `json:"points"`
	Note         string  `json:"note"`
	Status       string  `json:"status"`
	DescriptorID int64   `json:"descriptor_id,omitempty"`
}

// reviseConduct writes the revision of a behaviour record inside tx and
// returns the values before; ErrNotFound for a record that is not a
// behaviour record or is deleted already.
func (s *Storage) reviseConduct(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, id int64, action, reason string) (ConductBefore, error) {
	var b ConductBefore
	err := tx.QueryRowContext(ctx, `SELECT title, category, points, note, status, COALESCE(descriptor_id, 0) FROM evidence
		WHERE school_id = $1 AND id = $2 AND kind = $3 AND NOT deleted`, schoolID, id, string(model.EvidenceBehaviour)).
		Scan(&b.Title, &b.Category, &b.Points, &b.Note, &b.Status, &b.DescriptorID)
	if errors.Is(err, sql.ErrNoRows) {
		return b, ErrNotFound
	}
	if err != nil {
		return b, err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO evidence_revisions (school_id, evidence_id, action, old_values, reason, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		schoolID, id, action, toJSON(b), reason, nullInt(a.UserID), now())
	return b, err
}

// CorrectConduct changes a record to another descriptor (and note), keeping
// the values before in its history; the status stays as it was. A reason
// is required.
func (s *Storage) CorrectConduct(ctx context.Context, schoolID int64, a model.Actor, id int64, d conduct.Descriptor, note, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return errors.New("更正记录需要填写理由")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.reviseConduct(ctx, tx, schoolID, a, id, "correct", reason)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evidence SET title = $3, category = $4, points = $5, descriptor_id = $6, note = $7 WHERE school_id = $1 AND id = $2`,
			schoolID, id, d.Name, d.Category, d.Points, nullInt(d.ID), note); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "correct", "conduct", id, before, map[string]any{"title": d.Name, "category": d.Category, "points": d.Points, "note": note, "reason": reason})
	})
	return annotate(fmt.Sprintf("更正德育记录 %d", id), err)
}

// DeleteConduct takes a record out of the count: it is marked deleted and
// rejected, and stays readable with its history. A reason is required.
func (s *Storage) DeleteConduct(ctx context.Context, schoolID int64, a model.Actor, id int64, reason string) error {
	if strings.TrimSpace(reason) == "" {
		return errors.New("删除记录需要填写理由")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.reviseConduct(ctx, tx, schoolID, a, id, "delete", reason)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE evidence SET deleted = TRUE, status = $3, awaiting = '', reviewed_by = $4, reviewed_at = $5, review_reason = $6 WHERE school_id = $1 AND id = $2`,
			schoolID, id, string(model.EvidenceRejected), nullInt(a.UserID), now(), "已删除："+reason); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "delete", "conduct", id, before, map[string]string{"reason": reason})
	})
	return annotate(fmt.Sprintf("删除德育记录 %d", id), err)
}

// ConductLoad is one record of a bulk load: the record with its status,
// and who recorded it as what, and who confirmed it.
type ConductLoad struct {
	model.Evidence
	DescriptorID int64
	RecorderRole string
	Awaiting     string
	RecordedBy   int64
	ReviewedBy   int64
}

// LoadConduct writes many behaviour records in one transaction with
// multi-row INSERTs and one audit line, for the demo generator: records
// are checked as RecordConduct checks them, and any bad one refuses the
// load. Day-to-day recording goes through RecordConduct.
func (s *Storage) LoadConduct(ctx context.Context, schoolID int64, a model.Actor, rs []ConductLoad, reason string) error {
	at := now()
	cols := append(append([]string{}, evidenceCols...), "reviewed_by", "reviewed_at", "review_reason", "descriptor_id", "recorder_role", "awaiting")
	rows := make([][]any, len(rs))
	for i := range rs {
		r := &rs[i]
		r.Kind = model.EvidenceBehaviour
		if err := checkEvidence(&r.Evidence); err != nil {
			return fmt.Errorf("第 %d 条德育记录：%w", i+1, err)
		}
		row := evidenceRow(schoolID, model.Actor{UserID: r.RecordedBy}, &r.Evidence, "")
		row[evidenceStatusCol] = string(r.Status)
		var reviewed any
		if r.Status != model.EvidencePending {
			reviewed = at
		}
		rows[i] = append(row, nullInt(r.ReviewedBy), reviewed, "", nullInt(r.DescriptorID), r.RecorderRole, r.Awaiting)
	}
	return annotate("conduct load", s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.batchInsert(ctx, tx, "evidence", cols, rows, "", "", nil); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "bulk_load", "conduct", 0, nil, map[string]any{"reason": reason, "records": len(rows)})
	}))
}
