package storage

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/model"
)

// What the portraits read besides the class summaries of
// portrait_summaries.go: the totals and levels of a group and the
// teachers' 评语 on a student.

// GroupResult is one student's total and level in a cycle. An
// Incomplete one (待补评) has neither: group figures count it apart.
type GroupResult struct {
	StudentID  int64       `json:"student_id"`
	ClassID    int64       `json:"class_id"`
	Total      float64     `json:"total"`
	Level      model.Level `json:"level"`
	Complete   bool        `json:"complete"`
	Incomplete bool        `json:"incomplete,omitempty"`
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
	rows, err := s.db.QueryContext(ctx, `SELECT r.student_id, r.class_id, r.total, r.level, r.complete, r.incomplete FROM results r`+w.sql()+` ORDER BY r.student_id`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("GroupResults: %w", err)
	}
	defer rows.Close()
	var out []GroupResult
	for rows.Next() {
		var g GroupResult
		var lv string
		if err := rows.Scan(&g.StudentID, &g.ClassID, &g.Total, &lv, &g.Complete, &g.Incomplete); err != nil {
			return nil, fmt.Errorf("GroupResults: %w", err)
		}
		g.Level = model.Level(lv)
		out = append(out, g)
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
	rows, err := s.db.QueryContext(ctx, `SELECT r.rater_role, COALESCE(t.name, m.name, ''), r.items, r.created_at
		FROM rating_sheets r
		LEFT JOIN teachers t ON r.rater_role IN ('head_teacher', 'subject_teacher') AND t.school_id = r.school_id AND t.id = r.rater_id
		LEFT JOIN mentors m ON r.rater_role = 'mentor' AND m.school_id = r.school_id AND m.id = r.rater_id
		WHERE r.school_id = $1 AND r.cycle_id = $2 AND r.student_id = $3 AND r.rater_role IN ('head_teacher', 'subject_teacher', 'mentor')
		AND r.superseded = FALSE AND r.complete = TRUE
		ORDER BY CASE r.rater_role WHEN 'head_teacher' THEN 0 WHEN 'subject_teacher' THEN 1 ELSE 2 END, r.created_at`, schoolID, cycleID, studentID)
	if err != nil {
		return nil, fmt.Errorf("StudentComments: %w", err)
	}
	defer rows.Close()
	var out []TeacherComment
	var raw sql.RawBytes
	for rows.Next() {
		var c TeacherComment
		var role string
		if err := rows.Scan(&role, &c.RaterName, &raw, &c.At); err != nil {
			return nil, fmt.Errorf("StudentComments: %w", err)
		}
		if c.Comment, err = sheetComment(raw); err != nil {
			return nil, err
		}
		if c.Comment == "" {
			continue
		}
		c.Role, c.At = model.RaterRole(role), c.At.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// sheetComment is the comment of a rater's current sheet: the form and the
// grid write one comment with every item, so the first non-empty one.
func sheetComment(raw []byte) (string, error) {
	items, err := decodeSheet(raw)
	if err != nil {
		return "", err
	}
	for _, it := range items {
		if it.comment != "" {
			return it.comment, nil
		}
	}
	return "", nil
}
