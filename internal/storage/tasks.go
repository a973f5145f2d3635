package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// EvalOrganisation loads what eval.Tasks needs for a cycle: the classes of
// the cycle's scope with their enrolled (在籍) students and head teachers,
// the teaching assignments of the cycle's term, mentors' apprentices and
// guardians (placements still running when the term starts). Seed, PeerCount and CycleID are filled from the cycle.
func (s *Storage) EvalOrganisation(ctx context.Context, schoolID int64, c EvalCycle) (eval.TaskInput, error) {
	in := eval.TaskInput{CycleID: c.ID, Seed: uint64(c.Seed), PeerCount: c.PeerCount}
	scope := ``
	args := []any{schoolID}
	switch c.ScopeKind {
	case ScopeDepartment:
		scope = ` AND c.major_id IN (SELECT id FROM majors WHERE school_id = $1 AND department_id = $2)`
		args = append(args, c.ScopeID)
	case ScopeCohort:
		scope = ` AND c.cohort_id = $2`
		args = append(args, c.ScopeID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, COALESCE(c.head_teacher_id, 0), s.id FROM classes c
		JOIN students s ON s.school_id = c.school_id AND s.class_id = c.id AND s.enrollment_status = '在籍'
		WHERE c.school_id = $1`+scope+` ORDER BY c.id, s.id`, args...)
	if err != nil {
		return in, fmt.Errorf("EvalOrganisation: %w", err)
	}
	for rows.Next() {
		var cls, head, st int64
		if err := rows.Scan(&cls, &head, &st); err != nil {
			rows.Close()
			return in, err
		}
		if n := len(in.Classes); n == 0 || in.Classes[n-1].ClassID != cls {
			in.Classes = append(in.Classes, eval.ClassRoster{ClassID: cls, HeadTeacherID: head})
		}
		r := &in.Classes[len(in.Classes)-1]
		r.StudentIDs = append(r.StudentIDs, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return in, fmt.Errorf("EvalOrganisation: %w", err)
	}
	pairs := func(q string, args []any, add func(a, b int64)) error {
		rows, err := s.db.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("EvalOrganisation: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var x, y int64
			if err := rows.Scan(&x, &y); err != nil {
				return fmt.Errorf("EvalOrganisation: %w", err)
			}
			add(x, y)
		}
		return rows.Err()
	}
	if err := pairs(`SELECT DISTINCT teacher_id, class_id FROM teaching_assignments WHERE school_id = $1 AND term_id = $2 ORDER BY 1, 2`, []any{schoolID, c.TermID},
		func(a, b int64) { in.Teaching = append(in.Teaching, eval.Teaching{TeacherID: a, ClassID: b}) }); err != nil {
		return in, err
	}
	// Placements that ended before the term began do not rate.
	if err := pairs(`SELECT DISTINCT mentor_id, student_id FROM placements WHERE school_id = $1
		AND (end_date = '' OR end_date >= (SELECT start_date FROM terms WHERE school_id = $1 AND id = $2)) ORDER BY 1, 2`, []any{schoolID, c.TermID},
		func(a, b int64) { in.Mentors = append(in.Mentors, eval.Apprenticeship{MentorID: a, StudentID: b}) }); err != nil {
		return in, err
	}
	if err := pairs(`SELECT guardian_id, student_id FROM student_guardians WHERE school_id = $1 ORDER BY 1, 2`, []any{schoolID},
		func(a, b int64) { in.Parents = append(in.Parents, eval.Guardianship{GuardianID: a, StudentID: b}) }); err != nil {
		return in, err
	}
	return in, nil
}

// OpenCycle stores the cycle's rating tasks (from eval.Tasks; classOf
// gives each student's class) and moves it to open, in one transaction.
// Tasks already stored (a reopen) are kept; new ones are added.
func (s *Storage) OpenCycle(ctx context.Context, schoolID int64, a model.Actor, cycleID int64, tasks []model.RatingTask, classOf map[int64]int64, admin bool) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		c, err := s.cycleQ(ctx, tx, schoolID, cycleID)
		if err != nil {
			return err
		}
		if c.State == model.CycleDraft {
			rows := make([][]any, 0, len(tasks))
			for _, t := range tasks {
				cls, ok := classOf[t.StudentID]
				if !ok {
					return errors.New("评价任务中的学生不在本周期范围内")
				}
				rows = append(rows, []any{schoolID, cycleID, string(t.Role), t.RaterID, t.StudentID, cls})
			}
			if err := s.batchInsert(ctx, tx, "rating_tasks", []string{"school_id", "cycle_id", "rater_role", "rater_id", "student_id", "class_id"}, rows, "", "", nil); err != nil {
				return fmt.Errorf("OpenCycle: %w", err)
			}
			if err := s.analyzeIfStale(ctx, tx, "rating_tasks", len(rows)); err != nil {
				return fmt.Errorf("OpenCycle: %w", err)
			}
		}
		return s.moveCycleTx(ctx, tx, schoolID, a, cycleID, model.CycleOpen, admin, map[string]any{"tasks": len(tasks)})
	})
}

// RaterTask is one student a rater rates, with the student's name and
// how far the rater's current sheet is: Filled of Required indicators.
// Done is a complete sheet; Filled > 0 without Done is a draft (草稿).
type RaterTask struct {
	StudentID   int64  `json:"student_id"`
	StudentName string `json:"student_name"`
	StudentNo   string `json:"student_no"`
	ClassID     int64  `json:"class_id"`
	Done        bool   `json:"done"`     // the sheet holds every indicator of the role
	Filled      int    `json:"filled"`   // indicators on the current sheet (0: not started)
	Required    int    `json:"required"` // indicators the role rates
}

// Draft says the rater started this sheet but has not finished it.
func (t RaterTask) Draft() bool { return !t.Done && t.Filled > 0 }

// TasksForRater lists the students one rater (role + id in the role's
// space) rates in a cycle. There is deliberately no method that lists who
// rated a given student by peers: the rated student never learns it.
func (s *Storage) TasksForRater(ctx context.Context, schoolID, cycleID int64, role model.RaterRole, raterID int64) ([]RaterTask, error) {
	c, err := s.Cycle(ctx, schoolID, cycleID)
	if err != nil {
		return nil, err
	}
	f, err := s.Framework(ctx, schoolID, c.FrameworkID)
	if err != nil {
		return nil, err
	}
	required := sheetRequired(f, role)
	rows, err := s.db.QueryContext(ctx, `SELECT t.student_id, s.name, s.student_no, t.class_id, COALESCE(r.item_count, 0), COALESCE(r.complete, FALSE)
		FROM rating_tasks t JOIN students s ON s.school_id = t.school_id AND s.id = t.student_id
		LEFT JOIN rating_sheets r ON r.school_id = t.school_id AND r.cycle_id = t.cycle_id AND r.rater_role = t.rater_role
			AND r.rater_id = t.rater_id AND r.student_id = t.student_id AND r.superseded = FALSE
		WHERE t.school_id = $1 AND t.cycle_id = $2 AND t.rater_role = $3 AND t.rater_id = $4 ORDER BY s.student_no`, schoolID, cycleID, string(role), raterID)
	if err != nil {
		return nil, fmt.Errorf("TasksForRater: %w", err)
	}
	defer rows.Close()
	var out []RaterTask
	for rows.Next() {
		t := RaterTask{Required: required}
		if err := rows.Scan(&t.StudentID, &t.StudentName, &t.StudentNo, &t.ClassID, &t.Filled, &t.Done); err != nil {
			return nil, fmt.Errorf("TasksForRater: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Progress counts tasks: Done are tasks whose sheet is complete, Drafts
// those with a sheet begun but not complete (they are not done).
type Progress struct {
	ClassID int64           `json:"class_id,omitempty"`
	Role    model.RaterRole `json:"role,omitempty"`
	RaterID int64           `json:"rater_id,omitempty"`
	Done    int             `json:"done"`
	Drafts  int             `json:"drafts"`
	Total   int             `json:"total"`
}

// taskDone and taskDraft are 1 or 0 for the task row t, by its rater's
// current sheet for the student.
const (
	taskDone  = `CASE WHEN EXISTS (SELECT 1 FROM rating_sheets r WHERE r.school_id = t.school_id AND r.cycle_id = t.cycle_id AND r.rater_role = t.rater_role AND r.rater_id = t.rater_id AND r.student_id = t.student_id AND r.superseded = FALSE AND r.complete = TRUE) THEN 1 ELSE 0 END`
	taskDraft = `CASE WHEN EXISTS (SELECT 1 FROM rating_sheets r WHERE r.school_id = t.school_id AND r.cycle_id = t.cycle_id AND r.rater_role = t.rater_role AND r.rater_id = t.rater_id AND r.student_id = t.student_id AND r.superseded = FALSE AND r.complete = FALSE) THEN 1 ELSE 0 END`
)

// ProgressByClass is done/total tasks per class of a cycle.
func (s *Storage) ProgressByClass(ctx context.Context, schoolID, cycleID int64) ([]Progress, error) {
	return s.progress(ctx, `SELECT t.class_id, '', 0, SUM(`+taskDone+`), SUM(`+taskDraft+`), COUNT(*) FROM rating_tasks t
		WHERE t.school_id = $1 AND t.cycle_id = $2 GROUP BY t.class_id ORDER BY t.class_id`, schoolID, cycleID)
}

// ProgressByRater is done/total tasks per rater; unfinishedOnly keeps the
// raters who have not finished (催评 list).
func (s *Storage) ProgressByRater(ctx context.Context, schoolID, cycleID int64, unfinishedOnly bool) ([]Progress, error) {
	having := ``
	if unfinishedOnly {
		having = ` HAVING SUM(` + taskDone + `) < COUNT(*)`
	}
	return s.progress(ctx, `SELECT 0, t.rater_role, t.rater_id, SUM(`+taskDone+`), SUM(`+taskDraft+`), COUNT(*) FROM rating_tasks t
		WHERE t.school_id = $1 AND t.cycle_id = $2 GROUP BY t.rater_role, t.rater_id`+having+` ORDER BY t.rater_role, t.rater_id`, schoolID, cycleID)
}

func (s *Storage) progress(ctx context.Context, q string, args ...any) ([]Progress, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	defer rows.Close()
	var out []Progress
	for rows.Next() {
		var p Progress
		var role string
		if err := rows.Scan(&p.ClassID, &role, &p.RaterID, &p.Done, &p.Drafts, &p.Total); err != nil {
			return nil, fmt.Errorf("progress: %w", err)
		}
		p.Role = model.RaterRole(role)
		out = append(out, p)
	}
	return out, rows.Err()
}
