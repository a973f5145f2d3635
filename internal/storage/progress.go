package storage

import (
	"context"
	"fmt"
	"strings"

	"zhijiao/internal/model"
)

// The drill-down of a cycle's progress (进度): per class and rater role,
// then, for one class, every rater who has not finished and what they
// lack. Admins see raters by name — peers are anonymous to the rated
// student only, never to the school.

// ClassTask is one task of a class with its rater and how far the rater's
// current sheet is (Filled items, Done when complete).
type ClassTask struct {
	Role        model.RaterRole
	RaterID     int64
	StudentID   int64
	StudentName string
	StudentNo   string
	Filled      int
	Done        bool
}

// ClassTasks lists every task of one class of a cycle (the students of the
// class as rated students), by role, rater and student number.
func (s *Storage) ClassTasks(ctx context.Context, schoolID, cycleID, classID int64) ([]ClassTask, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.rater_role, t.rater_id, t.student_id, s.name, s.student_no, COALESCE(r.item_count, 0), COALESCE(r.complete, FALSE)
		FROM rating_tasks t JOIN students s ON s.school_id = t.school_id AND s.id = t.student_id
		LEFT JOIN rating_sheets r ON r.school_id = t.school_id AND r.cycle_id = t.cycle_id AND r.rater_role = t.rater_role
			AND r.rater_id = t.rater_id AND r.student_id = t.student_id AND r.superseded = FALSE
		WHERE t.school_id = $1 AND t.cycle_id = $2 AND t.class_id = $3 ORDER BY t.rater_role, t.rater_id, s.student_no`, schoolID, cycleID, classID)
	if err != nil {
		return nil, fmt.Errorf("ClassTasks: %w", err)
	}
	defer rows.Close()
	var out []ClassTask
	for rows.Next() {
		var t ClassTask
		var role string
		if err := rows.Scan(&role, &t.RaterID, &t.StudentID, &t.StudentName, &t.StudentNo, &t.Filled, &t.Done); err != nil {
			return nil, fmt.Errorf("ClassTasks: %w", err)
		}
		t.Role = model.RaterRole(role)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RaterNames names raters of one role as the school knows them: students
// (self and peer) and teachers by name, mentors by name and enterprise,
// parents by the guardian's name and their children ("王芳（张一的家长）").
func (s *Storage) RaterNames(ctx context.Context, schoolID int64, role model.RaterRole, ids []int64) (map[int64]string, error) {
	out := map[int64]string{}
	if len(ids) == 0 {
		return out, nil
	}
	var q, col string
	switch role {
	case model.RaterSelf, model.RaterPeer:
		q, col = `SELECT x.id, x.name, '' FROM students x`, "x"
	case model.RaterHeadTeacher, model.RaterSubjectTeacher:
		q, col = `SELECT x.id, x.name, '' FROM teachers x`, "x"
	case model.RaterMentor:
		q, col = `SELECT x.id, x.name, e.name FROM mentors x JOIN enterprises e ON e.school_id = x.school_id AND e.id = x.enterprise_id`, "x"
	case model.RaterParent:
		q, col = `SELECT x.id, x.name, s.name FROM guardians x
			JOIN student_guardians sg ON sg.school_id = x.school_id AND sg.guardian_id = x.id
			JOIN students s ON s.school_id = sg.school_id AND s.id = sg.student_id`, "x"
	default:
		return out, nil
	}
	w := schoolWhere(col+".school_id", schoolID)
	w.in(col+".id", ids)
	rows, err := s.db.QueryContext(ctx, q+w.sql()+` ORDER BY 1, 3`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("RaterNames: %w", err)
	}
	defer rows.Close()
	names := map[int64]string{}
	extra := map[int64][]string{}
	var order []int64
	for rows.Next() {
		var id int64
		var name, more string
		if err := rows.Scan(&id, &name, &more); err != nil {
			return nil, fmt.Errorf("RaterNames: %w", err)
		}
		if _, ok := names[id]; !ok {
			order = append(order, id)
		}
		names[id] = name
		if more != "" {
			extra[id] = append(extra[id], more)
		}
	}
	for _, id := range order {
		switch {
		case role == model.RaterParent && len(extra[id]) > 0:
			out[id] = names[id] + "（" + strings.Join(extra[id], "、") + "的家长）"
		case len(extra[id]) > 0:
			out[id] = names[id] + "（" + extra[id][0] + "）"
		default:
			out[id] = names[id]
		}
	}
	return out, rows.Err()
}

// TaskState is one task of a cycle with how far its sheet is: for the
// progress pages, which aggregate one read of every task in Go instead of
// asking the database twice per task (done? draft?) in every aggregate.
type TaskState struct {
	ClassID int64
	Role    model.RaterRole
	RaterID int64
	Done    bool
	Draft   bool
}

// TaskStates reads every task of a cycle with its sheet's state, in one
// pass over the tasks and the current sheets.
func (s *Storage) TaskStates(ctx context.Context, schoolID, cycleID int64) ([]TaskState, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.class_id, t.rater_role, t.rater_id, CASE WHEN r.complete IS NULL THEN 0 WHEN r.complete THEN 2 ELSE 1 END
		FROM rating_tasks t LEFT JOIN rating_sheets r ON r.school_id = t.school_id AND r.cycle_id = t.cycle_id AND r.rater_role = t.rater_role
			AND r.rater_id = t.rater_id AND r.student_id = t.student_id AND r.superseded = FALSE
		WHERE t.school_id = $1 AND t.cycle_id = $2`, schoolID, cycleID)
	if err != nil {
		return nil, fmt.Errorf("TaskStates: %w", err)
	}
	defer rows.Close()
	out := make([]TaskState, 0, 1024)
	var role string
	var state int
	for rows.Next() {
		var t TaskState
		if err := rows.Scan(&t.ClassID, &role, &t.RaterID, &state); err != nil {
			return nil, fmt.Errorf("TaskStates: %w", err)
		}
		t.Role, t.Done, t.Draft = model.RaterRole(role), state == 2, state == 1
		out = append(out, t)
	}
	return out, rows.Err()
}
