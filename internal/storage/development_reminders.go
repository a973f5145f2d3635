package storage

import (
	"context"
	"database/sql"

	"zhijiao/internal/model"
)

// DevReminder is one gap of one teacher told in one month: "training" or
// "practice" (teacherdev measures), "first_practice", or "cert:<record
// id>" for a certificate to renew.
type DevReminder struct {
	TeacherID int64
	Gap       string
}

// ClaimDevelopmentReminders records the reminders of month ("2026-12")
// not yet sent and returns those, in one transaction with one audit line:
// a gap is told at most once a month however often the button is pressed.
func (s *Storage) ClaimDevelopmentReminders(ctx context.Context, schoolID int64, a model.Actor, month string, want []DevReminder) ([]DevReminder, error) {
	var claimed []DevReminder
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		claimed = nil
		for _, r := range want {
			res, err := tx.ExecContext(ctx, `INSERT INTO development_reminders (school_id, teacher_id, gap, month, sent_by, sent_at)
				SELECT $1, $2, $3, $4, $5, $6 WHERE NOT EXISTS (SELECT 1 FROM development_reminders
				WHERE school_id = $1 AND teacher_id = $2 AND gap = $3 AND month = $4)`, schoolID, r.TeacherID, r.Gap, month, nullInt(a.UserID), now())
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 1 {
				claimed = append(claimed, r)
			}
		}
		if len(claimed) == 0 {
			return nil
		}
		return s.audit(ctx, tx, schoolID, a, "remind", "development_progress", 0, nil, map[string]any{"month": month, "reminders": claimed})
	})
	return claimed, annotate("教师发展提醒", err)
}

// ReleaseDevelopmentReminders takes back claims whose sending failed, so
// the next press tries them again.
func (s *Storage) ReleaseDevelopmentReminders(ctx context.Context, schoolID int64, month string, rs []DevReminder) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		for _, r := range rs {
			if _, err := tx.ExecContext(ctx, `DELETE FROM development_reminders WHERE school_id = $1 AND teacher_id = $2 AND gap = $3 AND month = $4`,
				schoolID, r.TeacherID, r.Gap, month); err != nil {
				return err
			}
		}
		return nil
	})
	return annotate("撤回教师发展提醒", err)
}
