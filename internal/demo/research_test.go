package demo_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"zhijiao/internal/demo"
	"zhijiao/internal/portrait"
	"zhijiao/internal/testdb"
)

// TestDemoResearch: the demo school has three years of research records
// whose 教改创新成果 block reads like the seed school's, with identifiers
// that pass their check digits, most verified, some pending, a few
// rejected with a reason, and team outputs with outside co-authors.
func TestDemoResearch(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	r, err := demo.Generate(ctx, st, demo.Options{Students: 600}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sid := r.Schools[0].ID
	year := portrait.Period{From: "2025-09-01", To: "2026-08-31"}
	in, err := st.KPIInputs(ctx, sid, year)
	if err != nil {
		t.Fatal(err)
	}
	ks := portrait.Research(in.Research, year)
	if want := "国家级教学成果奖 一等奖 1 项、二等奖 2 项；市级 特等奖 1 项、一等奖 2 项、二等奖 5 项、三等奖 3 项"; ks[0].Value != want {
		t.Errorf("teaching awards %q, want %q", ks[0].Value, want)
	}
	// Over the three years, a smaller demo school too has some of each.
	all, err := st.KPIInputs(ctx, sid, portrait.Period{})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range portrait.Research(all.Research, portrait.Period{})[1:] {
		if *k.Count == 0 && k.Key != "research_patents" {
			t.Errorf("%s: none in three years", k.Key)
		}
	}
	db := st.DB()
	status := map[string]int{}
	rows, err := db.QueryContext(ctx, `SELECT kind, status, reject_reason, fields, (SELECT COUNT(*) FROM research_contributors c WHERE c.school_id = o.school_id AND c.output_id = o.id)
		FROM research_outputs o WHERE school_id = $1`, sid)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	teams, kinds := 0, map[string]int{}
	for rows.Next() {
		var kind, stat, reason, fields string
		var members int
		if err := rows.Scan(&kind, &stat, &reason, &fields, &members); err != nil {
			t.Fatal(err)
		}
		status[stat]++
		kinds[kind]++
		if members >= 3 {
			teams++
		}
		if (stat == "rejected") != (reason != "") {
			t.Errorf("%s output %s with reason %q", kind, stat, reason)
		}
		checkIdentifiers(t, kind, fields)
	}
	total := status["verified"] + status["pending"] + status["rejected"]
	if total < 100 || status["verified"]*10 < total*8 || status["pending"] == 0 || status["rejected"] == 0 {
		t.Errorf("statuses %v", status)
	}
	if kinds["paper"] <= kinds["project"] || kinds["paper"] <= kinds["competition"] || kinds["patent"] == 0 || kinds["textbook"] == 0 {
		t.Errorf("kinds %v: papers should be the most common, with some patents and textbooks", kinds)
	}
	var outsiders int
	if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM research_contributors WHERE school_id = $1 AND teacher_id IS NULL`, sid).Scan(&outsiders); err != nil || outsiders == 0 || teams == 0 {
		t.Errorf("%d team outputs, %d outside co-authors (%v)", teams, outsiders, err)
	}
}

// checkIdentifiers verifies an output's ISSN, ISBN-13 or patent number
// with the standards' own rules, written here apart from the generator.
func checkIdentifiers(t *testing.T, kind, fields string) {
	t.Helper()
	var f map[string]any
	if err := json.Unmarshal([]byte(fields), &f); err != nil {
		t.Fatalf("%s fields %q: %v", kind, fields, err)
	}
	str := func(k string) string { s, _ := f[k].(string); return s }
	switch kind {
	case "paper":
		d := strings.ReplaceAll(str("issn"), "-", "")
		sum := 0
		for i := range 8 {
			v := int(d[i] - '0')
			if d[i] == 'X' {
				v = 10
			}
			sum += v * (8 - i)
		}
		if len(d) != 8 || sum%11 != 0 {
			t.Errorf("ISSN %q fails its check digit", str("issn"))
		}
	case "textbook", "book":
		d, sum := str("isbn"), 0
		for i := range len(d) {
			sum += int(d[i]-'0') * (1 + 2*(i%2))
		}
		if len(d) != 13 || sum%10 != 0 {
			t.Errorf("ISBN %q fails its check digit", d)
		}
	case "patent":
		n := strings.TrimPrefix(str("patent_no"), "ZL")
		body, check, _ := strings.Cut(n, ".")
		sum := 0
		for i, w := range []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5} {
			sum += int(body[i]-'0') * w
		}
		want := string("0123456789X"[sum%11])
		if len(body) != 12 || check != want {
			t.Errorf("patent %q: check %s, want %s", n, check, want)
		}
	}
}
