package demo_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// The demo's 教师发展: five years of records with 专业课 teachers both
// compliant and behind on enterprise practice, certificates expiring soon,
// about half the teachers recognised 双师型, and six studios with members,
// plans and activities, some linked to verified research outputs.
func TestDemoDevelopment(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	r, err := demo.Generate(ctx, st, demo.Options{Students: 600, Seed: 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sid := r.Schools[0].ID
	q := func(sql string) int {
		t.Helper()
		var n int
		if err := st.DB().QueryRowContext(ctx, sql, sid).Scan(&n); err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		return n
	}
	teachers := q(`SELECT COUNT(*) FROM teachers WHERE school_id = $1`)
	practice := `SELECT COUNT(*) FROM (SELECT teacher_id, SUM(days) AS d FROM development_records WHERE school_id = $1 AND kind = 'enterprise' AND status = 'verified' GROUP BY teacher_id) x WHERE x.d %s 180`
	compliant, behind := q(strings.Replace(practice, "%s", ">=", 1)), q(strings.Replace(practice, "%s", "<", 1))
	if compliant == 0 || behind == 0 || behind > compliant {
		t.Errorf("enterprise practice: %d compliant, %d behind", compliant, behind)
	}
	if n := q(`SELECT COUNT(DISTINCT teacher_id) FROM development_records WHERE school_id = $1 AND kind = 'school'`); n != teachers {
		t.Errorf("%d of %d teachers have 校本培训", n, teachers)
	}
	if n := q(`SELECT COUNT(*) FROM development_records WHERE school_id = $1 AND kind = 'certificate' AND expires_on < '2027-06-01'`); n == 0 {
		t.Error("no certificate expires within six months")
	}
	if n := q(`SELECT COUNT(*) FROM development_records WHERE school_id = $1 AND status = 'pending'`); n == 0 {
		t.Error("nothing waits for the 人事处")
	}
	if n := q(`SELECT COUNT(DISTINCT teacher_id) FROM dual_teacher_recognitions WHERE school_id = $1`); n*10 < teachers*3 || n*10 > teachers*7 {
		t.Errorf("%d of %d teachers recognised 双师型, want about half", n, teachers)
	}
	if n := q(`SELECT COUNT(*) FROM teachers WHERE school_id = $1 AND (hired_on = '' OR hired_on > '2026-11-28')`); n != 0 {
		t.Errorf("%d teachers without a 入职日期 or hired after the demo's today", n)
	}
	if n := q(`SELECT COUNT(*) FROM teachers WHERE school_id = $1 AND hired_on >= '2026-01-01'`); n == 0 || n*10 > teachers {
		t.Errorf("%d of %d teachers hired this year, want a few", n, teachers)
	}
	facts, err := st.DevelopmentFacts(ctx, sid, storage.DevScope{})
	if err != nil {
		t.Fatal(err)
	}
	flagged, renew := 0, 0
	for _, p := range facts.Progress(time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)) {
		if p.NeedsFirstPractice {
			flagged++
		}
		if len(p.Certs) > 0 {
			renew++
		}
	}
	if flagged == 0 {
		t.Error("no new 专业课 teacher is flagged for practice before teaching")
	}
	// The certificates expiring in early 2027 show on the progress page.
	if renew == 0 {
		t.Error("no certificate to renew shows on the progress page")
	}
	if n := q(`SELECT COUNT(*) FROM studios WHERE school_id = $1`); n != 6 {
		t.Errorf("%d studios, want 6", n)
	}
	if n := q(`SELECT COUNT(*) FROM studio_activities a JOIN research_outputs o ON o.school_id = a.school_id AND o.id = a.output_id WHERE a.school_id = $1 AND o.status = 'verified'`); n == 0 {
		t.Error("no studio activity links a verified research output")
	}
	if n := q(`SELECT COUNT(*) FROM studio_activities WHERE school_id = $1 AND output_id IS NOT NULL AND output_id NOT IN (SELECT id FROM research_outputs WHERE school_id = $1 AND status = 'verified')`); n != 0 {
		t.Errorf("%d activities link an unverified output", n)
	}
	if n := q(`SELECT COUNT(*) FROM studio_plans WHERE school_id = $1`); n < 6 {
		t.Errorf("%d studio plans", n)
	}
	// The register's awards that teachers also entered as research outputs
	// count once in the 师资 block: this school year, its awards at 市级 and
	// above are the register's, however many of them are outputs too.
	year := portrait.Period{From: "2025-09-01", To: "2026-08-31"}
	in, err := st.KPIInputs(ctx, sid, year)
	if err != nil {
		t.Fatal(err)
	}
	register := q(`SELECT COUNT(DISTINCT title || awarded_on || prize) FROM teacher_awards WHERE school_id = $1 AND level IN ('国家级', '省级') AND awarded_on BETWEEN '2025-09-01' AND '2026-08-31'`)
	claimed := q(`SELECT COUNT(*) FROM research_outputs WHERE school_id = $1 AND kind = 'competition' AND dated_on BETWEEN '2025-09-01' AND '2026-08-31'`)
	for _, k := range portrait.StaffKPIs(in.Staff, year, "市级") {
		if k.Key == "staff_ability_awards" && (*k.Count != register || claimed == 0) {
			t.Errorf("awards at 市级 and above: %d counted (%s), %d in the register, %d entered as outputs too", *k.Count, k.Value, register, claimed)
		}
	}
}
