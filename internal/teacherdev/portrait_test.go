package teacherdev

import "testing"

func TestDimensions(t *testing.T) {
	r := DefaultRequirements()
	at := d("2026-12-01")
	recs := []Fact{
		training1("2026-03-01", 180, StatusVerified),
		practice1("2025-01-01", "2025-06-29", 180, true),
		cert("四级", ""),
		{Kind: KindEthics, EndsOn: "2026-05-01", Hours: 10, Status: StatusVerified},
		{Kind: KindDegree, EndsOn: "2025-05-01", Status: StatusVerified}, // last cycle
	}
	p := Compute(r, Teacher{Professional: true}, recs, at)
	got := Dimensions(p, recs, "中级", r, at)
	want := []float64{53, 100, 40, 67, 50} // 190 of 360 hours (the ethics 10 count), 180 days, 四级, 中级
	for i, g := range got {
		if g.Score != want[i] {
			t.Errorf("%s = %g, want %g", g.Name, g.Score, want[i])
		}
	}
}

func TestHoursByYear(t *testing.T) {
	ys := HoursByYear([]Fact{
		training1("2025-03-01", 40, StatusVerified), training1("2026-03-01", 30, StatusVerified),
		training1("2026-04-01", 99, StatusPending), practice1("2026-07-01", "2026-07-30", 30, true),
	})
	if len(ys) != 2 || ys[0] != (YearHours{"2025", 40, 0}) || ys[1] != (YearHours{"2026", 30, 30}) {
		t.Errorf("by year = %+v", ys)
	}
}
