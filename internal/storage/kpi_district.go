package storage

import (
	"context"
	"database/sql"
	"slices"

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
// per record kind. Records carry no ids.
func (s *Storage) KPIInputsBySchool(ctx context.Context, schoolIDs []int64, p portrait.Period) (map[int64]*portrait.Inputs, error) {
	out := make(map[int64]*portrait.Inputs, len(schoolIDs))
	for _, id := range schoolIDs {
		out[id] = &portrait.Inputs{}
	}
	if len(schoolIDs) == 0 {
		return out, nil
	}
	day := groupDate(p)
	in := func(id int64) *portrait.Inputs {
		if x := out[id]; x != nil {
			return x
		}
		return &portrait.Inputs{} // a school not asked for: dropped
	}
	// Awards of students and of teachers, by level × prize.
	w := schoolsWhere("e.school_id", schoolIDs)
	w.add("e.kind = ?", string(model.EvidenceCompetition))
	w.add("e.status = ?", string(model.EvidenceVerified))
	periodWhere(w, "e.occurred_on", p)
	if err := s.groupCount(ctx, `SELECT e.school_id, COUNT(*), e.level, e.prize, 0 FROM evidence e`+w.sql()+` GROUP BY e.school_id, e.level, e.prize`, w.args,
		func(school int64, n int, level, prize string, _ int) {
			x := in(school)
			x.Awards = slices.Grow(x.Awards, n)
			for range n {
				x.Awards = append(x.Awards, portrait.Award{Level: level, Prize: prize, Date: day})
			}
		}); err != nil {
		return nil, err
	}
	w = schoolsWhere("school_id", schoolIDs)
	periodWhere(w, "awarded_on", p)
	if err := s.groupCount(ctx, `SELECT school_id, COUNT(*), level, prize, 0 FROM teacher_awards`+w.sql()+` GROUP BY school_id, level, prize`, w.args,
		func(school int64, n int, level, prize string, _ int) {
			x := in(school)
			for range n {
				x.Awards = append(x.Awards, portrait.Award{Level: level, Prize: prize, Date: day, Teacher: true})
			}
		}); err != nil {
		return nil, err
	}
	// Certificate sittings, passed or not.
	w = schoolsWhere("e.school_id", schoolIDs)
	w.add("e.kind = ?", string(model.EvidenceCertificate))
	w.add("e.status = ?", string(model.EvidenceVerified))
	periodWhere(w, "e.occurred_on", p)
	if err := s.groupCount(ctx, `SELECT e.school_id, COUNT(*), '', '', CASE WHEN e.passed THEN 1 ELSE 0 END FROM evidence e`+w.sql()+` GROUP BY e.school_id, e.passed`, w.args,
		func(school int64, n int, _, _ string, passed int) {
			x := in(school)
			x.Certificates = slices.Grow(x.Certificates, n)
			for range n {
				x.Certificates = append(x.Certificates, portrait.CertAttempt{Date: day, Passed: passed == 1})
			}
		}); err != nil {
		return nil, err
	}
	// Graduates, with a certificate or not.
	w = schoolsWhere("st.school_id", schoolIDs)
	w.add("st.enrollment_status = ?", string(model.StatusGraduated))
	inner := graduatesSQL + w.sql() + graduatesHaving(w, p)
	if err := s.groupCount(ctx, `SELECT g.school_id, COUNT(*), '', '', g.certified FROM (`+inner+`) g GROUP BY g.school_id, g.certified`, w.args,
		func(school int64, n int, _, _ string, cert int) {
			x := in(school)
			for range n {
				x.Graduates = append(x.Graduates, portrait.Graduate{GraduatedOn: day, Certified: cert == 1})
			}
		}); err != nil {
		return nil, err
	}
	// 国家奖学金.
	w = schoolsWhere("e.school_id", schoolIDs)
	w.add("e.kind = ?", string(model.EvidenceHonour))
	w.add("e.status = ?", string(model.EvidenceVerified))
	w.add("e.category = ?", nationalScholarship)
	periodWhere(w, "e.occurred_on", p)
	if err := s.groupCount(ctx, `SELECT e.school_id, COUNT(*), e.category, '', 0 FROM evidence e`+w.sql()+` GROUP BY e.school_id, e.category`, w.args,
		func(school int64, n int, kind, _ string, _ int) {
			x := in(school)
			for range n {
				x.Honours = append(x.Honours, portrait.Honour{Kind: kind, Date: day})
			}
		}); err != nil {
		return nil, err
	}
	// Destinations by kind, relevance and whether the survey was the first.
	w = schoolsWhere("school_id", schoolIDs)
	periodWhere(w, "survey_date", p)
	if err := s.groupCount(ctx, `SELECT school_id, COUNT(*), kind, '', (CASE WHEN relevant THEN 1 ELSE 0 END) + (CASE WHEN first_survey THEN 2 ELSE 0 END)
		FROM graduate_destinations`+w.sql()+` GROUP BY school_id, kind, relevant, first_survey`, w.args,
		func(school int64, n int, kind, _ string, flags int) {
			x := in(school)
			for range n {
				x.Destinations = append(x.Destinations, portrait.Destination{Kind: kind, Relevant: flags&1 != 0, First: flags&2 != 0, SurveyDate: day})
			}
		}); err != nil {
		return nil, err
	}
	// Employer survey answers by overall score.
	w = schoolsWhere("school_id", schoolIDs)
	timeWhere(w, "submitted_at", p)
	if err := s.groupCount(ctx, `SELECT school_id, COUNT(*), '', '', overall FROM survey_responses`+w.sql()+` GROUP BY school_id, overall`, w.args,
		func(school int64, n int, _, _ string, score int) {
			x := in(school)
			for range n {
				x.Survey = append(x.Survey, portrait.SurveyAnswer{Score: score, Date: day})
			}
		}); err != nil {
		return nil, err
	}
	// Training person-times, summed.
	w = schoolsWhere("school_id", schoolIDs)
	w.add("trainees > ?", 0)
	periodWhere(w, "starts_on", p)
	if err := s.groupCount(ctx, `SELECT school_id, CAST(SUM(trainees) AS BIGINT), '', '', 0 FROM training_sessions`+w.sql()+` GROUP BY school_id`, w.args,
		func(school int64, n int, _, _ string, _ int) {
			x := in(school)
			x.Training = append(x.Training, portrait.TrainingSession{From: day, Trainees: n})
		}); err != nil {
		return nil, err
	}
	return out, nil
}

// groupCount runs a grouped count whose rows are (school, count, text,
// text, int).
func (s *Storage) groupCount(ctx context.Context, query string, args []any, fn func(school int64, n int, a, b string, c int)) error {
	return scanAll(ctx, s.db, query, args, func(r *sql.Rows) error {
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
