package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// AddGuardian links a guardian to a student. An existing guardian of the
// same school with the same name and phone is reused, so siblings share one
// parent account.
func (s *Storage) AddGuardian(ctx context.Context, schoolID int64, a model.Actor, studentID int64, g *model.Guardian) error {
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.addGuardian(ctx, tx, schoolID, a, studentID, g) })
}

// guardianColumns are the columns the form, the roster import and the bulk
// load (which puts "id" first) fill for a new guardian, in guardianRow's
// order.
var guardianColumns = []string{"school_id", "name", "phone"}

func guardianRow(schoolID int64, name, phone string) []any { return []any{schoolID, name, phone} }

func (s *Storage) addGuardian(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, studentID int64, g *model.Guardian) error {
	if g.Name == "" {
		return errors.New("监护人姓名不能为空")
	}
	g.SchoolID = schoolID
	err := tx.QueryRowContext(ctx, `SELECT id FROM guardians WHERE school_id = $1 AND name = $2 AND phone = $3 ORDER BY id LIMIT 1`, schoolID, g.Name, g.Phone).Scan(&g.ID)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.QueryRowContext(ctx, insertSQL("guardians", guardianColumns, 1, s.dialect)+` RETURNING id`, guardianRow(schoolID, g.Name, g.Phone)...).Scan(&g.ID)
		if err == nil {
			err = s.audit(ctx, tx, schoolID, a, "create", "guardian", g.ID, nil, g)
		}
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO student_guardians (school_id, student_id, guardian_id, relation) VALUES ($1, $2, $3, $4)
		ON CONFLICT (school_id, student_id, guardian_id) DO UPDATE SET relation = excluded.relation`, schoolID, studentID, g.ID, g.Relation)
	return err
}

// GuardiansOf lists a student's guardians with their relation.
func (s *Storage) GuardiansOf(ctx context.Context, schoolID, studentID int64) ([]model.Guardian, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT g.id, g.school_id, g.name, g.phone, sg.relation,
		COALESCE((SELECT MIN(u.id) FROM users u WHERE u.school_id = g.school_id AND u.guardian_id = g.id), 0)
		FROM student_guardians sg JOIN guardians g ON g.school_id = sg.school_id AND g.id = sg.guardian_id
		WHERE sg.school_id = $1 AND sg.student_id = $2 ORDER BY g.id`, schoolID, studentID)
	if err != nil {
		return nil, fmt.Errorf("GuardiansOf: %w", err)
	}
	defer rows.Close()
	var out []model.Guardian
	for rows.Next() {
		var g model.Guardian
		if err := rows.Scan(&g.ID, &g.SchoolID, &g.Name, &g.Phone, &g.Relation, &g.UserID); err != nil {
			return nil, fmt.Errorf("GuardiansOf: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// GuardiansOfStudents lists the guardians of several students in one
// query (as GuardiansOf would, each student's by guardian id): a class's
// batch account opening reads them all at once.
func (s *Storage) GuardiansOfStudents(ctx context.Context, schoolID int64, studentIDs []int64) (map[int64][]model.Guardian, error) {
	out := map[int64][]model.Guardian{}
	const chunk = 500
	for lo := 0; lo < len(studentIDs); lo += chunk {
		w := schoolWhere("sg.school_id", schoolID)
		w.in("sg.student_id", studentIDs[lo:min(lo+chunk, len(studentIDs))])
		err := scanAll(ctx, s.db, `SELECT sg.student_id, g.id, g.school_id, g.name, g.phone, sg.relation,
			COALESCE((SELECT MIN(u.id) FROM users u WHERE u.school_id = g.school_id AND u.guardian_id = g.id), 0)
			FROM student_guardians sg JOIN guardians g ON g.school_id = sg.school_id AND g.id = sg.guardian_id`+w.sql()+` ORDER BY sg.student_id, g.id`, w.args,
			func(r *sql.Rows) error {
				var sid int64
				var g model.Guardian
				if err := r.Scan(&sid, &g.ID, &g.SchoolID, &g.Name, &g.Phone, &g.Relation, &g.UserID); err != nil {
					return err
				}
				out[sid] = append(out[sid], g)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("学生的监护人: %w", err)
		}
	}
	return out, nil
}

// ChildrenOf returns the students a guardian is linked to.
func (s *Storage) ChildrenOf(ctx context.Context, schoolID, guardianID int64) ([]int64, error) {
	return s.ids(ctx, `SELECT student_id FROM student_guardians WHERE school_id = $1 AND guardian_id = $2 ORDER BY student_id`, schoolID, guardianID)
}
