package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
)

// 德育 notices to families (docs/conduct.md 4): a school's thresholds,
// the verified behaviour records they count, who is told, and every
// crossing told, so none is told twice.

// ConductRules lists the school's saved thresholds, oldest first; none
// saved means the default (conduct.Effective).
func (s *Storage) ConductRules(ctx context.Context, schoolID int64) ([]conduct.Rule, error) {
	var out []conduct.Rule
	err := scanAll(ctx, s.db, `SELECT id, n, days, category, tell_parents, tell_head_teacher FROM conduct_rules
		WHERE school_id = $1 ORDER BY id`, []any{schoolID}, func(r *sql.Rows) error {
		var x conduct.Rule
		if err := r.Scan(&x.ID, &x.Count, &x.Days, &x.Category, &x.TellParents, &x.TellHeadTeacher); err != nil {
			return err
		}
		out = append(out, x)
		return nil
	})
	return out, annotate("提醒规则", err)
}

// AddConductRule saves a threshold (checked again here, whatever way it
// came in) and sets its ID; audited.
func (s *Storage) AddConductRule(ctx context.Context, schoolID int64, a model.Actor, r *conduct.Rule) error {
	r.Category = strings.TrimSpace(r.Category)
	if msg := r.Check(); msg != "" {
		return errors.New(msg)
	}
	return annotate("保存提醒规则", s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO conduct_rules (school_id, n, days, category, tell_parents, tell_head_teacher, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, schoolID, r.Count, r.Days, r.Category, r.TellParents, r.TellHeadTeacher,
			nullInt(a.UserID), now()).Scan(&r.ID)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "conduct_rule", r.ID, nil, r)
	}))
}

// DeleteConductRule removes a threshold; the alerts it raised keep its
// words (rule_text). Audited with the rule removed.
func (s *Storage) DeleteConductRule(ctx context.Context, schoolID int64, a model.Actor, id int64) error {
	return annotate("删除提醒规则", s.InTx(ctx, func(tx *sql.Tx) error {
		var r conduct.Rule
		err := tx.QueryRowContext(ctx, `SELECT id, n, days, category, tell_parents, tell_head_teacher FROM conduct_rules WHERE school_id = $1 AND id = $2`,
			schoolID, id).Scan(&r.ID, &r.Count, &r.Days, &r.Category, &r.TellParents, &r.TellHeadTeacher)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM conduct_rules WHERE school_id = $1 AND id = $2`, schoolID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "delete", "conduct_rule", id, r, nil)
	}))
}

// BehaviourRecords reads the verified behaviour records of these students
// dated since (YYYY-MM-DD, "" for all): the only records conduct counts.
func (s *Storage) BehaviourRecords(ctx context.Context, schoolID int64, studentIDs []int64, since string) ([]conduct.Record, error) {
	var out []conduct.Record
	for lo := 0; lo < len(studentIDs); lo += 500 {
		w := schoolWhere("school_id", schoolID)
		w.add("kind = ?", string(model.EvidenceBehaviour))
		w.add("status = ?", string(model.EvidenceVerified))
		w.add("occurred_on >= ?", since)
		w.in("student_id", studentIDs[lo:min(lo+500, len(studentIDs))])
		err := scanAll(ctx, s.db, `SELECT id, student_id, title, category, points, occurred_on FROM evidence`+w.sql()+` ORDER BY student_id, occurred_on, id`,
			w.args, func(r *sql.Rows) error {
				var x conduct.Record
				if err := r.Scan(&x.ID, &x.StudentID, &x.Title, &x.Category, &x.Points, &x.Date); err != nil {
					return err
				}
				out = append(out, x)
				return nil
			})
		if err != nil {
			return nil, annotate("行为记录", err)
		}
	}
	return out, nil
}

// Recipients are who hears of one student's crossing: the accounts of
// the student's guardians and of the class's head teacher.
type Recipients struct {
	Name         string
	ClassName    string
	Parents      []int64
	HeadTeachers []int64
}

// ConductRecipients reads, in one query, each student's name and class
// with the enabled accounts of their guardians and head teacher.
func (s *Storage) ConductRecipients(ctx context.Context, schoolID int64, studentIDs []int64) (map[int64]*Recipients, error) {
	out := map[int64]*Recipients{}
	w := schoolWhere("st.school_id", schoolID)
	w.in("st.id", studentIDs)
	q := `SELECT st.id, st.name, c.name, 'p', u.id FROM students st JOIN classes c ON c.school_id = st.school_id AND c.id = st.class_id
		LEFT JOIN student_guardians sg ON sg.school_id = st.school_id AND sg.student_id = st.id
		LEFT JOIN users u ON u.school_id = sg.school_id AND u.guardian_id = sg.guardian_id AND NOT u.disabled` + w.sql() + `
		UNION ALL SELECT st.id, st.name, c.name, 'h', u.id FROM students st JOIN classes c ON c.school_id = st.school_id AND c.id = st.class_id
		JOIN users u ON u.school_id = c.school_id AND u.teacher_id = c.head_teacher_id AND NOT u.disabled` + w.sql() + ` ORDER BY 1, 4, 5`
	err := scanAll(ctx, s.db, q, w.args, func(r *sql.Rows) error {
		var id int64
		var name, class, kind string
		var user sql.NullInt64
		if err := r.Scan(&id, &name, &class, &kind, &user); err != nil {
			return err
		}
		x := out[id]
		if x == nil {
			x = &Recipients{Name: name, ClassName: class}
			out[id] = x
		}
		switch {
		case !user.Valid:
		case kind == "p":
			x.Parents = append(x.Parents, user.Int64)
		default:
			x.HeadTeachers = append(x.HeadTeachers, user.Int64)
		}
		return nil
	})
	return out, annotate("通知对象", err)
}

// ConductAlert is one crossing told.
type ConductAlert struct {
	ID           int64     `json:"id"`
	StudentID    int64     `json:"student_id"`
	RuleID       int64     `json:"rule_id"`
	RuleText     string    `json:"rule"`
	From         string    `json:"window_from"`
	To           string    `json:"window_to"`
	Count        int       `json:"count"`
	LastRecordID int64     `json:"-"`
	Channel      string    `json:"channel"`
	Recipients   int       `json:"recipients"`
	Parents      bool      `json:"-"` // the parents were told
	SentAt       time.Time `json:"sent_at"`
}

// ConductAlerts lists the alerts of these students whose window ends on
// or after since, newest first.
func (s *Storage) ConductAlerts(ctx context.Context, schoolID int64, studentIDs []int64, since string) ([]ConductAlert, error) {
	w := schoolWhere("school_id", schoolID)
	w.in("student_id", studentIDs)
	w.add("window_to >= ?", since)
	var out []ConductAlert
	err := scanAll(ctx, s.db, `SELECT id, student_id, rule_id, rule_text, window_from, window_to, n, last_record_id, channel, recipients, parents, sent_at
		FROM conduct_alerts`+w.sql()+` ORDER BY sent_at DESC, id DESC`, w.args, func(r *sql.Rows) error {
		var x ConductAlert
		if err := r.Scan(&x.ID, &x.StudentID, &x.RuleID, &x.RuleText, &x.From, &x.To, &x.Count, &x.LastRecordID, &x.Channel, &x.Recipients, &x.Parents, &x.SentAt); err != nil {
			return err
		}
		x.SentAt = x.SentAt.UTC()
		out = append(out, x)
		return nil
	})
	return out, annotate("提醒记录", err)
}

// ConductMarkers says, per student and rule, where the last alert ended.
func ConductMarkers(alerts []ConductAlert) map[conduct.Key]conduct.Marker {
	out := map[conduct.Key]conduct.Marker{}
	for _, a := range alerts {
		k := conduct.Key{StudentID: a.StudentID, RuleID: a.RuleID}
		m := out[k]
		if a.To > m.Date || (a.To == m.Date && a.LastRecordID > m.RecordID) {
			out[k] = conduct.Marker{Date: a.To, RecordID: a.LastRecordID}
		}
	}
	return out
}

// ClaimConductAlert records a crossing about to be told, with its audit
// line, in one transaction; false when the same crossing was claimed
// already (another review raced this one), so it is told once.
func (s *Storage) ClaimConductAlert(ctx context.Context, schoolID int64, a model.Actor, x *ConductAlert) (bool, error) {
	claimed := false
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		x.SentAt = now()
		err := tx.QueryRowContext(ctx, `INSERT INTO conduct_alerts (school_id, student_id, rule_id, rule_text, window_from, window_to, n, last_record_id, channel, recipients, parents, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (school_id, student_id, rule_id, last_record_id) DO NOTHING RETURNING id`,
			schoolID, x.StudentID, x.RuleID, x.RuleText, x.From, x.To, x.Count, x.LastRecordID, x.Channel, x.Recipients, x.Parents, x.SentAt).Scan(&x.ID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		claimed = true
		return s.audit(ctx, tx, schoolID, a, "notify", "conduct_alert", x.ID, nil, x)
	})
	return claimed, annotate("记录提醒", err)
}

// ReleaseConductAlert takes back a claim whose sending failed, so the
// next record tries again; audited, because the claim was.
func (s *Storage) ReleaseConductAlert(ctx context.Context, schoolID int64, a model.Actor, id int64, why string) error {
	return annotate("撤回提醒", s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM conduct_alerts WHERE school_id = $1 AND id = $2`, schoolID, id); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "notify_failed", "conduct_alert", id, nil, map[string]string{"error": why})
	}))
}

// termSince is the first day counted for a school's conduct: the current
// term's start, or a year ago without a current term.
func (s *Storage) termSince(ctx context.Context, schoolID int64) (string, error) {
	t, err := s.CurrentTerm(ctx, schoolID)
	if errors.Is(err, ErrNotFound) || (err == nil && t.StartDate == "") {
		return schoolDay(time.Now().AddDate(-1, 0, 0)), nil
	}
	if err != nil {
		return "", fmt.Errorf("当前学期: %w", err)
	}
	return t.StartDate, nil
}
