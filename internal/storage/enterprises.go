package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

// CreateEnterprise adds a partner enterprise after checking its
// 统一社会信用代码.
func (s *Storage) CreateEnterprise(ctx context.Context, schoolID int64, a model.Actor, e *model.Enterprise) error {
	code, err := idcheck.CreditCode(e.CreditCode)
	if err != nil {
		return err
	}
	if e.Name == "" {
		return errors.New("企业名称不能为空")
	}
	e.CreditCode, e.SchoolID = code, schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO enterprises (school_id, name, credit_code, industry, contact, phone, address) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			schoolID, e.Name, e.CreditCode, e.Industry, e.Contact, e.Phone, e.Address).Scan(&e.ID)
		if isUniqueViolation(err) {
			return fmt.Errorf("统一社会信用代码 %s 已登记", e.CreditCode)
		}
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "create", "enterprise", e.ID, nil, e)
	})
}

// Enterprises lists a school's partner enterprises.
func (s *Storage) Enterprises(ctx context.Context, schoolID int64, f model.ListQuery) ([]model.Enterprise, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("school_id", schoolID)
	if f.Q != "" {
		w.add(`(LOWER(name) LIKE ? ESCAPE '\' OR LOWER(credit_code) LIKE ? ESCAPE '\' OR LOWER(industry) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM enterprises`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Enterprises: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, school_id, name, credit_code, industry, contact, phone, address FROM enterprises`+w.sql()+
		` ORDER BY `+s.zh("name")+pageSQL(f), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Enterprises: %w", err)
	}
	defer rows.Close()
	var out []model.Enterprise
	for rows.Next() {
		var e model.Enterprise
		if err := rows.Scan(&e.ID, &e.SchoolID, &e.Name, &e.CreditCode, &e.Industry, &e.Contact, &e.Phone, &e.Address); err != nil {
			return nil, 0, fmt.Errorf("Enterprises: %w", err)
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}

// CreateMentor adds an 企业导师 of one enterprise.
func (s *Storage) CreateMentor(ctx context.Context, schoolID int64, a model.Actor, m *model.Mentor) error {
	if m.Name == "" || m.EnterpriseID == 0 {
		return errors.New("导师姓名和所属企业不能为空")
	}
	m.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO mentors (school_id, enterprise_id, name, title, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			schoolID, m.EnterpriseID, m.Name, m.Title, m.Phone).Scan(&m.ID); err != nil {
			return fmt.Errorf("CreateMentor: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "create", "mentor", m.ID, nil, m)
	})
}

// Mentors lists mentors with their enterprise; enterpriseID 0 lists all.
func (s *Storage) Mentors(ctx context.Context, schoolID, enterpriseID int64) ([]model.Mentor, error) {
	w := schoolWhere("m.school_id", schoolID)
	if enterpriseID != 0 {
		w.add("m.enterprise_id = ?", enterpriseID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT m.id, m.school_id, m.enterprise_id, e.name, m.name, m.title, m.phone,
		COALESCE((SELECT MIN(u.id) FROM users u WHERE u.school_id = m.school_id AND u.mentor_id = m.id), 0)
		FROM mentors m JOIN enterprises e ON e.school_id = m.school_id AND e.id = m.enterprise_id`+w.sql()+` ORDER BY `+s.zh("e.name")+`, `+s.zh("m.name"), w.args...)
	if err != nil {
		return nil, fmt.Errorf("Mentors: %w", err)
	}
	defer rows.Close()
	var out []model.Mentor
	for rows.Next() {
		var m model.Mentor
		if err := rows.Scan(&m.ID, &m.SchoolID, &m.EnterpriseID, &m.EnterpriseName, &m.Name, &m.Title, &m.Phone, &m.UserID); err != nil {
			return nil, fmt.Errorf("Mentors: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// CreatePlacement puts a student with a mentor (apprenticeship or internship).
func (s *Storage) CreatePlacement(ctx context.Context, schoolID int64, a model.Actor, p *model.Placement) error {
	switch p.Kind {
	case model.PlacementApprenticeship, model.PlacementInternship, model.PlacementShadowing:
	default:
		return fmt.Errorf("类型「%s」无效", p.Kind)
	}
	p.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `SELECT enterprise_id FROM mentors WHERE school_id = $1 AND id = $2`, schoolID, p.MentorID).Scan(&p.EnterpriseID); err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errors.New("企业导师不存在")
			}
			return err
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO placements (school_id, student_id, mentor_id, enterprise_id, kind, start_date, end_date) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
			schoolID, p.StudentID, p.MentorID, p.EnterpriseID, p.Kind, p.StartDate, p.EndDate).Scan(&p.ID); err != nil {
			return fmt.Errorf("CreatePlacement: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "create", "placement", p.ID, nil, p)
	})
}

// ApprenticesOf returns the students placed with a mentor.
func (s *Storage) ApprenticesOf(ctx context.Context, schoolID, mentorID int64) ([]int64, error) {
	// A placement that has ended (end_date before today in the schools'
	// zone) no longer gives its mentor access; an open one has no end date.
	return s.ids(ctx, `SELECT DISTINCT student_id FROM placements WHERE school_id = $1 AND mentor_id = $2 AND (end_date = '' OR end_date >= $3) ORDER BY student_id`,
		schoolID, mentorID, Today())
}

// PlacementsOf lists a student's placements.
func (s *Storage) PlacementsOf(ctx context.Context, schoolID, studentID int64) ([]model.Placement, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT p.id, p.school_id, p.student_id, p.mentor_id, m.name, p.enterprise_id, p.kind, p.start_date, p.end_date
		FROM placements p JOIN mentors m ON m.school_id = p.school_id AND m.id = p.mentor_id
		WHERE p.school_id = $1 AND p.student_id = $2 ORDER BY p.start_date`, schoolID, studentID)
	if err != nil {
		return nil, fmt.Errorf("PlacementsOf: %w", err)
	}
	defer rows.Close()
	var out []model.Placement
	for rows.Next() {
		var p model.Placement
		if err := rows.Scan(&p.ID, &p.SchoolID, &p.StudentID, &p.MentorID, &p.MentorName, &p.EnterpriseID, &p.Kind, &p.StartDate, &p.EndDate); err != nil {
			return nil, fmt.Errorf("PlacementsOf: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

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
		return nil, fmt.Errorf("PlacementsOfEnterprise: %w", err)
	}
	defer rows.Close()
	var out []EnterprisePlacement
	for rows.Next() {
		var p EnterprisePlacement
		if err := rows.Scan(&p.ID, &p.SchoolID, &p.StudentID, &p.StudentName, &p.StudentNo, &p.ClassName, &p.MentorID, &p.MentorName,
			&p.EnterpriseID, &p.Kind, &p.StartDate, &p.EndDate); err != nil {
			return nil, fmt.Errorf("PlacementsOfEnterprise: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
