package eval

import (
	"encoding/json"
	"testing"

	"zhijiao/internal/model"
)

// toSheets packs ratings the way storage keeps them: one sheet per rater
// and student, in first-seen order.
func toSheets(rs []model.Rating) []Sheet {
	type unit struct {
		role           model.RaterRole
		rater, student int64
	}
	idx := map[unit]int{}
	var out []Sheet
	for _, r := range rs {
		u := unit{r.RaterRole, r.RaterID, r.StudentID}
		i, ok := idx[u]
		if !ok {
			i = len(out)
			idx[u] = i
			out = append(out, Sheet{ID: int64(i + 1), CycleID: r.CycleID, RaterRole: r.RaterRole, RaterID: r.RaterID, StudentID: r.StudentID})
		}
		out[i].Items = append(out[i].Items, SheetItem{IndicatorCode: r.IndicatorCode, Value: r.Value, Level: r.Level})
	}
	return out
}

// The same ratings as sheets give byte-identical results, and bad items
// of a sheet are left out with the sheet's ID like bad ratings.
func TestSheetsEqualRatings(t *testing.T) {
	in := syntheticSchool(benchFramework(), 3, 20, 11)
	in.Policy = benchPolicy()
	a := mustCompute(t, in, Options{CycleID: 1, TermID: 1})
	sheets := in
	sheets.Sheets, sheets.Ratings = toSheets(in.Ratings), nil
	b := mustCompute(t, sheets, Options{CycleID: 1, TermID: 1})
	ja, _ := json.Marshal(a.Results)
	jb, _ := json.Marshal(b.Results)
	if string(ja) != string(jb) {
		t.Fatal("results from sheets differ from results from ratings")
	}
	bad := Input{Framework: tinyFramework(), Students: []Student{{ID: 1, ClassID: 1}}, Sheets: []Sheet{
		{ID: 7, CycleID: 1, RaterRole: model.RaterHeadTeacher, RaterID: 501, StudentID: 1, Items: []SheetItem{{IndicatorCode: "A1", Value: 80}, {IndicatorCode: "ZZ", Value: 80}}},
	}}
	out := mustCompute(t, bad, Options{CycleID: 1})
	if out.IgnoredCount != 1 || out.Ignored[0].ID != 7 || indicator(t, out.Results[0], "A1").Score != 80 {
		t.Fatalf("ignored %+v", out.Ignored)
	}
}

// BenchmarkComputeSheets is BenchmarkCompute with the ratings packed as
// storage hands them over.
func BenchmarkComputeSheets(b *testing.B) {
	in := schoolInput(b)
	in.Sheets, in.Ratings = toSheets(in.Ratings), nil
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Compute(in, Options{CycleID: 1, TermID: 1}); err != nil {
			b.Fatal(err)
		}
	}
}
