package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
)

// 工作室 (docs/teachers.md §2 and §4 section 2): a studio, its members, term
// plans and activities. Each user action is one method and one
// transaction with its audit line; the host, a member teacher and a
// linked output must be the school's own (a linked output also verified).

// SaveStudio adds a studio (ID 0, and sets its ID) or changes one.
func (s *Storage) SaveStudio(ctx context.Context, schoolID int64, a model.Actor, st *teacherdev.Studio) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if err := schoolTeacher(ctx, tx, schoolID, st.HostTeacherID, "主持人"); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM studios WHERE school_id = $1 AND name = $2 AND id <> $3`, schoolID, st.Name, st.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return refusal(fmt.Sprintf("已有名为“%s”的工作室", st.Name))
		}
		if st.ID == 0 {
			if err := tx.QueryRowContext(ctx, `INSERT INTO studios (school_id, name, kind, level, host_teacher_id, founded_on, closed_on, description, created_by, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
				schoolID, st.Name, st.Kind, st.Level, st.HostTeacherID, st.FoundedOn, st.ClosedOn, st.Description, nullInt(a.UserID), now()).Scan(&st.ID); err != nil {
				return err
			}
			return s.audit(ctx, tx, schoolID, a, "create", "studio", st.ID, nil, st)
		}
		before, err := s.studio(ctx, tx, schoolID, st.ID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE studios SET name = $3, kind = $4, level = $5, host_teacher_id = $6, founded_on = $7, closed_on = $8, description = $9
			WHERE school_id = $1 AND id = $2`, schoolID, st.ID, st.Name, st.Kind, st.Level, st.HostTeacherID, st.FoundedOn, st.ClosedOn, st.Description); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "update", "studio", st.ID, before, st)
	})
	return annotate("保存工作室", err)
}

// schoolTeacher refuses a teacher id that is not the school's.
func schoolTeacher(ctx context.Context, q querier, schoolID, id int64, label string) error {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT COUNT(*) FROM teachers WHERE school_id = $1 AND id = $2`, schoolID, id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return refusal(label + "不是本校教师")
	}
	return nil
}

// AddStudioMember adds a member to a studio of the school.
func (s *Storage) AddStudioMember(ctx context.Context, schoolID int64, a model.Actor, studioID int64, m *teacherdev.StudioMember) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.studio(ctx, tx, schoolID, studioID); err != nil {
			return err
		}
		if m.TeacherID != 0 {
			if err := tx.QueryRowContext(ctx, `SELECT name FROM teachers WHERE school_id = $1 AND id = $2`, schoolID, m.TeacherID).Scan(&m.Name); errors.Is(err, sql.ErrNoRows) {
				return refusal("成员不是本校教师")
			} else if err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO studio_members (school_id, studio_id, teacher_id, name, role, joined_on, left_on) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			schoolID, studioID, nullInt(m.TeacherID), m.Name, m.Role, m.JoinedOn, m.LeftOn).Scan(&m.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "add_member", "studio", studioID, nil, m)
	})
	return annotate("添加工作室成员", err)
}

// EndStudioMembership records the day a member left.
func (s *Storage) EndStudioMembership(ctx context.Context, schoolID int64, a model.Actor, studioID, memberID int64, leftOn string) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var joined, left string
		err := tx.QueryRowContext(ctx, `SELECT joined_on, left_on FROM studio_members WHERE school_id = $1 AND studio_id = $2 AND id = $3`, schoolID, studioID, memberID).Scan(&joined, &left)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if leftOn < joined {
			return refusal("退出日期不能早于加入日期")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE studio_members SET left_on = $4 WHERE school_id = $1 AND studio_id = $2 AND id = $3`, schoolID, studioID, memberID, leftOn); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "end_member", "studio", studioID, map[string]any{"member": memberID, "left_on": left}, map[string]any{"member": memberID, "left_on": leftOn})
	})
	return annotate("登记成员退出", err)
}

// SaveStudioPlan stores (or replaces) the studio's plan for a term.
func (s *Storage) SaveStudioPlan(ctx context.Context, schoolID int64, a model.Actor, studioID, termID int64, plan string) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.studio(ctx, tx, schoolID, studioID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM terms WHERE school_id = $1 AND id = $2`, schoolID, termID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return refusal("学期不存在")
		}
		var before sql.NullString
		if err := tx.QueryRowContext(ctx, `SELECT plan FROM studio_plans WHERE school_id = $1 AND studio_id = $2 AND term_id = $3`, schoolID, studioID, termID).Scan(&before); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM studio_plans WHERE school_id = $1 AND studio_id = $2 AND term_id = $3`, schoolID, studioID, termID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO studio_plans (school_id, studio_id, term_id, plan, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			schoolID, studioID, termID, plan, nullInt(a.UserID), now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "plan", "studio", studioID, map[string]any{"term": termID, "plan": before.String}, map[string]any{"term": termID, "plan": plan})
	})
	return annotate("保存工作室计划", err)
}

// AddStudioActivity records an activity; a linked output must be one of
// the school's verified research outputs.
func (s *Storage) AddStudioActivity(ctx context.Context, schoolID int64, a model.Actor, studioID int64, act *teacherdev.StudioActivity) error {
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		if _, err := s.studio(ctx, tx, schoolID, studioID); err != nil {
			return err
		}
		if act.OutputID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT title FROM research_outputs WHERE school_id = $1 AND id = $2 AND status = 'verified' AND NOT deleted`, schoolID, act.OutputID).Scan(&act.OutputTitle)
			if errors.Is(err, sql.ErrNoRows) {
				return refusal("关联成果须为本校已审核的科研成果")
			}
			if err != nil {
				return err
			}
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO studio_activities (school_id, studio_id, held_on, kind, title, note, hours, output_id, created_by, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
			schoolID, studioID, act.HeldOn, act.Kind, act.Title, act.Note, act.Hours, nullInt(act.OutputID), nullInt(a.UserID), now()).Scan(&act.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "add_activity", "studio", studioID, nil, act)
	})
	return annotate("记录工作室活动", err)
}
