package teacherdev

import (
	"testing"
	"time"
)

func d(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func training1(ends string, hours float64, status string) Fact {
	return Fact{Kind: KindNational, StartsOn: ends, EndsOn: ends, Hours: hours, Status: status}
}

func practice1(from, to string, days float64, confirmed bool) Fact {
	return Fact{Kind: KindEnterprise, StartsOn: from, EndsOn: to, Days: days, Status: StatusVerified, EnterpriseConfirmed: confirmed}
}

func TestCycleEdges(t *testing.T) {
	r := DefaultRequirements()
	for _, c := range []struct{ at, want string }{
		{"2021-01-01", "2021–2025"}, {"2025-12-31", "2021–2025"}, {"2026-01-01", "2026–2030"}, {"2020-12-31", "2016–2020"},
	} {
		if got := r.CycleLabel(d(c.at)); got != c.want {
			t.Errorf("CycleLabel(%s) = %s, want %s", c.at, got, c.want)
		}
	}
}

func TestTrainingProgress(t *testing.T) {
	r := DefaultRequirements()
	cases := []struct {
		name    string
		hired   string
		recs    []Fact
		at      string
		status  string
		done    float64
		pending float64
		target  float64
	}{
		{"met", "", []Fact{training1("2026-03-01", 360, StatusVerified)}, "2027-06-01", Met, 360, 0, 360},
		{"pending does not count", "", []Fact{training1("2026-03-01", 360, StatusPending)}, "2026-09-01", AtRisk, 0, 360, 360},
		{"last cycle does not count", "", []Fact{training1("2025-12-31", 300, StatusVerified)}, "2026-06-01", AtRisk, 0, 0, 360},
		{"first day of a cycle ends on it", "", []Fact{training1("2026-01-01", 80, StatusVerified)}, "2026-01-01", OnTrack, 80, 0, 360},
		{"even pace on track", "", []Fact{training1("2026-06-01", 150, StatusVerified)}, "2028-01-01", OnTrack, 150, 0, 360},
		{"two years in with nothing", "", nil, "2028-01-01", Behind, 0, 0, 360},
		{"slow pace will fall behind", "", []Fact{training1("2026-06-01", 90, StatusVerified)}, "2028-01-01", AtRisk, 90, 0, 360},
		{"last year cannot finish", "", []Fact{training1("2026-06-01", 250, StatusVerified)}, "2030-03-01", AtRisk, 250, 0, 360},
		{"cycle's last day short", "", []Fact{training1("2026-06-01", 359, StatusVerified)}, "2030-12-31", Behind, 359, 0, 360},
		{"hired mid-cycle owes a share", "2028-07-01", []Fact{training1("2029-01-01", 90, StatusVerified)}, "2029-06-01", OnTrack, 90, 0, 180.2},
		{"rejected ignored", "", []Fact{training1("2026-06-01", 200, StatusRejected)}, "2026-09-01", AtRisk, 0, 0, 360},
		{"future record not yet", "", []Fact{training1("2027-06-01", 200, StatusVerified)}, "2026-09-01", AtRisk, 0, 0, 360},
	}
	for _, c := range cases {
		p := Compute(r, Teacher{HiredOn: c.hired}, c.recs, d(c.at))
		m := p.Training
		if m.Status != c.status || m.Done != c.done || m.Pending != c.pending || m.Target != c.target {
			t.Errorf("%s: got status %s done %g pending %g target %g, want %s %g %g %g", c.name, m.Status, m.Done, m.Pending, m.Target, c.status, c.done, c.pending, c.target)
		}
	}
}

func TestPracticeProgress(t *testing.T) {
	r := DefaultRequirements()
	pro := Teacher{Professional: true}
	cases := []struct {
		name    string
		teacher Teacher
		recs    []Fact
		at      string
		status  string
		done    float64
	}{
		{"general teacher owes nothing", Teacher{}, nil, "2027-01-01", NotOwing, 0},
		{"exactly 180 days meets", pro, []Fact{practice1("2025-01-01", "2025-06-29", 180, true)}, "2027-01-01", Met, 180},
		{"179 days is behind", pro, []Fact{practice1("2025-01-01", "2025-06-28", 179, true)}, "2027-01-01", Behind, 179},
		{"unconfirmed does not count", pro, []Fact{practice1("2025-01-01", "2025-06-29", 180, false)}, "2027-01-01", Behind, 0},
		{"leaving the window within a year", pro, []Fact{practice1("2022-03-01", "2022-08-27", 180, true)}, "2026-12-31", AtRisk, 180},
		{"half inside the window", pro, []Fact{practice1("2021-12-02", "2022-01-30", 60, true)}, "2026-12-31", Behind, 30},
		{"new teacher at pace", Teacher{Professional: true, HiredOn: "2025-09-01"}, []Fact{practice1("2026-01-01", "2026-02-09", 40, true)}, "2026-09-01", OnTrack, 40},
		{"new teacher idle two years", Teacher{Professional: true, HiredOn: "2024-09-01"}, nil, "2026-10-01", Behind, 0},
	}
	for _, c := range cases {
		m := Compute(r, c.teacher, c.recs, d(c.at)).Practice
		if m.Status != c.status || m.Done != c.done {
			t.Errorf("%s: got %s %g, want %s %g", c.name, m.Status, m.Done, c.status, c.done)
		}
	}
}

func TestNewTeacherFlag(t *testing.T) {
	r := DefaultRequirements()
	at := d("2026-12-01")
	if !Compute(r, Teacher{Professional: true, HiredOn: "2026-09-01"}, nil, at).NeedsFirstPractice {
		t.Error("a new 专业课教师 without practice is not flagged")
	}
	if Compute(r, Teacher{Professional: true, HiredOn: "2026-09-01"}, []Fact{practice1("2026-07-01", "2026-08-09", 40, true)}, at).NeedsFirstPractice {
		t.Error("a new teacher with practice is flagged")
	}
	if Compute(r, Teacher{Professional: true, HiredOn: "2023-09-01"}, nil, at).NeedsFirstPractice {
		t.Error("a teacher hired three years ago is flagged as new")
	}
	if Compute(r, Teacher{HiredOn: "2026-09-01"}, nil, at).NeedsFirstPractice {
		t.Error("a new teacher of general courses is flagged")
	}
}

func TestRequirementsParse(t *testing.T) {
	r, err := ParseRequirements(`{"cycle_hours": 300}`)
	if err != nil || r.CycleHours != 300 || r.PracticeDays != 180 || r.CycleStartYear != 2021 {
		t.Fatalf("partial JSON: %+v %v", r, err)
	}
	if _, err := ParseRequirements("{"); err == nil {
		t.Error("broken JSON accepted")
	}
	bad := DefaultRequirements()
	bad.CycleHours, bad.PracticeYears = 0, 0
	if len(bad.Problems()) != 2 {
		t.Errorf("problems: %v", bad.Problems())
	}
	if DefaultRequirements().Problems() != nil {
		t.Error("the defaults have problems")
	}
}

// TestWorkedExample is the example of docs/teachers.md §3 3.3: a
// professional-course teacher on 2027-12-31 who will fall behind on both.
func TestWorkedExample(t *testing.T) {
	recs := []Fact{training1("2026-06-30", 80, StatusVerified), {Kind: KindSchool, EndsOn: "2027-10-10", Hours: 24, Status: StatusPending},
		practice1("2023-03-01", "2023-08-27", 180, true)}
	p := Compute(DefaultRequirements(), Teacher{Professional: true, HiredOn: "2015-09-01"}, recs, d("2027-12-31"))
	if tr := p.Training; tr.Status != AtRisk || tr.Done != 80 || tr.Pending != 24 || tr.Needed != 280 || tr.PerYear != 93.2 {
		t.Errorf("training = %+v", tr)
	}
	if pr := p.Practice; pr.Status != AtRisk || pr.Done != 180 || pr.Needed != 180 {
		t.Errorf("practice = %+v", pr)
	}
}
