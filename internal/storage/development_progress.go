package storage

import (
	"context"
	"fmt"
	"time"

	"zhijiao/internal/teacherdev"
)

// The progress of teachers against the school's requirements
// (docs/teachers.md §3 section 3) is computed from four grouped
// reads, whatever the number of teachers: the teachers with whether they
// teach 专业课, their records, their current 双师型 recognitions and the
// requirements.

// DevTeacher is a teacher as the progress pages show them.
type DevTeacher struct {
	ID             int64  `json:"id"`
	StaffNo        string `json:"staff_no"`
	Name           string `json:"name"`
	DepartmentID   int64  `json:"department_id,omitempty"`
	DepartmentName string `json:"department_name,omitempty"`
	HiredOn        string `json:"hired_on,omitempty"`
	UserID         int64  `json:"-"`
	Professional   bool   `json:"professional"`
}

// DevRecord is a development record as progress and the portrait read it.
type DevRecord struct {
	ID        int64
	TeacherID int64
	Title     string
	Provider  string
	teacherdev.Fact
}

// DevScope narrows the teachers read: the departments of a department
// head (Scoped with DepartmentIDs), or one teacher (TeacherID).
type DevScope struct {
	Scoped        bool
	DepartmentIDs []int64
	TeacherID     int64
}

// DevelopmentFacts is what the progress rules need of a set of teachers.
type DevelopmentFacts struct {
	Requirements teacherdev.Requirements
	Teachers     []DevTeacher
	Records      map[int64][]DevRecord
	Recognitions map[int64]teacherdev.Recognition // the current one per teacher
}

// professionalSQL says a teacher teaches 专业课: a course whose kind
// names 专业 (专业基础课, 专业核心课, 专业技能课 …) in any term.
const professionalSQL = `EXISTS (SELECT 1 FROM teaching_assignments ta JOIN courses c ON c.school_id = ta.school_id AND c.id = ta.course_id
	WHERE ta.school_id = t.school_id AND ta.teacher_id = t.id AND c.kind LIKE '%专业%')`

// DevelopmentFacts reads the active teachers in scope and all they need.
func (s *Storage) DevelopmentFacts(ctx context.Context, schoolID int64, sc DevScope) (DevelopmentFacts, error) {
	f := DevelopmentFacts{Records: map[int64][]DevRecord{}, Recognitions: map[int64]teacherdev.Recognition{}}
	var err error
	if f.Requirements, err = s.DevelopmentRequirements(ctx, schoolID); err != nil {
		return f, err
	}
	w := schoolWhere("t.school_id", schoolID)
	w.add("t.active = ?", true)
	if sc.Scoped {
		w.in("t.department_id", sc.DepartmentIDs)
	}
	if sc.TeacherID != 0 {
		w.add("t.id = ?", sc.TeacherID)
	}
	if f.Teachers, err = s.devTeachers(ctx, w); err != nil {
		return f, err
	}
	if err := s.devRecords(ctx, w, f.Records); err != nil {
		return f, err
	}
	return f, s.devRecognitions(ctx, w, f.Recognitions)
}

func (s *Storage) devTeachers(ctx context.Context, w *where) ([]DevTeacher, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT t.id, t.staff_no, t.name, COALESCE(t.department_id, 0), COALESCE(d.name, ''), t.hired_on,
		COALESCE((SELECT MIN(u.id) FROM users u WHERE u.school_id = t.school_id AND u.teacher_id = t.id), 0), `+professionalSQL+`
		FROM teachers t LEFT JOIN departments d ON d.school_id = t.school_id AND d.id = t.department_id`+w.sql()+` ORDER BY d.name, t.staff_no`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("教师发展名单: %w", err)
	}
	defer rows.Close()
	var out []DevTeacher
	for rows.Next() {
		var t DevTeacher
		if err := rows.Scan(&t.ID, &t.StaffNo, &t.Name, &t.DepartmentID, &t.DepartmentName, &t.HiredOn, &t.UserID, &t.Professional); err != nil {
			return nil, fmt.Errorf("教师发展名单: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func (s *Storage) devRecords(ctx context.Context, w *where, into map[int64][]DevRecord) error {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.teacher_id, r.title, r.provider, r.kind, r.starts_on, r.ends_on, r.hours, r.days, r.status,
		r.enterprise_confirmed, r.level, r.expires_on
		FROM development_records r JOIN teachers t ON t.school_id = r.school_id AND t.id = r.teacher_id`+w.sql()+` AND NOT r.deleted
		ORDER BY r.starts_on, r.id`, w.args...)
	if err != nil {
		return fmt.Errorf("教师发展记录: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r DevRecord
		var kind string
		if err := rows.Scan(&r.ID, &r.TeacherID, &r.Title, &r.Provider, &kind, &r.StartsOn, &r.EndsOn, &r.Hours, &r.Days, &r.Status,
			&r.EnterpriseConfirmed, &r.Level, &r.ExpiresOn); err != nil {
			return fmt.Errorf("教师发展记录: %w", err)
		}
		r.Kind = teacherdev.Kind(kind)
		into[r.TeacherID] = append(into[r.TeacherID], r)
	}
	return rows.Err()
}

// devRecognitions keeps each teacher's latest recognition not revoked.
func (s *Storage) devRecognitions(ctx context.Context, w *where, into map[int64]teacherdev.Recognition) error {
	rows, err := s.db.QueryContext(ctx, `SELECT `+recognitionCols+`
		FROM dual_teacher_recognitions g JOIN teachers t ON t.school_id = g.school_id AND t.id = g.teacher_id`+w.sql()+` AND g.revoked_on = ''
		ORDER BY g.recognised_on, g.id`, w.args...)
	if err != nil {
		return fmt.Errorf("双师型认定: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		g, err := scanRecognition(rows)
		if err != nil {
			return err
		}
		into[g.TeacherID] = g
	}
	return rows.Err()
}

// Plain gives the rules' view of the records.
func Plain(recs []DevRecord) []teacherdev.Fact {
	out := make([]teacherdev.Fact, len(recs))
	for i, r := range recs {
		out[i] = r.Fact
	}
	return out
}

// TeacherProgress is one teacher's standing on a day.
type TeacherProgress struct {
	DevTeacher
	teacherdev.Progress
	Dual        teacherdev.DualCheck
	Recognition *teacherdev.Recognition
	// Certs are the certificates to renew: expiring within 90 days or
	// expired within the year, not renewed.
	Certs []teacherdev.CertNotice
}

// certRecords gives the certificate notices' view of the records.
func certRecords(recs []DevRecord) []teacherdev.CertRecord {
	var out []teacherdev.CertRecord
	for _, r := range recs {
		if r.Kind == teacherdev.KindCertificate {
			out = append(out, teacherdev.CertRecord{ID: r.ID, Title: r.Title, Fact: r.Fact})
		}
	}
	return out
}

// Progress computes every teacher's standing on day at.
func (f DevelopmentFacts) Progress(at time.Time) []TeacherProgress {
	out := make([]TeacherProgress, len(f.Teachers))
	for i, t := range f.Teachers {
		tt := teacherdev.Teacher{Professional: t.Professional, HiredOn: t.HiredOn}
		recs := Plain(f.Records[t.ID])
		out[i] = TeacherProgress{DevTeacher: t, Progress: teacherdev.Compute(f.Requirements, tt, recs, at), Dual: teacherdev.CheckDual(tt, recs, at),
			Certs: teacherdev.CertNotices(certRecords(f.Records[t.ID]), at)}
		if g, ok := f.Recognitions[t.ID]; ok && g.RecognisedOn <= at.Format(time.DateOnly) {
			out[i].Recognition = &g // current: given by at, not revoked
		}
	}
	return out
}

// TeacherCertificates reads one teacher's certificate records (not
// deleted), for the notices on their own records page: one statement.
func (s *Storage) TeacherCertificates(ctx context.Context, schoolID, teacherID int64) ([]teacherdev.CertRecord, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.title, r.starts_on, r.ends_on, r.status, r.level, r.expires_on
		FROM development_records r WHERE r.school_id = $1 AND r.teacher_id = $2 AND r.kind = $3 AND NOT r.deleted ORDER BY r.starts_on, r.id`,
		schoolID, teacherID, string(teacherdev.KindCertificate))
	if err != nil {
		return nil, fmt.Errorf("证书: %w", err)
	}
	defer rows.Close()
	var out []teacherdev.CertRecord
	for rows.Next() {
		c := teacherdev.CertRecord{Fact: teacherdev.Fact{Kind: teacherdev.KindCertificate}}
		if err := rows.Scan(&c.ID, &c.Title, &c.StartsOn, &c.EndsOn, &c.Status, &c.Level, &c.ExpiresOn); err != nil {
			return nil, fmt.Errorf("证书: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
