package testfix

import (
	"context"
	"testing"
	"time"

	"zhijiao/internal/storage"
)

// Research is a research output written straight into the tables of
// migration 0022, for tests of what reads them (数据画像, the teacher's
// 科研 tab) while the write paths are built elsewhere. Members are the
// contributors in order: a teacher id, or 0 with a name for an outsider.
type Research struct {
	Kind, Title, Level, Grade, Stage, Date string
	Status                                 string // "" is verified
	Deleted                                bool
	Stages                                 map[string]string // a project's stage → date
	Members                                []Member
}

// Member is one contributor of a Research output.
type Member struct {
	TeacherID int64
	Name      string
	Role      string
}

// AddResearch inserts r into school f and returns its id.
func AddResearch(t testing.TB, st *storage.Storage, f *School, r Research) int64 {
	t.Helper()
	ctx, db, at := context.Background(), st.DB(), time.Now().UTC()
	if r.Status == "" {
		r.Status = "verified"
	}
	var id int64
	err := db.QueryRowContext(ctx, `INSERT INTO research_outputs (school_id, kind, title, level, grade, stage, dated_on, status, deleted, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
		f.School.ID, r.Kind, r.Title, r.Level, r.Grade, r.Stage, r.Date, r.Status, r.Deleted, at).Scan(&id)
	must(t, err)
	for stage, day := range r.Stages {
		_, err := db.ExecContext(ctx, `INSERT INTO research_stages (school_id, output_id, stage, dated_on) VALUES ($1, $2, $3, $4)`, f.School.ID, id, stage, day)
		must(t, err)
	}
	for i, m := range r.Members {
		var teacher any
		if m.TeacherID != 0 {
			teacher = m.TeacherID
		}
		_, err := db.ExecContext(ctx, `INSERT INTO research_contributors (school_id, output_id, position, teacher_id, name, role) VALUES ($1, $2, $3, $4, $5, $6)`,
			f.School.ID, id, i+1, teacher, m.Name, m.Role)
		must(t, err)
	}
	return id
}

// AddAssessment writes a term's assessment in the given state, with a rule
// set of its own, and the teachers' points, straight into the tables of
// migration 0023. It returns the assessment's id.
func AddAssessment(t testing.TB, st *storage.Storage, f *School, termID int64, name, state string, points map[int64]float64) int64 {
	t.Helper()
	ctx, db, at := context.Background(), st.DB(), time.Now().UTC()
	var version int
	must(t, db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) + 1 FROM research_rule_sets WHERE school_id = $1`, f.School.ID).Scan(&version))
	var rules, id int64
	must(t, db.QueryRowContext(ctx, `INSERT INTO research_rule_sets (school_id, version, rules, created_at) VALUES ($1, $2, '{}', $3) RETURNING id`, f.School.ID, version, at).Scan(&rules))
	var from, to string
	must(t, db.QueryRowContext(ctx, `SELECT start_date, end_date FROM terms WHERE school_id = $1 AND id = $2`, f.School.ID, termID).Scan(&from, &to))
	must(t, db.QueryRowContext(ctx, `INSERT INTO research_assessments (school_id, term_id, name, rule_set_id, state, from_on, to_on, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`, f.School.ID, termID, name, rules, state, from, to, at).Scan(&id))
	for teacher, p := range points {
		_, err := db.ExecContext(ctx, `INSERT INTO research_points (school_id, assessment_id, teacher_id, points, detail, computed_at) VALUES ($1, $2, $3, $4, '{}', $5)`,
			f.School.ID, id, teacher, p, at)
		must(t, err)
	}
	return id
}
