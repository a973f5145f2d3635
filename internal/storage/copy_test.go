package storage_test

import (
	"context"
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// copiedTables are the tables Bulk and the roster import write with COPY
// on PostgreSQL.
var copiedTables = []string{"districts", "schools", "academic_years", "terms", "departments", "major_categories", "majors",
	"teachers", "cohorts", "classes", "courses", "teaching_assignments", "students", "enrollment_changes", "guardians",
	"student_guardians", "enterprises", "mentors", "placements", "users", "user_roles", "global_keys", "audit_log"}

// TestCopyWritesWhatInsertWrites loads the same school through Bulk and
// then imports the same roster into it, once with COPY and once with
// INSERT, into two copies of one database, and compares every row of every
// table written (ids included; the load's own timestamp aside). COPY is
// PostgreSQL's alone: on SQLite there is only the INSERT path, which
// TestBulkLoad and the importer's tests cover.
func TestCopyWritesWhatInsertWrites(t *testing.T) {
	var dumps [2]map[string][]string
	for i, useCopy := range []bool{true, false} {
		restore := storage.SetCopy(useCopy)
		s := testdb.Postgres(t)
		_, _, err := loadSchool(s, "copy", 1234)
		if err == nil {
			err = importRoster(t, s, "copy", 1300)
		}
		restore()
		if err != nil {
			t.Fatalf("copy=%v: %v", useCopy, err)
		}
		dumps[i] = dumpTables(t, s, copiedTables)
	}
	for _, table := range copiedTables {
		c, ins := dumps[0][table], dumps[1][table]
		if len(c) == 0 {
			t.Errorf("%s: no rows written, the comparison proves nothing", table)
		}
		if !reflect.DeepEqual(c, ins) {
			t.Errorf("%s: COPY wrote %d rows, INSERT %d, and they differ; first difference:\n%v\n%v", table, len(c), len(ins), firstDiff(c, ins), firstDiff(ins, c))
		}
	}
}

// TestCopyImportIsAllOrNothing imports a roster whose last 学号 repeats the
// first on both paths: the same refusal, and nothing written.
func TestCopyImportIsAllOrNothing(t *testing.T) {
	for _, useCopy := range []bool{true, false} {
		restore := storage.SetCopy(useCopy)
		s := testdb.Postgres(t)
		_, _, err := loadSchool(s, "dup", 10)
		if err != nil {
			restore()
			t.Fatal(err)
		}
		rows := rosterRows(t, s, "dup", 600)
		rows[len(rows)-1].Student.StudentNo = rows[0].Student.StudentNo
		sc, _ := s.SchoolByCode(context.Background(), "dup")
		_, err = s.ImportStudents(context.Background(), sc.ID, model.Actor{Username: "t"}, rows)
		restore()
		if err == nil || !strings.Contains(err.Error(), "写入学生") || !strings.Contains(err.Error(), "23505") {
			t.Fatalf("copy=%v: duplicate 学号 gave %v", useCopy, err)
		}
		if _, total, err := s.Students(context.Background(), sc.ID, storage.StudentFilter{}); err != nil || total != 10 {
			t.Fatalf("copy=%v: %d students after a refused import, want the 10 loaded before (%v)", useCopy, total, err)
		}
	}
}

// firstDiff is the first row of a that b lacks.
func firstDiff(a, b []string) string {
	in := map[string]bool{}
	for _, r := range b {
		in[r] = true
	}
	for _, r := range a {
		if !in[r] {
			return r
		}
	}
	return "(none)"
}

// rosterRows makes n roster rows for the school's class: guardians for
// all, the same guardian for each pair of siblings.
func rosterRows(t *testing.T, s *storage.Storage, code string, n int) []storage.StudentImport {
	t.Helper()
	ctx := context.Background()
	sc, err := s.SchoolByCode(ctx, code)
	if err != nil {
		t.Fatal(err)
	}
	var classID int64
	if err := s.DB().QueryRowContext(ctx, `SELECT MIN(id) FROM classes WHERE school_id = $1`, sc.ID).Scan(&classID); err != nil {
		t.Fatal(err)
	}
	rows := make([]storage.StudentImport, n)
	for i := range rows {
		rows[i] = storage.StudentImport{Row: i + 2,
			Student:   model.Student{StudentNo: fmt.Sprintf("2027%06d", i+1), Name: fmt.Sprintf("导入%d", i), Gender: model.Female, ClassID: classID},
			Guardians: []model.Guardian{{Name: fmt.Sprintf("家长%d", i/2), Phone: fmt.Sprintf("1370000%04d", i/2), Relation: "父亲"}}}
	}
	return rows
}

func importRoster(t *testing.T, s *storage.Storage, code string, n int) error {
	ctx := context.Background()
	sc, err := s.SchoolByCode(ctx, code)
	if err != nil {
		return err
	}
	rows := rosterRows(t, s, code, n)
	sum, err := s.ImportStudents(ctx, sc.ID, model.Actor{Username: "导入员"}, rows)
	if err == nil && sum.Created != n {
		err = fmt.Errorf("created %d of %d", sum.Created, n)
	}
	if err != nil {
		return err
	}
	// Again, the first rows with a second guardian: links of known
	// students, beside new students.
	again := append(rosterRows(t, s, code, 50), rosterRows(t, s, code, n+20)[n:]...)
	for i := range again[:50] {
		again[i].Guardians = append(again[i].Guardians, model.Guardian{Name: fmt.Sprintf("母亲%d", i), Phone: "13600000000", Relation: "母亲"})
	}
	sum, err = s.ImportStudents(ctx, sc.ID, model.Actor{Username: "导入员"}, again)
	if err == nil && (sum.Created != 20 || sum.Unchanged != 50) {
		err = fmt.Errorf("second import: %+v", sum)
	}
	return err
}

var jsonClock = regexp.MustCompile(`"\d{4}-\d\d-\d\dT[0-9:.]+Z"`)

// dumpTables reads every row of each table as text, sorted. Timestamps of
// the last day are the load's own clock and differ between runs; they
// read as "now".
func dumpTables(t *testing.T, s *storage.Storage, tables []string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, table := range tables {
		rs, err := s.DB().Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rs.Columns()
		for rs.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rs.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				if ts, ok := v.(time.Time); ok && time.Since(ts).Abs() < 24*time.Hour {
					vals[i] = "now"
				}
				if str, ok := v.(string); ok { // the audit line's JSON holds the clock too
					vals[i] = jsonClock.ReplaceAllString(str, `"now"`)
				}
			}
			out[table] = append(out[table], fmt.Sprintf("%q", vals))
		}
		if err := rs.Err(); err != nil {
			t.Fatal(err)
		}
		rs.Close()
		sort.Strings(out[table])
	}
	return out
}
