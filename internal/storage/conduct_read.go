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
)

// Reading 德育 records: one row type (ConductRow), one SELECT, one scanner;
// the students a recorder picks from; a record's revisions.

// ConductRow is a behaviour record with what the 德育 pages show of it.
type ConductRow struct {
	model.Evidence
	Awaiting     string `json:"awaiting,omitempty"`
	RecorderRole string `json:"recorder_role,omitempty"`
	RecorderName string `json:"recorder_name,omitempty"`
	Deleted      bool   `json:"deleted,omitempty"`
	DescriptorID int64  `json:"descriptor_id,omitempty"`
	ReviewReason string `json:"review_reason,omitempty"`
	StudentNo    string `json:"student_no"`
	StudentName  string `json:"student_name"`
	ClassID      int64  `json:"class_id"`
	ClassName    string `json:"class_name"`
}

const conductSelect = `SELECT e.id, e.student_id, e.term_id, e.title, e.category, e.points, e.occurred_on, e.status, e.note, e.review_reason,
	e.awaiting, e.recorder_role, COALESCE(u.display_name, ''), e.deleted, COALESCE(e.descriptor_id, 0), s.student_no, s.name, s.class_id, c.name
	FROM evidence e JOIN students s ON s.school_id = e.school_id AND s.id = e.student_id
	JOIN classes c ON c.school_id = s.school_id AND c.id = s.class_id
	LEFT JOIN users u ON u.school_id = e.school_id AND u.id = e.submitted_by`

// ConductFilter narrows ListConduct. Awaiting lists the waits wanted
// (conduct.AwaitConfirm, conduct.AwaitApprove; empty: any record). Scoped
// limits the rows to ClassIDs and StudentIDs.
type ConductFilter struct {
	model.ListQuery
	TermID     int64
	StudentID  int64
	ClassID    int64
	Awaiting   []string
	Scoped     bool
	ClassIDs   []int64
	StudentIDs []int64
}

func (f ConductFilter) where(schoolID int64) *where {
	w := schoolWhere("e.school_id", schoolID)
	w.add("e.kind = ?", string(model.EvidenceBehaviour))
	if f.TermID != 0 {
		w.add("e.term_id = ?", f.TermID)
	}
	if f.StudentID != 0 {
		w.add("e.student_id = ?", f.StudentID)
	}
	if f.ClassID != 0 {
		w.add("s.class_id = ?", f.ClassID)
	}
	if len(f.Awaiting) > 0 {
		var ors []string
		for _, a := range f.Awaiting {
			w.add("e.awaiting = ?", a)
			ors = append(ors, w.pop())
		}
		w.conds = append(w.conds, "("+strings.Join(ors, " OR ")+")")
		w.add("e.status = ?", string(model.EvidencePending))
		w.add("e.deleted = ?", false)
	}
	if f.Q != "" {
		w.add(`(LOWER(s.name) LIKE ? ESCAPE '\' OR LOWER(s.student_no) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	if f.Scoped {
		w.scoped("s.class_id", "e.student_id", f.ClassIDs, f.StudentIDs)
	}
	return w
}

func scanConduct(rows interface{ Scan(...any) error }, schoolID int64) (ConductRow, error) {
	var r ConductRow
	var status string
	err := rows.Scan(&r.ID, &r.StudentID, &r.TermID, &r.Title, &r.Category, &r.Points, &r.Date, &status, &r.Note, &r.ReviewReason,
		&r.Awaiting, &r.RecorderRole, &r.RecorderName, &r.Deleted, &r.DescriptorID, &r.StudentNo, &r.StudentName, &r.ClassID, &r.ClassName)
	r.SchoolID, r.Kind, r.Status = schoolID, model.EvidenceBehaviour, model.EvidenceStatus(status)
	return r, err
}

// ListConduct lists behaviour records newest first, one page at a time,
// with the total count.
func (s *Storage) ListConduct(ctx context.Context, schoolID int64, f ConductFilter) ([]ConductRow, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := f.where(schoolID)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (`+conductSelect+w.sql()+`) x`, w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("conduct count: %w", err)
	}
	var out []ConductRow
	err := scanAll(ctx, s.db, conductSelect+w.sql()+` ORDER BY e.id DESC`+pageSQL(f.ListQuery), w.args, func(rows *sql.Rows) error {
		r, err := scanConduct(rows, schoolID)
		out = append(out, r)
		return err
	})
	return out, total, annotate("德育记录", err)
}

// ConductRecord reads one behaviour record, or ErrNotFound.
func (s *Storage) ConductRecord(ctx context.Context, schoolID, id int64) (ConductRow, error) {
	r, err := scanConduct(s.db.QueryRowContext(ctx, conductSelect+` WHERE e.school_id = $1 AND e.id = $2 AND e.kind = $3`, schoolID, id, string(model.EvidenceBehaviour)), schoolID)
	if errors.Is(err, sql.ErrNoRows) {
		return r, ErrNotFound
	}
	return r, annotate("德育记录", err)
}

// ConductRevision is one correction or deletion of a record.
type ConductRevision struct {
	Action    string        `json:"action"` // correct, delete
	OldValues string        `json:"old_values"`
	Before    ConductBefore `json:"-"` // OldValues read
	Reason    string        `json:"reason"`
	ByName    string        `json:"by_name"`
	At        time.Time     `json:"at"`
}

// ConductRevisions lists a record's corrections and deletions, oldest
// first.
func (s *Storage) ConductRevisions(ctx context.Context, schoolID, id int64) ([]ConductRevision, error) {
	var out []ConductRevision
	err := scanAll(ctx, s.db, `SELECT r.action, r.old_values, r.reason, COALESCE(u.display_name, ''), r.changed_at FROM evidence_revisions r
		LEFT JOIN users u ON u.school_id = r.school_id AND u.id = r.changed_by
		WHERE r.school_id = $1 AND r.evidence_id = $2 ORDER BY r.id`, []any{schoolID, id}, func(rows *sql.Rows) error {
		var v ConductRevision
		if err := rows.Scan(&v.Action, &v.OldValues, &v.Reason, &v.ByName, &v.At); err != nil {
			return err
		}
		out = append(out, v)
		return json.Unmarshal([]byte(v.OldValues), &out[len(out)-1].Before)
	})
	return out, annotate("德育记录修改历史", err)
}

// RosterStudent is a student as a recorder picks them: name, 学号 and
// class, nothing else (the student council picks names too).
type RosterStudent struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	StudentNo string `json:"student_no"`
	ClassID   int64  `json:"class_id"`
	ClassName string `json:"class_name"`
}

// RosterFilter selects enrolled students to pick from: of one class, by a
// search, or by a pasted list of names and 学号 (Keys). All is the
// recorder's whole-school scope; otherwise ClassIDs bound every read.
type RosterFilter struct {
	ClassID  int64
	Q        string
	Keys     []string
	All      bool
	ClassIDs []int64
	IDs      []int64
}

// MaxRoster bounds one pick list (a search of a large school).
const MaxRoster = 200

// ConductRoster lists the students a filter selects, by class and 学号.
func (s *Storage) ConductRoster(ctx context.Context, schoolID int64, f RosterFilter) ([]RosterStudent, error) {
	w := schoolWhere("s.school_id", schoolID)
	w.add("s.enrollment_status = ?", string(model.StatusEnrolled))
	if !f.All {
		w.in("s.class_id", f.ClassIDs)
	}
	switch {
	case len(f.IDs) > 0:
		w.in("s.id", f.IDs)
	case len(f.Keys) > 0:
		var ors []string
		for _, k := range f.Keys {
			w.add("(s.name = ? OR s.student_no = ?)", k)
			ors = append(ors, w.pop())
		}
		w.conds = append(w.conds, "("+strings.Join(ors, " OR ")+")")
	case f.Q != "":
		w.add(`(LOWER(s.name) LIKE ? ESCAPE '\' OR LOWER(s.student_no) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	case f.ClassID != 0:
		w.add("s.class_id = ?", f.ClassID)
	default:
		return nil, nil
	}
	var out []RosterStudent
	err := scanAll(ctx, s.db, `SELECT s.id, s.name, s.student_no, s.class_id, c.name FROM students s
		JOIN classes c ON c.school_id = s.school_id AND c.id = s.class_id`+w.sql()+` ORDER BY `+s.zh("c.name")+`, s.student_no LIMIT `+itoa(MaxRoster), w.args, func(rows *sql.Rows) error {
		var v RosterStudent
		err := rows.Scan(&v.ID, &v.Name, &v.StudentNo, &v.ClassID, &v.ClassName)
		out = append(out, v)
		return err
	})
	return out, annotate("学生名单", err)
}
