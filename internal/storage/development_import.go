package storage

import (
	"context"
	"database/sql"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/teacherdev"
	"zhijiao/internal/validate"
)

// The import of a training roster (国培、市培 … 结业名单): one course and
// the teachers who completed it. Every row becomes a verified record of
// the course (the roster is the organiser's proof), all sharing one
// batch_id (the first record's id), in one transaction, or none.

// DevelopmentRosterRow is one teacher of a roster and its row in the sheet.
type DevelopmentRosterRow struct {
	Row       int
	TeacherID int64
}

// ImportDevelopmentRoster writes the course for every row's teacher and
// returns the batch id. A teacher listed twice or not of the school
// refuses the whole roster, naming the row.
func (s *Storage) ImportDevelopmentRoster(ctx context.Context, schoolID int64, a model.Actor, course model.DevelopmentRecord, rows []DevelopmentRosterRow) (int64, error) {
	if len(rows) == 0 {
		return 0, refusal("文件中没有数据行")
	}
	if !teacherdev.Kind(course.Kind).Training() {
		return 0, refusal("名单导入只用于培训类记录（企业实践和证书请逐条录入）")
	}
	if err := validate.DevelopmentErr(&course); err != nil {
		return 0, refusal(err.Error())
	}
	var batch int64
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		seen := map[int64]int{}
		for i, r := range rows {
			if first, ok := seen[r.TeacherID]; ok {
				return refusal(fmt.Sprintf("第 %d 行：与第 %d 行是同一位教师", r.Row, first))
			}
			seen[r.TeacherID] = r.Row
			d := course
			d.TeacherID, d.Source, d.Status, d.BatchID = r.TeacherID, teacherdev.SourceImport, teacherdev.StatusVerified, batch
			if err := s.checkDevelopmentRefs(ctx, tx, schoolID, &d); err != nil {
				return refusal(fmt.Sprintf("第 %d 行：%s", r.Row, err.Error()))
			}
			if err := insertDevelopment(ctx, tx, schoolID, a, &d); err != nil {
				return fmt.Errorf("row %d: %w", r.Row, err)
			}
			if i == 0 {
				batch = d.ID
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE development_records SET batch_id = $2 WHERE school_id = $1 AND id = $2`, schoolID, batch); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "import", "development_record", 0, nil, map[string]any{"batch": batch, "records": len(rows),
			"kind": course.Kind, "title": course.Title, "hours": course.Hours, "starts_on": course.StartsOn, "ends_on": course.EndsOn})
	})
	return batch, researchErr("import development roster", err)
}

// DevelopmentTeacher is a teacher as a roster names them.
type DevelopmentTeacher struct {
	ID           int64
	StaffNo      string
	Name         string
	DepartmentID int64
}

// DevelopmentTeachers lists the school's teachers (active or not: a
// roster may name one who has left since) by 工号, for an import or a
// form's teacher choice.
func (s *Storage) DevelopmentTeachers(ctx context.Context, schoolID int64) ([]DevelopmentTeacher, error) {
	out, err := scanList(ctx, s.db, `SELECT id, staff_no, name, COALESCE(department_id, 0) FROM teachers WHERE school_id = $1 ORDER BY staff_no`, []any{schoolID},
		func(r *sql.Rows, t *DevelopmentTeacher) error {
			return r.Scan(&t.ID, &t.StaffNo, &t.Name, &t.DepartmentID)
		})
	if err != nil {
		return nil, fmt.Errorf("development teachers: %w", err)
	}
	return out, nil
}
