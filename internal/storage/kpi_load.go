package storage

import (
	"context"
	"database/sql"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
)

// The 数据画像 reads the records behind its KPIs here and hands them to the
// portrait package, which holds every definition. Each query narrows to
// the school and the period in SQL (so a school with ten years of records
// reads one year of them) and returns ids, so each KPI drills down to the
// very records it counted. Only verified evidence (已审核) is read.

// kpiZone is the school's calendar: a survey answer submitted at 23:30 on
// 30 June in China counts in June, whatever the server's clock says.
var kpiZone = SchoolZone

// dayBounds turns an inclusive date period into the half-open instants
// [from 00:00, to+1 00:00) in the school's calendar; zero where open.
func dayBounds(p portrait.Period) (from, to time.Time) {
	if t, err := time.ParseInLocation("2006-01-02", p.From, kpiZone); err == nil {
		from = t.UTC()
	}
	if t, err := time.ParseInLocation("2006-01-02", p.To, kpiZone); err == nil {
		to = t.AddDate(0, 0, 1).UTC()
	}
	return from, to
}

// schoolDay is the date of an instant in the school's calendar.
func schoolDay(t time.Time) string { return t.In(kpiZone).Format("2006-01-02") }

// Today is the date in the school's calendar.
func Today() string { return schoolDay(time.Now()) }

// periodWhere adds the period to a query on a YYYY-MM-DD text column.
func periodWhere(w *where, col string, p portrait.Period) {
	if p.From != "" {
		w.add(col+" >= ?", p.From)
	}
	if p.To != "" {
		w.add(col+" <= ?", p.To)
	}
}

// timeWhere adds the period to a query on a timestamp column.
func timeWhere(w *where, col string, p portrait.Period) {
	from, to := dayBounds(p)
	if !from.IsZero() {
		w.add(col+" >= ?", from)
	}
	if !to.IsZero() {
		w.add(col+" < ?", to)
	}
}

// KPIInputs reads every record the school's 数据画像 counts in the period.
func (s *Storage) KPIInputs(ctx context.Context, schoolID int64, p portrait.Period) (portrait.Inputs, error) {
	in, err := s.kpiRecordInputs(ctx, schoolID, p)
	if err != nil {
		return in, err
	}
	in.Staff, err = s.kpiStaff(ctx, schoolID, p)
	return in, err
}

// kpiRecordInputs reads all but the 师资 block, whose summary rows are
// counted from its whole history instead (kpi_staff_summary.go).
func (s *Storage) kpiRecordInputs(ctx context.Context, schoolID int64, p portrait.Period) (portrait.Inputs, error) {
	var in portrait.Inputs
	steps := []func() error{
		func() (err error) { in.Awards, err = s.kpiStudentAwards(ctx, schoolID, p); return },
		func() (err error) { in.Certificates, err = s.kpiCertificates(ctx, schoolID, p); return },
		func() (err error) { in.Graduates, err = s.kpiGraduates(ctx, schoolID, p); return },
		func() (err error) { in.Honours, err = s.kpiHonours(ctx, schoolID, p); return },
		func() (err error) { in.Destinations, err = s.kpiDestinations(ctx, schoolID, p); return },
		func() (err error) { in.Survey, err = s.kpiSurveyAnswers(ctx, schoolID, p); return },
		func() (err error) { in.Training, err = s.kpiTraining(ctx, schoolID, p); return },
		func() (err error) { in.Research, err = s.kpiResearch(ctx, schoolID, p); return },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return in, err
		}
	}
	return in, nil
}

// scanAll runs q and calls scan once per row.
func scanAll(ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows) error) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// scanList runs q and scans each row into a new T.
func scanList[T any](ctx context.Context, q querier, query string, args []any, scan func(*sql.Rows, *T) error) ([]T, error) {
	var out []T
	err := scanAll(ctx, q, query, args, func(r *sql.Rows) error {
		var v T
		if err := scan(r, &v); err != nil {
			return err
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// verifiedEvidence is the WHERE of verified records of one kind in the
// period.
func verifiedEvidence(schoolID int64, kind model.EvidenceKind, p portrait.Period) *where {
	w := schoolWhere("e.school_id", schoolID)
	// Literals, not parameters: they match the partial index evidence_kpi.
	w.conds = append(w.conds, "e.kind = '"+string(kind)+"'", "e.status = 'verified'")
	periodWhere(w, "e.occurred_on", p)
	return w
}

func (s *Storage) kpiStudentAwards(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.Award, error) {
	w := verifiedEvidence(schoolID, model.EvidenceCompetition, p)
	return scanList(ctx, s.db, `SELECT e.id, e.title, e.level, e.prize, e.occurred_on FROM evidence e`+w.sql()+` ORDER BY e.id`, w.args, func(r *sql.Rows, a *portrait.Award) error {
		return r.Scan(&a.ID, &a.Title, &a.Level, &a.Prize, &a.Date)
	})
}

func (s *Storage) kpiCertificates(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.CertAttempt, error) {
	w := verifiedEvidence(schoolID, model.EvidenceCertificate, p)
	return scanList(ctx, s.db, `SELECT e.id, e.student_id, e.title, e.occurred_on, e.passed FROM evidence e`+w.sql()+` ORDER BY e.id`, w.args, func(r *sql.Rows, c *portrait.CertAttempt) error {
		return r.Scan(&c.ID, &c.StudentID, &c.Name, &c.Date, &c.Passed)
	})
}

// graduatesSQL finds students whose 学籍 is 毕业, dated by their latest
// 毕业 change, and whether they hold a verified, passed certificate (any
// date: a certificate earned in the second year still counts at
// graduation). %s is the WHERE on the students.
const graduatesSQL = `SELECT st.school_id AS school_id, st.id AS student_id, MAX(ec.effective_date) AS graduated_on,
	MAX(CASE WHEN EXISTS (SELECT 1 FROM evidence c WHERE c.school_id = st.school_id AND c.student_id = st.id
		AND c.kind = 'certificate' AND c.status = 'verified' AND c.passed) THEN 1 ELSE 0 END) AS certified
	FROM students st JOIN enrollment_changes ec ON ec.school_id = st.school_id AND ec.student_id = st.id AND ec.status = '毕业'`

func graduatesHaving(w *where, p portrait.Period) string {
	h := ""
	if p.From != "" {
		w.args = append(w.args, p.From)
		h += " AND MAX(ec.effective_date) >= $" + itoa(len(w.args))
	}
	if p.To != "" {
		w.args = append(w.args, p.To)
		h += " AND MAX(ec.effective_date) <= $" + itoa(len(w.args))
	}
	return " GROUP BY st.school_id, st.id HAVING 1 = 1" + h
}

func (s *Storage) kpiGraduates(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.Graduate, error) {
	w := schoolWhere("st.school_id", schoolID)
	w.conds = append(w.conds, "st.enrollment_status = '毕业'")
	// graduatesHaving adds arguments: build the query before reading w.args.
	q := graduatesSQL + w.sql() + graduatesHaving(w, p) + ` ORDER BY st.id`
	return scanList(ctx, s.db, q, w.args, func(r *sql.Rows, g *portrait.Graduate) error {
		var school int64
		var cert int
		if err := r.Scan(&school, &g.StudentID, &g.GraduatedOn, &cert); err != nil {
			return err
		}
		g.Certified = cert == 1
		return nil
	})
}

// nationalScholarship is the honour category 国家奖学金 counts.
const nationalScholarship = "国家奖学金"

func (s *Storage) kpiHonours(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.Honour, error) {
	w := verifiedEvidence(schoolID, model.EvidenceHonour, p)
	w.conds = append(w.conds, "e.category = '"+nationalScholarship+"'")
	return scanList(ctx, s.db, `SELECT e.id, e.category, e.occurred_on, e.title FROM evidence e`+w.sql()+` ORDER BY e.id`, w.args, func(r *sql.Rows, h *portrait.Honour) error {
		return r.Scan(&h.ID, &h.Kind, &h.Date, &h.Title)
	})
}

func (s *Storage) kpiDestinations(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.Destination, error) {
	w := schoolWhere("school_id", schoolID)
	periodWhere(w, "survey_date", p)
	return scanList(ctx, s.db, `SELECT id, student_id, kind, relevant, survey_date, first_survey FROM graduate_destinations`+w.sql()+` ORDER BY id`, w.args, func(r *sql.Rows, d *portrait.Destination) error {
		return r.Scan(&d.ID, &d.StudentID, &d.Kind, &d.Relevant, &d.SurveyDate, &d.First)
	})
}

func (s *Storage) kpiSurveyAnswers(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.SurveyAnswer, error) {
	w := schoolWhere("school_id", schoolID)
	timeWhere(w, "submitted_at", p)
	return scanList(ctx, s.db, `SELECT id, enterprise_id, overall, submitted_at FROM survey_responses`+w.sql()+` ORDER BY id`, w.args, func(r *sql.Rows, a *portrait.SurveyAnswer) error {
		var at time.Time
		if err := r.Scan(&a.ID, &a.EnterpriseID, &a.Score, &at); err != nil {
			return err
		}
		a.Date = schoolDay(at)
		return nil
	})
}

func (s *Storage) kpiTraining(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.TrainingSession, error) {
	w := schoolWhere("school_id", schoolID)
	periodWhere(w, "starts_on", p)
	return scanList(ctx, s.db, `SELECT id, title, starts_on, ends_on, trainees FROM training_sessions`+w.sql()+` ORDER BY id`, w.args, func(r *sql.Rows, t *portrait.TrainingSession) error {
		return r.Scan(&t.ID, &t.Title, &t.From, &t.To, &t.Trainees)
	})
}
