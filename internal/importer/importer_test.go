package importer_test

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/bench"
	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.Cleanup()
	os.Exit(code)
}

// TestLateBadRowWritesNothing: rows are written batch by batch while the
// file is read, so a bad row near the end of a large file comes after
// several batches are in the open transaction — and still nothing lands.
func TestLateBadRowWritesNothing(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		classes, sid, err := bench.SetupSchool(ctx, st, "late", 30)
		if err != nil {
			t.Fatal(err)
		}
		data, err := bench.RosterXLSX(classes, 1500, 9)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		f.SetCellValue("Sheet1", "C1400", "未知") // 性别 of row 1400
		var bad bytes.Buffer
		f.Write(&bad)
		out, err := importer.Import(ctx, st, sid, model.Actor{Username: "t"}, roster.KindStudents, &bad, roster.Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if out.Written() || len(out.Errors) != 1 || out.Errors[0].Row != 1400 || !strings.Contains(out.Errors[0].Reason, "男") {
			t.Fatalf("outcome %+v", out.Errors)
		}
		if n := count(t, st, sid); n != 0 {
			t.Fatalf("%d students written from an invalid file", n)
		}
		out, err = importer.Import(ctx, st, sid, model.Actor{Username: "t"}, roster.KindStudents, bytes.NewReader(data), roster.Limits{})
		if err != nil || !out.Written() || out.Summary.Created != 1500 {
			t.Fatalf("valid file: %+v %v", out, err)
		}
		if n := count(t, st, sid); n != 1500 {
			t.Fatalf("%d students after the valid file", n)
		}
		// The same file again: nothing changes.
		out, err = importer.Import(ctx, st, sid, model.Actor{Username: "t"}, roster.KindStudents, bytes.NewReader(data), roster.Limits{})
		if err != nil || out.Summary.Unchanged != 1500 || out.Summary.Created+out.Summary.Updated != 0 {
			t.Fatalf("re-import: %+v %v", out.Summary, err)
		}
	})
}

func count(t *testing.T, st *storage.Storage, sid int64) int {
	_, n, err := st.Students(context.Background(), sid, storage.StudentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
