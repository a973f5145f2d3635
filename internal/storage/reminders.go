package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// Reminder is one 催评 sent to a cycle's unfinished raters: of one class
// (ClassID) or of the whole cycle (ClassID 0).
type Reminder struct {
	ID         int64     `json:"id"`
	CycleID    int64     `json:"cycle_id"`
	ClassID    int64     `json:"class_id"`
	Channel    string    `json:"channel"`
	Recipients int       `json:"recipients"` // accounts reached
	Tasks      int       `json:"tasks"`      // unfinished tasks they were told about
	SentBy     int64     `json:"sent_by,omitempty"`
	SentAt     time.Time `json:"sent_at"`
}

// RecordReminder stores a reminder that was sent and audits it (who, when,
// how many), in one transaction. SentAt is now unless given.
func (s *Storage) RecordReminder(ctx context.Context, schoolID int64, a model.Actor, r *Reminder) error {
	if r.Channel == "" {
		return errors.New("催评须指明发送方式")
	}
	if r.SentAt.IsZero() {
		r.SentAt = now()
	}
	r.SentAt, r.SentBy = r.SentAt.UTC().Truncate(time.Microsecond), a.UserID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.cycleQ(ctx, tx, schoolID, r.CycleID); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO cycle_reminders (school_id, cycle_id, class_id, channel, recipients, tasks, sent_by, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
			schoolID, r.CycleID, r.ClassID, r.Channel, r.Recipients, r.Tasks, nullInt(a.UserID), r.SentAt).Scan(&r.ID); err != nil {
			return fmt.Errorf("RecordReminder: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "remind", "cycle", r.CycleID, nil, r)
	})
}

// Reminders lists a cycle's reminders, newest first.
func (s *Storage) Reminders(ctx context.Context, schoolID, cycleID int64) ([]Reminder, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, cycle_id, class_id, channel, recipients, tasks, COALESCE(sent_by, 0), sent_at
		FROM cycle_reminders WHERE school_id = $1 AND cycle_id = $2 ORDER BY sent_at DESC, id DESC`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("Reminders: %w", err)
	}
	defer rows.Close()
	var out []Reminder
	for rows.Next() {
		var r Reminder
		if err := rows.Scan(&r.ID, &r.CycleID, &r.ClassID, &r.Channel, &r.Recipients, &r.Tasks, &r.SentBy, &r.SentAt); err != nil {
			return nil, fmt.Errorf("Reminders: %w", err)
		}
		r.SentAt = r.SentAt.UTC()
		out = append(out, r)
	}
	return out, rows.Err()
}

// LastReminderFor is the newest reminder that reached a class's raters: one
// sent to that class or to the whole cycle. classID 0 asks for the newest
// reminder of any kind. ok is false when there was none.
func LastReminderFor(rs []Reminder, classID int64) (Reminder, bool) {
	for _, r := range rs { // newest first
		if classID == 0 || r.ClassID == 0 || r.ClassID == classID {
			return r, true
		}
	}
	return Reminder{}, false
}

// RaterAccounts maps raters to the accounts that rate as them (enabled
// accounts linked to the person: a student's own account for self and
// peer, a teacher's, a mentor's, a guardian's), as the rating pages do
// (auth.RaterIdentities). Raters without an account are left out.
func (s *Storage) RaterAccounts(ctx context.Context, schoolID int64, role model.RaterRole, raterIDs []int64) (map[int64][]int64, error) {
	col := map[model.RaterRole]string{model.RaterSelf: "student_id", model.RaterPeer: "student_id", model.RaterHeadTeacher: "teacher_id",
		model.RaterSubjectTeacher: "teacher_id", model.RaterMentor: "mentor_id", model.RaterParent: "guardian_id"}[role]
	if col == "" {
		return map[int64][]int64{}, nil
	}
	return s.accountsBy(ctx, schoolID, col, raterIDs)
}

// accountsBy maps people (by the users column that links them: student_id,
// teacher_id, mentor_id or guardian_id) to their enabled accounts, in id
// order, a few hundred people per query.
func (s *Storage) accountsBy(ctx context.Context, schoolID int64, col string, personIDs []int64) (map[int64][]int64, error) {
	out := map[int64][]int64{}
	const chunk = 500
	for lo := 0; lo < len(personIDs); lo += chunk {
		w := schoolWhere("school_id", schoolID)
		w.conds = append(w.conds, "NOT disabled")
		w.in(col, personIDs[lo:min(lo+chunk, len(personIDs))])
		rows, err := s.db.QueryContext(ctx, `SELECT id, `+col+` FROM users`+w.sql()+` ORDER BY id`, w.args...)
		if err != nil {
			return nil, fmt.Errorf("accountsBy: %w", err)
		}
		for rows.Next() {
			var u, p int64
			if err := rows.Scan(&u, &p); err != nil {
				rows.Close()
				return nil, err
			}
			out[p] = append(out[p], u)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("accountsBy: %w", err)
		}
	}
	return out, nil
}

// AddMessages stores notifications with their own texts (one per user
// each, as a reminder telling every rater their own count), in one batch.
func (s *Storage) AddMessages(ctx context.Context, schoolID int64, ns []Notification) error {
	if len(ns) == 0 {
		return nil
	}
	at := now()
	rows := make([][]any, len(ns))
	for i, n := range ns {
		rows[i] = []any{schoolID, n.UserID, n.Kind, n.Text, n.Link, at}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		return s.batchInsert(ctx, tx, "notifications", []string{"school_id", "user_id", "kind", "text", "link", "created_at"}, rows, "", "", nil)
	})
}

// AccountsOf lists the ids of the enabled accounts linked to a person:
// column is "teacher_id", "student_id" or "guardian_id". For notifications.
func (s *Storage) AccountsOf(ctx context.Context, schoolID int64, column string, personIDs []int64) ([]int64, error) {
	switch column {
	case "teacher_id", "student_id", "guardian_id":
	default:
		return nil, nil
	}
	// One query for all of them (accountsBy), in the order asked.
	by, err := s.accountsBy(ctx, schoolID, column, personIDs)
	if err != nil {
		return nil, err
	}
	var out []int64
	for _, p := range personIDs {
		out = append(out, by[p]...)
	}
	return out, nil
}
