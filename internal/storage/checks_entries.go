package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// Daily checks (班级量化), the entries: a checker's batch of one reason for
// many classes, corrections and removals. Before its day is published an
// entry may be changed by any checker; after, only with a written reason
// (the page asks check:manage for it), and the audit line keeps it.

// CheckEntry is one stored deduction or addition with the names a page
// shows.
type CheckEntry struct {
	ID          int64     `json:"id"`
	Day         string    `json:"day"`
	ItemID      int64     `json:"item_id"`
	ItemName    string    `json:"item"`
	ClassID     int64     `json:"class_id"`
	ClassName   string    `json:"class"`
	Points      float64   `json:"points"`
	Reason      string    `json:"reason"`
	EnteredBy   int64     `json:"-"`
	EnteredName string    `json:"entered_by,omitempty"`
	ByCouncil   bool      `json:"by_council"`
	Confirmed   bool      `json:"confirmed"`
	CreatedAt   time.Time `json:"created_at"`
}

// CheckBatch is one save of the entry page: one day, item, reason and
// points for each of the classes tapped.
type CheckBatch struct {
	Day       string
	ItemID    int64
	ClassIDs  []int64
	Points    float64
	Reason    string
	ByCouncil bool // entered by a student council member
	// Why is the reason for changing a day already published; required
	// then, and only the managers' pages pass one.
	Why string
}

// ErrCheckDayPublished refuses a change to a published day without a
// written reason.
var ErrCheckDayPublished error = refusal("该日检查结果已公布，更正须由德育处填写更正理由")

func checkEntryText(pts float64, reason string) error {
	if !validate.Finite(pts) || pts == 0 || pts < validate.MinCheckPoints || pts > validate.MaxCheckPoints {
		return refusal("分值应在 -20 到 10 之间且不为 0")
	}
	if r := validate.Text(strings.TrimSpace(reason), validate.MaxCheckReason, true); r != "" {
		return refusal("扣分原因" + r)
	}
	return nil
}

// dayOpen says whether a day may be changed: not published, or published
// and a reason is given.
func dayOpen(ctx context.Context, q querier, schoolID int64, day, why string) (published bool, err error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM check_days WHERE school_id = $1 AND day = $2`, schoolID, day).Scan(&n); err != nil {
		return false, err
	}
	if n > 0 && strings.TrimSpace(why) == "" {
		return true, ErrCheckDayPublished
	}
	return n > 0, nil
}

// AddCheckEntries stores a batch in one transaction with one audit line:
// every class gets the entry, or none does. Council entries wait for a
// teacher when the school asks for confirmation.
func (s *Storage) AddCheckEntries(ctx context.Context, schoolID int64, a model.Actor, b CheckBatch) ([]int64, error) {
	if !validate.IsDate(b.Day) {
		return nil, refusal("请选择检查日期")
	}
	if len(b.ClassIDs) == 0 {
		return nil, refusal("请至少选择一个班级")
	}
	if err := checkEntryText(b.Points, b.Reason); err != nil {
		return nil, err
	}
	var ids []int64
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		published, err := dayOpen(ctx, tx, schoolID, b.Day, b.Why)
		if err != nil {
			return err
		}
		set, err := s.checkSettings(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		var active bool
		if err := tx.QueryRowContext(ctx, `SELECT active FROM check_items WHERE school_id = $1 AND id = $2`, schoolID, b.ItemID).Scan(&active); err != nil || !active {
			if err == nil || errors.Is(err, sql.ErrNoRows) {
				return refusal("请选择检查项目")
			}
			return err
		}
		confirmed := !(b.ByCouncil && set.CouncilConfirm)
		at := now()
		for _, c := range b.ClassIDs {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO check_entries (school_id, day, item_id, class_id, points, reason, entered_by, entered_name, by_council, confirmed, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
				schoolID, b.Day, b.ItemID, c, b.Points, strings.TrimSpace(b.Reason), nullInt(a.UserID), a.Username, b.ByCouncil, confirmed, at).Scan(&id); err != nil {
				return fmt.Errorf("check entry for class %d: %w", c, err)
			}
			ids = append(ids, id)
		}
		after := map[string]any{"day": b.Day, "item_id": b.ItemID, "classes": b.ClassIDs, "points": b.Points, "reason": b.Reason, "by_council": b.ByCouncil}
		if published {
			after["why"] = b.Why
		}
		return s.audit(ctx, tx, schoolID, a, "create", "check_entry", singleOf(ids), nil, after)
	})
	if err != nil {
		return nil, checkErr("check entries", err)
	}
	return ids, nil
}

func singleOf(ids []int64) int64 {
	if len(ids) == 1 {
		return ids[0]
	}
	return 0
}

// CheckEntryByID reads one entry with its names.
func (s *Storage) CheckEntryByID(ctx context.Context, schoolID, id int64) (CheckEntry, error) {
	es, err := s.checkEntries(ctx, s.db, ` AND e.id = $2`, schoolID, id)
	if err == nil && len(es) == 0 {
		err = ErrNotFound
	}
	if err != nil {
		return CheckEntry{}, err
	}
	return es[0], nil
}

// CheckEntriesOfDay lists a day's entries, by item, class and time.
func (s *Storage) CheckEntriesOfDay(ctx context.Context, schoolID int64, day string) ([]CheckEntry, error) {
	return s.checkEntries(ctx, s.db, ` AND e.day = $2`, schoolID, day)
}

// CheckEntriesOfClass lists a class's entries between two days (inclusive).
func (s *Storage) CheckEntriesOfClass(ctx context.Context, schoolID, classID int64, from, to string) ([]CheckEntry, error) {
	return s.checkEntries(ctx, s.db, ` AND e.class_id = $2 AND e.day >= $3 AND e.day <= $4`, schoolID, classID, from, to)
}

func (s *Storage) checkEntries(ctx context.Context, q querier, cond string, args ...any) ([]CheckEntry, error) {
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.day, e.item_id, i.name, e.class_id, c.name, e.points, e.reason, COALESCE(e.entered_by, 0), e.entered_name,
		e.by_council, e.confirmed, e.created_at
		FROM check_entries e JOIN check_items i ON i.school_id = e.school_id AND i.id = e.item_id
		JOIN classes c ON c.school_id = e.school_id AND c.id = e.class_id
		WHERE e.school_id = $1`+cond+` ORDER BY e.day, i.position, i.id, `+s.zh("c.name")+`, e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("check entries: %w", err)
	}
	defer rows.Close()
	var out []CheckEntry
	for rows.Next() {
		var e CheckEntry
		if err := rows.Scan(&e.ID, &e.Day, &e.ItemID, &e.ItemName, &e.ClassID, &e.ClassName, &e.Points, &e.Reason, &e.EnteredBy, &e.EnteredName,
			&e.ByCouncil, &e.Confirmed, &e.CreatedAt); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// CorrectCheckEntry changes an entry's points and reason; why is required
// once its day is published. Audited with before and after.
func (s *Storage) CorrectCheckEntry(ctx context.Context, schoolID int64, a model.Actor, id int64, pts float64, reason, why string) error {
	if err := checkEntryText(pts, reason); err != nil {
		return err
	}
	return s.changeCheckEntry(ctx, schoolID, a, id, why, func(tx *sql.Tx, before CheckEntry) (any, error) {
		_, err := tx.ExecContext(ctx, `UPDATE check_entries SET points = $3, reason = $4 WHERE school_id = $1 AND id = $2`, schoolID, id, pts, strings.TrimSpace(reason))
		return map[string]any{"points": pts, "reason": reason, "why": why}, err
	})
}

// DeleteCheckEntry removes an entry; why is required once its day is
// published. The audit line keeps the whole entry.
func (s *Storage) DeleteCheckEntry(ctx context.Context, schoolID int64, a model.Actor, id int64, why string) error {
	return s.changeCheckEntry(ctx, schoolID, a, id, why, func(tx *sql.Tx, before CheckEntry) (any, error) {
		_, err := tx.ExecContext(ctx, `DELETE FROM check_entries WHERE school_id = $1 AND id = $2`, schoolID, id)
		return map[string]any{"deleted": true, "why": why}, err
	})
}

// ConfirmCheckEntries confirms the council's waiting entries of a day.
func (s *Storage) ConfirmCheckEntries(ctx context.Context, schoolID int64, a model.Actor, day string) (int, error) {
	var n int64
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE check_entries SET confirmed = TRUE WHERE school_id = $1 AND day = $2 AND confirmed = FALSE`, schoolID, day)
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return s.audit(ctx, tx, schoolID, a, "confirm", "check_entry", 0, nil, map[string]any{"day": day, "entries": n})
	})
	return int(n), err
}

// changeCheckEntry runs one change of an entry in a transaction, after
// reading it (to refuse a published day without a reason) and with its
// audit line.
func (s *Storage) changeCheckEntry(ctx context.Context, schoolID int64, a model.Actor, id int64, why string, change func(*sql.Tx, CheckEntry) (any, error)) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		es, err := s.checkEntries(ctx, tx, ` AND e.id = $2`, schoolID, id)
		if err != nil {
			return err
		}
		if len(es) == 0 {
			return ErrNotFound
		}
		if _, err := dayOpen(ctx, tx, schoolID, es[0].Day, why); err != nil {
			return err
		}
		after, err := change(tx, es[0])
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "update", "check_entry", id, es[0], after)
	})
	return checkErr("check entry", err)
}

// checkErr passes a refusal or not-found as it is, for the page to show,
// and gives any other error its context.
func checkErr(what string, err error) error {
	if err == nil || errors.Is(err, ErrRefused) || errors.Is(err, ErrNotFound) {
		return err
	}
	return fmt.Errorf("%s: %w", what, err)
}
