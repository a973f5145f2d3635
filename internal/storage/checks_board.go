package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// Daily checks (班级量化), the board: publishing a day, the standings of a
// period from published days, and the 流动红旗. The scores themselves are
// computed by internal/conduct from the entries, never stored, except the
// flags, which keep the score they were awarded on.

// CheckClasses are the classes the checks cover: those with students
// enrolled (在籍), newest grade first, by name.
func (s *Storage) CheckClasses(ctx context.Context, schoolID int64) ([]conduct.CheckClass, error) {
	return s.checkClasses(ctx, s.db, schoolID)
}

func (s *Storage) checkClasses(ctx context.Context, q querier, schoolID int64) ([]conduct.CheckClass, error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, c.name, h.entry_year FROM classes c JOIN cohorts h ON h.school_id = c.school_id AND h.id = c.cohort_id
		WHERE c.school_id = $1 AND EXISTS (SELECT 1 FROM students st WHERE st.school_id = c.school_id AND st.class_id = c.id AND st.enrollment_status = '在籍')
		ORDER BY h.entry_year DESC, `+s.zh("c.name"), schoolID)
	if err != nil {
		return nil, fmt.Errorf("check classes: %w", err)
	}
	defer rows.Close()
	var out []conduct.CheckClass
	for rows.Next() {
		var c conduct.CheckClass
		if err := rows.Scan(&c.ID, &c.Name, &c.Grade); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// CheckDayState is whether a day is published, and when.
type CheckDayState struct {
	Published   bool
	PublishedAt time.Time
	Entries     int // entries of the day
	Waiting     int // council entries waiting for confirmation
}

// CheckDay reads a day's state.
func (s *Storage) CheckDay(ctx context.Context, schoolID int64, day string) (CheckDayState, error) {
	return s.checkDay(ctx, s.db, schoolID, day)
}

func (s *Storage) checkDay(ctx context.Context, q querier, schoolID int64, day string) (CheckDayState, error) {
	var st CheckDayState
	err := q.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN confirmed THEN 0 ELSE 1 END), 0) FROM check_entries WHERE school_id = $1 AND day = $2`,
		schoolID, day).Scan(&st.Entries, &st.Waiting)
	if err != nil {
		return st, fmt.Errorf("check day: %w", err)
	}
	rows, err := q.QueryContext(ctx, `SELECT published_at FROM check_days WHERE school_id = $1 AND day = $2`, schoolID, day)
	if err != nil {
		return st, fmt.Errorf("check day: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		st.Published = true
		if err := rows.Scan(&st.PublishedAt); err != nil {
			return st, err
		}
	}
	return st, rows.Err()
}

// PublishedCheckDays lists the published days between from and to.
func (s *Storage) PublishedCheckDays(ctx context.Context, schoolID int64, from, to string) ([]string, error) {
	return s.publishedDays(ctx, s.db, schoolID, from, to)
}

func (s *Storage) publishedDays(ctx context.Context, q querier, schoolID int64, from, to string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT day FROM check_days WHERE school_id = $1 AND day >= $2 AND day <= $3 ORDER BY day`, schoolID, from, to)
	if err != nil {
		return nil, fmt.Errorf("published check days: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// CheckStandings scores and ranks every checked class over the published
// days between from and to (conduct.Standings). It also returns the days
// counted. A fixed number of statements, however many classes and days.
func (s *Storage) CheckStandings(ctx context.Context, schoolID int64, from, to string) ([]conduct.Standing, []string, error) {
	return s.checkStandings(ctx, s.db, schoolID, from, to, false)
}

// CheckDayPreview scores one day whether published or not, from its
// confirmed entries: what checkers and managers see before publishing.
func (s *Storage) CheckDayPreview(ctx context.Context, schoolID int64, day string) ([]conduct.Standing, error) {
	ss, _, err := s.checkStandings(ctx, s.db, schoolID, day, day, true)
	return ss, err
}

// LatestCheckDay is the last published day up to and including upTo, ""
// when none.
func (s *Storage) LatestCheckDay(ctx context.Context, schoolID int64, upTo string) (string, error) {
	var d sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT MAX(day) FROM check_days WHERE school_id = $1 AND day <= $2`, schoolID, upTo).Scan(&d)
	return d.String, annotate("latest check day", err)
}

// checkStandings scores the published days between from and to; preview
// scores the one day from whether published or not.
func (s *Storage) checkStandings(ctx context.Context, q querier, schoolID int64, from, to string, preview bool) ([]conduct.Standing, []string, error) {
	days, err := s.publishedDays(ctx, q, schoolID, from, to)
	if preview {
		days, to = []string{from}, from
	}
	if err != nil || len(days) == 0 {
		return nil, days, err
	}
	set, err := s.checkSettings(ctx, q, schoolID)
	if err != nil {
		return nil, nil, err
	}
	classes, err := s.checkClasses(ctx, q, schoolID)
	if err != nil {
		return nil, nil, err
	}
	caps := map[int64]float64{}
	rows, err := q.QueryContext(ctx, `SELECT id, max_daily FROM check_items WHERE school_id = $1`, schoolID)
	if err != nil {
		return nil, nil, fmt.Errorf("check caps: %w", err)
	}
	for rows.Next() {
		var id int64
		var m float64
		if err := rows.Scan(&id, &m); err != nil {
			rows.Close()
			return nil, nil, err
		}
		caps[id] = m
	}
	rows.Close()
	// One row per day, item and class: the sum the item's cap applies to.
	join := ` JOIN check_days d ON d.school_id = e.school_id AND d.day = e.day`
	if preview {
		join = ""
	}
	rows, err = q.QueryContext(ctx, `SELECT e.day, e.item_id, e.class_id, SUM(e.points) FROM check_entries e`+join+`
		WHERE e.school_id = $1 AND e.day >= $2 AND e.day <= $3 AND e.confirmed = TRUE
		GROUP BY e.day, e.item_id, e.class_id`, schoolID, from, to)
	if err != nil {
		return nil, nil, fmt.Errorf("check sums: %w", err)
	}
	defer rows.Close()
	var entries []conduct.CheckEntry
	for rows.Next() {
		var e conduct.CheckEntry
		if err := rows.Scan(&e.Day, &e.ItemID, &e.ClassID, &e.Points); err != nil {
			return nil, nil, err
		}
		entries = append(entries, e)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return conduct.Standings(set.BaseScore, caps, classes, days, entries), days, nil
}

// PublishCheckDay publishes a day's results to the board. today is the
// school's date: a future day is refused, so is a day without entries or
// with council entries still waiting. Publishing the week's Friday (or a
// later day of the week) awards the week's 流动红旗 in the same
// transaction.
func (s *Storage) PublishCheckDay(ctx context.Context, schoolID int64, a model.Actor, day, today string) error {
	if !validate.IsDate(day) {
		return refusal("请选择要公布的日期")
	}
	if day > today {
		return refusal("不能公布今天以后的日期")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		st, err := s.checkDay(ctx, tx, schoolID, day)
		switch {
		case err != nil:
			return err
		case st.Published:
			return refusal("该日检查结果已经公布")
		case st.Entries == 0:
			return refusal("该日还没有任何检查记录：请先录入检查结果再公布")
		case st.Waiting > 0:
			return refusal(fmt.Sprintf("还有 %d 条学生会录入的记录等待值周教师确认", st.Waiting))
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_days (school_id, day, published_by, published_at) VALUES ($1, $2, $3, $4)`,
			schoolID, day, nullInt(a.UserID), now()); err != nil {
			return fmt.Errorf("publish check day: %w", err)
		}
		if err := s.audit(ctx, tx, schoolID, a, "publish", "check_day", 0, nil, map[string]any{"day": day, "entries": st.Entries}); err != nil {
			return err
		}
		if weekEnds(day) {
			_, err = s.awardFlags(ctx, tx, schoolID, a, conduct.WeekOf(day))
		}
		return err
	})
	return checkErr("publish check day", err)
}

// weekEnds reports whether day is the week's last school day (Friday) or
// after it.
func weekEnds(day string) bool {
	t, err := time.Parse(time.DateOnly, day)
	return err == nil && (t.Weekday() == time.Friday || t.Weekday() == time.Saturday || t.Weekday() == time.Sunday)
}

// AwardCheckFlags (颁发) awards a week's 流动红旗 from its published days,
// replacing the week's earlier award, and returns how many classes won.
func (s *Storage) AwardCheckFlags(ctx context.Context, schoolID int64, a model.Actor, week string) (int, error) {
	var n int
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = s.awardFlags(ctx, tx, schoolID, a, conduct.WeekOf(week))
		return err
	})
	return n, checkErr("award check flags", err)
}

func (s *Storage) awardFlags(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, monday string) (int, error) {
	first, last := conduct.WeekDays(monday)
	if first == "" {
		return 0, refusal("请选择一周")
	}
	ss, days, err := s.checkStandings(ctx, tx, schoolID, first, last, false)
	if err != nil {
		return 0, err
	}
	if len(days) == 0 {
		return 0, refusal("这一周还没有公布的检查结果，不能颁发流动红旗")
	}
	set, err := s.checkSettings(ctx, tx, schoolID)
	if err != nil {
		return 0, err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM check_flags WHERE school_id = $1 AND week = $2`, schoolID, monday); err != nil {
		return 0, err
	}
	flags := conduct.Flags(ss, set.FlagsPerGrade)
	at := now()
	var won []string
	for _, f := range flags {
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_flags (school_id, week, class_id, entry_year, score, grade_rank, awarded_by, awarded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			schoolID, monday, f.ID, f.Grade, f.Score, f.GradeRank, nullInt(a.UserID), at); err != nil {
			return 0, fmt.Errorf("check flag: %w", err)
		}
		won = append(won, f.Name)
	}
	return len(flags), s.audit(ctx, tx, schoolID, a, "award", "check_flag", 0, nil, map[string]any{"week": monday, "days": days, "classes": won})
}

// CheckFlag is one 流动红旗 a class won.
type CheckFlag struct {
	Week      string  `json:"week"`
	ClassID   int64   `json:"class_id"`
	ClassName string  `json:"class"`
	Grade     int     `json:"grade"`
	Score     float64 `json:"score"`
	GradeRank int     `json:"grade_rank"`
}

// CheckFlags lists the flags of the weeks between from and to (their
// Mondays), newest week first; classID 0 for every class.
func (s *Storage) CheckFlags(ctx context.Context, schoolID, classID int64, from, to string) ([]CheckFlag, error) {
	w := schoolWhere("f.school_id", schoolID)
	w.add("f.week >= ?", from)
	w.add("f.week <= ?", to)
	if classID != 0 {
		w.add("f.class_id = ?", classID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.week, f.class_id, c.name, f.entry_year, f.score, f.grade_rank
		FROM check_flags f JOIN classes c ON c.school_id = f.school_id AND c.id = f.class_id`+w.sql()+` ORDER BY f.week DESC, f.entry_year DESC, `+s.zh("c.name"), w.args...)
	if err != nil {
		return nil, fmt.Errorf("check flags: %w", err)
	}
	defer rows.Close()
	var out []CheckFlag
	for rows.Next() {
		var f CheckFlag
		if err := rows.Scan(&f.Week, &f.ClassID, &f.ClassName, &f.Grade, &f.Score, &f.GradeRank); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
