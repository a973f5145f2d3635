package testfix

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// ResearchOutput is a research output for an assessment test, written
// with plain SQL into the real database: the assessment tests need
// outputs whatever the outputs' own pages and methods look like.
type ResearchOutput struct {
	Kind    research.Kind
	Title   string
	Level   string
	Grade   string
	DatedOn string
	Status  string // research.Status*, verified when empty
	// Stages of a 课题 in order, each with its date; the output's stage
	// and date are the last one's.
	Stages  [][2]string
	Authors []ResearchAuthor
}

// ResearchAuthor is one contributor in order; TeacherID 0 is a person
// from outside the school. Share 0 is no agreed share.
type ResearchAuthor struct {
	TeacherID int64
	Name      string
	Role      string
	Share     float64
}

// AddResearchOutput stores o in one transaction and returns its id.
func AddResearchOutput(t testing.TB, st *storage.Storage, schoolID int64, o ResearchOutput) int64 {
	t.Helper()
	id, err := InsertResearchOutput(context.Background(), st.DB(), schoolID, o)
	must(t, err)
	return id
}

// InsertResearchOutput stores o through db (a pool or a transaction).
func InsertResearchOutput(ctx context.Context, db interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}, schoolID int64, o ResearchOutput) (int64, error) {
	if o.Status == "" {
		o.Status = research.StatusVerified
	}
	stage := ""
	if n := len(o.Stages); n > 0 {
		stage, o.DatedOn = o.Stages[n-1][0], o.Stages[n-1][1]
	}
	at := time.Now().UTC().Truncate(time.Microsecond)
	var id int64
	err := db.QueryRowContext(ctx, `INSERT INTO research_outputs (school_id, kind, title, level, grade, stage, dated_on, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id`, schoolID, string(o.Kind), o.Title, o.Level, o.Grade, stage, o.DatedOn, o.Status, at).Scan(&id)
	if err != nil {
		return 0, err
	}
	for _, s := range o.Stages {
		if _, err := db.ExecContext(ctx, `INSERT INTO research_stages (school_id, output_id, stage, dated_on) VALUES ($1, $2, $3, $4)`, schoolID, id, s[0], s[1]); err != nil {
			return 0, err
		}
	}
	for i, a := range o.Authors {
		var teacher, share any
		if a.TeacherID != 0 {
			teacher = a.TeacherID
		}
		if a.Share != 0 {
			share = a.Share
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO research_contributors (school_id, output_id, position, teacher_id, name, role, share) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
			schoolID, id, i+1, teacher, a.Name, a.Role, share); err != nil {
			return 0, err
		}
	}
	return id, nil
}

// SetResearchOutput sets an output's review status and grade, as the
// 科研处's review or correction of the record would.
func SetResearchOutput(t testing.TB, st *storage.Storage, schoolID, id int64, status, grade string) {
	t.Helper()
	_, err := st.DB().ExecContext(context.Background(), `UPDATE research_outputs SET status = $3, grade = $4 WHERE school_id = $1 AND id = $2`, schoolID, id, status, grade)
	must(t, err)
}

// EndResearchPublicity moves an assessment's 公示 start sixty days back,
// as the working days passing would.
func EndResearchPublicity(t testing.TB, st *storage.Storage, schoolID, id int64) {
	t.Helper()
	_, err := st.DB().ExecContext(context.Background(), `UPDATE research_assessments SET publicised_at = $3 WHERE school_id = $1 AND id = $2`,
		schoolID, id, time.Now().UTC().AddDate(0, 0, -60).Truncate(time.Microsecond))
	must(t, err)
}
