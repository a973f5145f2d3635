package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sync"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
)

// The district view (区域数据画像) shows the same KPIs for many schools side
// by side. It reads each kind of record once for all the schools, counted
// in SQL by school and by what the definition looks at (level × prize,
// passed, kind × relevance, score …), instead of 100 schools × 8 queries.
// The counts are handed to the portrait package as that many records, so
// a district figure and the school's own dashboard come from the same
// definition and cannot disagree. No record ids leave this function: a
// district admin sees numbers, never another school's records.

// groupDate stands for the date of grouped records, which SQL has already
// kept to the period; any date inside it makes portrait count them.
func groupDate(p portrait.Period) string {
	switch {
	case p.To != "":
		return p.To
	case p.From != "":
		return p.From
	}
	return "2000-01-01"
}

// schoolsWhere starts a WHERE on the given schools.
func schoolsWhere(col string, ids []int64) *where {
	w := &where{}
	w.in(col, ids)
	return w
}

// KPIInputsBySchool reads the 数据画像 records of many schools in one pass
// per record table. The seven reads run at the same time, each on its own
// connection in a read-only transaction, so a district page costs about
// its longest read rather than their sum. Records carry no ids.
func (s *Storage) KPIInputsBySchool(ctx context.Context, schoolIDs []int64, p portrait.Period) (map[int64]*portrait.Inputs, error) {
	out := make(map[int64]*portrait.Inputs, len(schoolIDs))
	for _, id := range schoolIDs {
		out[id] = &portrait.Inputs{}
	}
	if len(schoolIDs) == 0 {
		return out, nil
	}
	day := groupDate(p)
	// Each read fills its own part (the reads run concurrently); the parts
	// are merged once all are done.
	reads := []kpiRead{
		evidenceKPIRead(ctx, schoolIDs, p, day),
		graduateKPIRead(ctx, schoolIDs, p, day),
		destinationKPIRead(ctx, schoolIDs, p, day),
		surveyKPIRead(ctx, schoolIDs, p, day),
		trainingKPIRead(ctx, schoolIDs, p, day),
		researchKPIRead(ctx, schoolIDs, p, day),
		staffKPIRead(ctx, schoolIDs, p),
	}
	errs := make([]error, len(reads))
	parts := make([]map[int64]*portrait.Inputs, len(reads))
	var wg sync.WaitGroup
	for i, read := range reads {
		part := map[int64]*portrait.Inputs{}
		parts[i] = part
		in := func(id int64) *portrait.Inputs {
			x := part[id]
			if x == nil {
				x = &portrait.Inputs{}
				if _, asked := out[id]; asked { // a school not asked for is dropped
					part[id] = x
				}
			}
			return x
		}
		wg.Go(func() { errs[i] = s.kpiReadOnly(ctx, func(q querier) error { return read(q, in) }) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, part := range parts {
		for id, x := range part {
			o := out[id]
			o.Awards = append(o.Awards, x.Awards...)
			o.Certificates = append(o.Certificates, x.Certificates...)
			o.Graduates = append(o.Graduates, x.Graduates...)
			o.Destinations = append(o.Destinations, x.Destinations...)
			o.Survey = append(o.Survey, x.Survey...)
			o.Training = append(o.Training, x.Training...)
			o.Honours = append(o.Honours, x.Honours...)
			o.Research = append(o.Research, x.Research...)
			if x.Staff.Teachers != nil || x.Staff.Studios != nil || x.Staff.Hours != nil || x.Staff.Awards != nil {
				o.Staff = x.Staff // one read fills the block whole
			}
		}
	}
	return out, nil
}

// kpiRead fills, for each school it reads, that school's part of the
// inputs (in gives it).
type kpiRead func(q querier, in func(int64) *portrait.Inputs) error

// evidenceKPIRead reads verified evidence: awards, certificate sittings and 国家奖学金.
func evidenceKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period, day string) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		// Verified evidence, read once for awards (level × prize), certificate
		// sittings (passed or not) and 国家奖学金, grouped by plain columns
		// (cheaper to hash than expressions) from the covering index
		// evidence_kpi.
		w := schoolsWhere("e.school_id", schoolIDs)
		// Constants as literals: they match the partial indexes of 0007.
		w.conds = append(w.conds, "e.status = 'verified'", "(e.kind IN ('competition', 'certificate') OR (e.kind = 'honour' AND e.category = '"+nationalScholarship+"'))")
		periodWhere(w, "e.occurred_on", p)
		if err := scanAll(ctx, q, `SELECT e.school_id, COUNT(*), e.kind, e.level, e.prize, e.category, e.passed FROM evidence e`+w.sql()+`
		GROUP BY e.school_id, e.kind, e.level, e.prize, e.category, e.passed`, w.args, func(r *sql.Rows) error {
			var school int64
			var n int
			var kind, level, prize, category string
			var passed bool
			if err := r.Scan(&school, &n, &kind, &level, &prize, &category, &passed); err != nil {
				return err
			}
			x := in(school)
			switch model.EvidenceKind(kind) {
			case model.EvidenceCompetition:
				x.Awards = slices.Grow(x.Awards, n)
				for range n {
					x.Awards = append(x.Awards, portrait.Award{Level: level, Prize: prize, Date: day})
				}
			case model.EvidenceCertificate:
				x.Certificates = slices.Grow(x.Certificates, n)
				for range n {
					x.Certificates = append(x.Certificates, portrait.CertAttempt{Date: day, Passed: passed})
				}
			default:
				for range n {
					x.Honours = append(x.Honours, portrait.Honour{Kind: category, Date: day})
				}
			}
			return nil
		}); err != nil {
			return fmt.Errorf("KPIInputsBySchool: %w", err)
		}
		return nil
	}
}

// graduateKPIRead reads graduates, with a certificate or not.
func graduateKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period, day string) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		// Graduates, with a certificate or not: driven by the 毕业 changes
		// (far fewer rows than students), dated by the latest one.
		query, args := graduateCountsSQL(schoolIDs, p)
		if err := groupCount(ctx, q, query, args, func(school int64, n int, _, _ string, cert int) {
			x := in(school)
			x.Graduates = slices.Grow(x.Graduates, n)
			for range n {
				x.Graduates = append(x.Graduates, portrait.Graduate{GraduatedOn: day, Certified: cert == 1})
			}
		}); err != nil {
			return fmt.Errorf("KPIInputsBySchool: %w", err)
		}
		return nil
	}
}

// destinationKPIRead reads graduate destinations.
func destinationKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period, day string) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		// Destinations by kind, relevance and whether the survey was the first.
		w := schoolsWhere("school_id", schoolIDs)
		periodWhere(w, "survey_date", p)
		if err := groupCount(ctx, q, `SELECT school_id, COUNT(*), kind, '', (CASE WHEN relevant THEN 1 ELSE 0 END) + (CASE WHEN first_survey THEN 2 ELSE 0 END)
		FROM graduate_destinations`+w.sql()+` GROUP BY school_id, kind, relevant, first_survey`, w.args,
			func(school int64, n int, kind, _ string, flags int) {
				x := in(school)
				x.Destinations = slices.Grow(x.Destinations, n)
				for range n {
					x.Destinations = append(x.Destinations, portrait.Destination{Kind: kind, Relevant: flags&1 != 0, First: flags&2 != 0, SurveyDate: day})
				}
			}); err != nil {
			return fmt.Errorf("KPIInputsBySchool: %w", err)
		}
		return nil
	}
}

// surveyKPIRead reads employer survey answers.
func surveyKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period, day string) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		// Employer survey answers by overall score.
		w := schoolsWhere("school_id", schoolIDs)
		timeWhere(w, "submitted_at", p)
		if err := groupCount(ctx, q, `SELECT school_id, COUNT(*), '', '', overall FROM survey_responses`+w.sql()+` GROUP BY school_id, overall`, w.args,
			func(school int64, n int, _, _ string, score int) {
				x := in(school)
				for range n {
					x.Survey = append(x.Survey, portrait.SurveyAnswer{Score: score, Date: day})
				}
			}); err != nil {
			return fmt.Errorf("KPIInputsBySchool: %w", err)
		}
		return nil
	}
}

// trainingKPIRead reads training person-times.
func trainingKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period, day string) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		// Training person-times, summed.
		w := schoolsWhere("school_id", schoolIDs)
		w.add("trainees > ?", 0)
		periodWhere(w, "starts_on", p)
		if err := groupCount(ctx, q, `SELECT school_id, CAST(SUM(trainees) AS BIGINT), '', '', 0 FROM training_sessions`+w.sql()+` GROUP BY school_id`, w.args,
			func(school int64, n int, _, _ string, _ int) {
				x := in(school)
				x.Training = append(x.Training, portrait.TrainingSession{From: day, Trainees: n})
			}); err != nil {
			return fmt.Errorf("KPIInputsBySchool: %w", err)
		}
		return nil
	}
}

// kpiReadOnly runs fn in a read-only transaction. On PostgreSQL these are
// short aggregates over many rows: compiling them (JIT) costs more than it
// saves (about 100 ms of a district page), and sorting a district's
// graduates wants more memory than the default 4 MB, or it spills to disk.
func (s *Storage) kpiReadOnly(ctx context.Context, fn func(q querier) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fmt.Errorf("kpiReadOnly: %w", err)
	}
	defer tx.Rollback()
	if s.dialect == Postgres {
		if _, err := tx.ExecContext(ctx, `SET LOCAL jit = off`); err != nil {
			return fmt.Errorf("kpiReadOnly: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `SET LOCAL work_mem = '64MB'`); err != nil {
			return fmt.Errorf("kpiReadOnly: %w", err)
		}
	}
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// graduateCountsSQL counts each school's graduates of the period, with and
// without a verified passed certificate. A student's latest 毕业 change
// dates the graduation; its lower bound can be applied to each change (the
// latest is on or after a day exactly when some change is), so only the
// changes of recent years are grouped.
func graduateCountsSQL(schoolIDs []int64, p portrait.Period) (string, []any) {
	w := schoolsWhere("ec.school_id", schoolIDs)
	w.conds = append(w.conds, "ec.status = '毕业'")
	if p.From != "" {
		w.add("ec.effective_date >= ?", p.From)
	}
	inner := `SELECT ec.school_id, ec.student_id FROM enrollment_changes ec` + w.sql() + ` GROUP BY ec.school_id, ec.student_id`
	if p.To != "" {
		w.args = append(w.args, p.To)
		inner += ` HAVING MAX(ec.effective_date) <= $` + itoa(len(w.args))
	}
	c := &where{args: w.args}
	c.in("c.school_id", schoolIDs)
	return `SELECT g.school_id, COUNT(*), '', '', CASE WHEN c.student_id IS NULL THEN 0 ELSE 1 END
		FROM (` + inner + `) g
		JOIN students st ON st.school_id = g.school_id AND st.id = g.student_id AND st.enrollment_status = '毕业'
		LEFT JOIN (SELECT DISTINCT c.school_id, c.student_id FROM evidence c` + c.sql() + ` AND c.status = 'verified' AND c.kind = 'certificate' AND c.passed) c
			ON c.school_id = g.school_id AND c.student_id = g.student_id
		GROUP BY g.school_id, CASE WHEN c.student_id IS NULL THEN 0 ELSE 1 END`, c.args
}

// groupCount runs a grouped count whose rows are (school, count, text,
// text, int).
func groupCount(ctx context.Context, q querier, query string, args []any, fn func(school int64, n int, a, b string, c int)) error {
	return scanAll(ctx, q, query, args, func(r *sql.Rows) error {
		var school int64
		var n, c int
		var a, b string
		if err := r.Scan(&school, &n, &a, &b, &c); err != nil {
			return err
		}
		fn(school, n, a, b, c)
		return nil
	})
}

// Districts lists every district (教育局), for the platform's filter.
func (s *Storage) Districts(ctx context.Context) ([]model.District, error) {
	var out []model.District
	err := scanAll(ctx, s.db, `SELECT id, code, name FROM districts ORDER BY code`, nil, func(r *sql.Rows) error {
		var d model.District
		err := r.Scan(&d.ID, &d.Code, &d.Name)
		out = append(out, d)
		return err
	})
	return out, err
}
