package storage

// Queries and multi-row writes the web pages need that the entity files do
// not offer. Same rules as everywhere: the school is always explicit, every
// change is audited in its own transaction.

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
)

// Enterprise reads one partner enterprise.
func (s *Storage) Enterprise(ctx context.Context, schoolID, id int64) (model.Enterprise, error) {
	var e model.Enterprise
	err := s.db.QueryRowContext(ctx, `SELECT id, school_id, name, credit_code, industry, contact, phone, address FROM enterprises WHERE school_id = $1 AND id = $2`,
		schoolID, id).Scan(&e.ID, &e.SchoolID, &e.Name, &e.CreditCode, &e.Industry, &e.Contact, &e.Phone, &e.Address)
	if errors.Is(err, sql.ErrNoRows) {
		err = ErrNotFound
	}
	return e, err
}

// EnterprisePlacement is a placement as the enterprise page lists it, with
// the student's 学号 and class.
type EnterprisePlacement struct {
	model.Placement
	StudentNo string
	ClassName string
}

// PlacementsOfEnterprise lists the apprentices and interns placed with an
// enterprise, newest first.
func (s *Storage) PlacementsOfEnterprise(ctx context.Context, schoolID, enterpriseID int64) ([]EnterprisePlacement, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.school_id, p.student_id, st.name, st.student_no, c.name, p.mentor_id, m.name, p.enterprise_id, p.kind, p.start_date, p.end_date
		FROM placements p
		JOIN students st ON st.school_id = p.school_id AND st.id = p.student_id
		JOIN classes c ON c.school_id = st.school_id AND c.id = st.class_id
		JOIN mentors m ON m.school_id = p.school_id AND m.id = p.mentor_id
		WHERE p.school_id = $1 AND p.enterprise_id = $2 ORDER BY p.start_date DESC, p.id DESC`, schoolID, enterpriseID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []EnterprisePlacement
	for rows.Next() {
		var p EnterprisePlacement
		if err := rows.Scan(&p.ID, &p.SchoolID, &p.StudentID, &p.StudentName, &p.StudentNo, &p.ClassName, &p.MentorID, &p.MentorName,
			&p.EnterpriseID, &p.Kind, &p.StartDate, &p.EndDate); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// TeacherByStaffNo reads one teacher by 工号.
func (s *Storage) TeacherByStaffNo(ctx context.Context, schoolID int64, staffNo string) (model.Teacher, error) {
	return scanTeacher(s.db.QueryRowContext(ctx, teacherSelect+` WHERE t.school_id = $1 AND t.staff_no = $2`, schoolID, staffNo))
}

// CreateSchoolWithAdmin adds a tenant together with its first account, in
// one transaction, so a school never exists without someone to run it.
func (s *Storage) CreateSchoolWithAdmin(ctx context.Context, a model.Actor, sc *model.School, admin *model.User) error {
	if !ValidSchoolCode(sc.Code) {
		return fmt.Errorf("学校代码 %q 只能包含小写字母、数字和短横线，长度 2–32", sc.Code)
	}
	if sc.Name == "" {
		return errors.New("学校名称不能为空")
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		sc.CreatedAt = now()
		err := tx.QueryRowContext(ctx, `INSERT INTO schools (code, name, district_id, created_at) VALUES ($1, $2, $3, $4) RETURNING id`,
			sc.Code, sc.Name, nullInt(sc.DistrictID), sc.CreatedAt).Scan(&sc.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("学校代码 %q 已被使用", sc.Code)
		}
		if err != nil {
			return err
		}
		if err := s.audit(ctx, tx, sc.ID, a, "create", "school", sc.ID, nil, sc); err != nil {
			return err
		}
		return s.createUser(ctx, tx, sc.ID, a, admin)
	})
}
