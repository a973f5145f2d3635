package storage

import (
	"context"
	"strings"

	"zhijiao/internal/model"
)

// The drill-down of a cycle's progress (进度): per class and rater role,
// then, for one class, every rater who has not finished and what they
// lack. Admins see raters by name — peers are anonymous to the rated
// student only, never to the school.

// ProgressByClassRole is done/drafts/total tasks per class and rater role
// of a cycle, by class and role.
func (s *Storage) ProgressByClassRole(ctx context.Context, schoolID, cycleID int64) ([]Progress, error) {
	return s.progress(ctx, `SELECT t.class_id, t.rater_role, 0, SUM(`+taskDone+`), SUM(`+taskDraft+`), COUNT(*) FROM rating_tasks t
		WHERE t.school_id = $1 AND t.cycle_id = $2 GROUP BY t.class_id, t.rater_role ORDER BY t.class_id, t.rater_role`, schoolID, cycleID)
}

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
		return nil, err
	}
	defer rows.Close()
	var out []ClassTask
	for rows.Next() {
		var t ClassTask
		var role string
		if err := rows.Scan(&role, &t.RaterID, &t.StudentID, &t.StudentName, &t.StudentNo, &t.Filled, &t.Done); err != nil {
			return nil, err
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
		return nil, err
	}
	defer rows.Close()
	names := map[int64]string{}
	extra := map[int64][]string{}
	var order []int64
	for rows.Next() {
		var id int64
		var name, more string
		if err := rows.Scan(&id, &name, &more); err != nil {
			return nil, err
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
