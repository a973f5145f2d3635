package storage

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"zhijiao/internal/model"
)

// What the portraits read besides the score means of portrait_scores.go:
// the totals and levels of a group, how far its rating tasks got, one
// student's results across cycles and the teachers' 评语.

// GroupResult is one student's total and level in a cycle.
type GroupResult struct {
	StudentID int64       `json:"student_id"`
	ClassID   int64       `json:"class_id"`
	Total     float64     `json:"total"`
	Level     model.Level `json:"level"`
	Complete  bool        `json:"complete"`
}

// groupWhere scopes a query on alias a to a school, a cycle and, when
// classIDs is not nil, to those classes.
func groupWhere(a string, schoolID, cycleID int64, classIDs []int64) *where {
	w := schoolWhere(a+".school_id", schoolID)
	w.add(a+".cycle_id = ?", cycleID)
	if classIDs != nil {
		w.in(a+".class_id", classIDs)
	}
	return w
}

// GroupResults lists the totals and levels of a cycle's results in
// classIDs (nil: every class), without the detail.
func (s *Storage) GroupResults(ctx context.Context, schoolID, cycleID int64, classIDs []int64) ([]GroupResult, error) {
	w := groupWhere("r", schoolID, cycleID, classIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT r.student_id, r.class_id, r.total, r.level, r.complete FROM results r`+w.sql()+` ORDER BY r.student_id`, w.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []GroupResult
	for rows.Next() {
		var g GroupResult
		var lv string
		if err := rows.Scan(&g.StudentID, &g.ClassID, &g.Total, &lv, &g.Complete); err != nil {
			return nil, err
		}
		g.Level = model.Level(lv)
		out = append(out, g)
	}
	return out, rows.Err()
}

// GroupCompletion counts a cycle's rating tasks per rater role in classIDs
// (nil: every class): Done are the tasks with at least one rating. The
// done tasks are the distinct (role, rater, student) of the ratings —
// ratings are only accepted for assigned tasks — counted in one pass over
// the ratings instead of one probe per task.
func (s *Storage) GroupCompletion(ctx context.Context, schoolID, cycleID int64, classIDs []int64) ([]Progress, error) {
	tw := groupWhere("t", schoolID, cycleID, classIDs)
	rows, err := s.db.QueryContext(ctx, `SELECT t.rater_role, COUNT(*) FROM rating_tasks t`+tw.sql()+` GROUP BY t.rater_role`, tw.args...)
	if err != nil {
		return nil, err
	}
	total := map[string]int{}
	var order []string
	for rows.Next() {
		var role string
		var n int
		if err := rows.Scan(&role, &n); err != nil {
			rows.Close()
			return nil, err
		}
		total[role] = n
		order = append(order, role)
	}
	if err := rows.Close(); err != nil {
		return nil, err
	}
	rw := schoolWhere("r.school_id", schoolID)
	rw.add("r.cycle_id = ?", cycleID)
	from := ` FROM ratings r`
	if classIDs != nil {
		from += ` JOIN students s ON s.school_id = r.school_id AND s.id = r.student_id`
		rw.in("s.class_id", classIDs)
	}
	done := map[string]int{}
	rows, err = s.db.QueryContext(ctx, `SELECT rater_role, COUNT(*) FROM (SELECT DISTINCT r.rater_role, r.rater_id, r.student_id`+from+rw.sql()+`) d GROUP BY rater_role`, rw.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		var n int
		if err := rows.Scan(&role, &n); err != nil {
			return nil, err
		}
		done[role] = n
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]Progress, 0, len(order))
	for _, role := range order {
		out = append(out, Progress{Role: model.RaterRole(role), Done: min(done[role], total[role]), Total: total[role]})
	}
	return out, nil
}

// StudentCycleScores is one student's result in one cycle: total, level
// and every dimension and indicator score (rated ones only).
type StudentCycleScores struct {
	CycleID int64
	ClassID int64
	Total   float64
	Level   model.Level
	Scores  []ScoreMean // Mean is the student's score, Count 1
}

// StudentScores reads a student's result in a cycle without the detail;
// ErrNotFound when the student has none.
func (s *Storage) StudentScores(ctx context.Context, schoolID, cycleID, studentID int64) (StudentCycleScores, error) {
	out := StudentCycleScores{CycleID: cycleID}
	var lv string
	err := s.db.QueryRowContext(ctx, `SELECT class_id, total, level FROM results WHERE school_id = $1 AND cycle_id = $2 AND student_id = $3`,
		schoolID, cycleID, studentID).Scan(&out.ClassID, &out.Total, &lv)
	if errors.Is(err, sql.ErrNoRows) {
		return out, ErrNotFound
	}
	if err != nil {
		return out, err
	}
	out.Level = model.Level(lv)
	if err := s.ensureResultScores(ctx, schoolID, cycleID); err != nil {
		return out, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT kind, code, score FROM result_scores WHERE school_id = $1 AND cycle_id = $2 AND student_id = $3 AND rated ORDER BY kind, code`,
		schoolID, cycleID, studentID)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		m := ScoreMean{Count: 1}
		if err := rows.Scan(&m.Kind, &m.Code, &m.Mean); err != nil {
			return out, err
		}
		out.Scores = append(out.Scores, m)
	}
	return out, rows.Err()
}

// TeacherComment is a 评语 of a head teacher, subject teacher or
// enterprise mentor on a student in a cycle: the comment of the rater's
// latest rating row (a form submits one comment with every indicator).
type TeacherComment struct {
	Role      model.RaterRole `json:"role"`
	RaterName string          `json:"rater_name"`
	Comment   string          `json:"comment"`
	At        time.Time       `json:"at"`
}

// StudentComments lists the teachers' and mentors' comments on a student
// in a cycle, by role and time. Self, peer and parent comments are not
// read here: a portrait never shows who among the classmates said what.
func (s *Storage) StudentComments(ctx context.Context, schoolID, cycleID, studentID int64) ([]TeacherComment, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.rater_role, COALESCE(t.name, m.name, ''), r.comment, r.created_at
		FROM ratings r
		LEFT JOIN teachers t ON r.rater_role IN ('head_teacher', 'subject_teacher') AND t.school_id = r.school_id AND t.id = r.rater_id
		LEFT JOIN mentors m ON r.rater_role = 'mentor' AND m.school_id = r.school_id AND m.id = r.rater_id
		WHERE r.school_id = $1 AND r.cycle_id = $2 AND r.student_id = $3 AND r.rater_role IN ('head_teacher', 'subject_teacher', 'mentor')
		AND r.id = (SELECT MAX(x.id) FROM ratings x WHERE x.school_id = r.school_id AND x.cycle_id = r.cycle_id AND x.student_id = r.student_id
			AND x.rater_role = r.rater_role AND x.rater_id = r.rater_id)
		AND r.comment <> ''
		ORDER BY CASE r.rater_role WHEN 'head_teacher' THEN 0 WHEN 'subject_teacher' THEN 1 ELSE 2 END, r.created_at`, schoolID, cycleID, studentID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []TeacherComment
	for rows.Next() {
		var c TeacherComment
		var role string
		if err := rows.Scan(&role, &c.RaterName, &c.Comment, &c.At); err != nil {
			return nil, err
		}
		c.Role, c.At = model.RaterRole(role), c.At.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}
