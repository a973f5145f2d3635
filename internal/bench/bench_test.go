package bench

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/testdb"
)

// TestImportBenchSmall runs the benchmark's own code on a small roster on
// both engines, so `zhijiao bench import` cannot rot unnoticed.
func TestImportBenchSmall(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st := e.Open(t)
			r, err := Import(context.Background(), st, 300, 1)
			if err != nil {
				t.Fatal(err)
			}
			if r.Bare <= 0 || r.Import <= 0 || r.Rows != 300 {
				t.Fatalf("result %+v", r)
			}
		})
	}
}

func BenchmarkBareRead10k(b *testing.B) {
	data, err := RosterXLSX(classNames(200), 10000, 1)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := roster.BareRead(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkImport10kSQLite(b *testing.B) {
	ctx := context.Background()
	st := testdb.SQLite(b)
	data, err := RosterXLSX(classNames(200), 10000, 1)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		b.StopTimer()
		classes, sid, err := SetupSchool(ctx, st, fmt.Sprintf("b%d", i), 200)
		i++
		if err != nil || classes[0] != classNames(200)[0] {
			b.Fatal(err, classes[0])
		}
		b.StartTimer()
		out, err := importer.Import(ctx, st, sid, model.SystemActor, roster.KindStudents, bytes.NewReader(data), roster.Limits{})
		if err != nil || !out.Written() {
			b.Fatal(err, out.Errors)
		}
	}
}

func classNames(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%d级计算机应用%d班", 2024+i%3, i+1)
	}
	return out
}
