package demo_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"zhijiao/internal/demo"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// groupNames names evalrun.RaterGroup's groups, by number, for the log.
var groupNames = []string{1: "同学 peers", 2: "家长 parents", 3: "教师 teachers", 4: "企业导师 mentors", 5: "自评 self"}

// classChecks runs the fairness page's rater checks on one class's ratings
// and returns every checked rater (by evalrun.RaterKey) with the flags
// raised on them.
func classChecks(f model.Framework, rs []model.Rating) map[int64][]stats.FlagKind {
	rep := evalrun.RaterChecks(f, rs)
	out := map[int64][]stats.FlagKind{}
	for _, s := range rep.Severity {
		out[s.Rater] = append(out[s.Rater], s.Kind)
	}
	for _, s := range rep.Straight {
		out[s.Rater] = append(out[s.Rater], stats.FlagStraightLine)
	}
	return out
}

// calibration is the tally of one run over the demo's planted cycles.
type calibration struct {
	planted, hits     [6]int // by evalrun.RaterGroup
	ordinary, alarms  [6]int
	missed, falseHits []string
}

func (c *calibration) rate(hits, of [6]int) (int, int) {
	h, n := 0, 0
	for g := range hits {
		h, n = h+hits[g], n+of[g]
	}
	return h, n
}

// TestPlantedRatersAreFound calibrates the rater checks on the demo: in the
// cycles with planted raters (this term's and one of last year's), the
// checks run per class with the page's groups; every planted rater should
// be flagged with its kind (at least 90% over the demo), and few ordinary
// raters with anything (at most 3%). The figures are in
// docs/evaluation.md; `go test ./internal/demo -run TestPlantedRatersAreFound -v`
// prints them. SQLite measures a 900-student school (enough classes for
// 30 planted raters); PostgreSQL, where generating is slower, a 300-student
// one with the same assertions.
func TestPlantedRatersAreFound(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			students, minPlanted, minOrdinary := 900, 24, 1500
			if e.Name != "sqlite" {
				students, minPlanted, minOrdinary = 300, 10, 400
			}
			checkPlanted(t, e.Open(t), students, minPlanted, minOrdinary)
		})
	}
}

func checkPlanted(t *testing.T, st *storage.Storage, students, minPlanted, minOrdinary int) {
	ctx := context.Background()
	r, err := demo.Generate(ctx, st, demo.Options{Students: students}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The demo command's output names the planted raters' classes.
	var out strings.Builder
	demo.PrintLogins(&out, r)
	for _, p := range r.Planted {
		if want := fmt.Sprintf("/cycles/%d/fairness?class=%d", p.CycleID, p.ClassID); p.Name == "" || !strings.Contains(out.String(), want) || !strings.Contains(out.String(), p.Name) {
			t.Errorf("planted %+v: name or %s missing from the demo output:\n%s", p, want, out.String())
		}
	}
	pageNamesPlanted(t, ctx, st, r)
	c := calibrate(t, ctx, st, r)
	h, n := c.rate(c.hits, c.planted)
	fa, m := c.rate(c.alarms, c.ordinary)
	for g := 1; g < len(groupNames); g++ {
		if c.planted[g]+c.ordinary[g] > 0 {
			t.Logf("%-16s planted %d/%d found, ordinary %d/%d flagged (%.1f%%)", groupNames[g], c.hits[g], c.planted[g],
				c.alarms[g], c.ordinary[g], 100*float64(c.alarms[g])/float64(max(c.ordinary[g], 1)))
		}
	}
	t.Logf("%d students: hit rate %d/%d = %.1f%%, false alarms %d/%d = %.2f%%", students, h, n, 100*float64(h)/float64(n), fa, m, 100*float64(fa)/float64(m))
	if len(c.missed) > 0 {
		t.Logf("missed:\n%s", strings.Join(c.missed, "\n"))
	}
	if n < minPlanted || h*10 < n*9 {
		t.Errorf("%d of %d planted raters found, want at least %d raters and 90%%; missed:\n%s", h, n, minPlanted, strings.Join(c.missed, "\n"))
	}
	if m < minOrdinary || fa*100 > m*3 {
		t.Errorf("%d of %d ordinary raters flagged, want at least %d raters and at most 3%%:\n%s", fa, m, minOrdinary, strings.Join(c.falseHits, "\n"))
	}
}

func calibrate(t *testing.T, ctx context.Context, st *storage.Storage, r *demo.Result) *calibration {
	t.Helper()
	sid := r.Schools[0].ID
	planted := map[int64]map[[2]int64]demo.PlantedRater{} // cycle → (class, rater key) → planted rater
	for _, p := range r.Planted {
		if planted[p.CycleID] == nil {
			planted[p.CycleID] = map[[2]int64]demo.PlantedRater{}
		}
		planted[p.CycleID][[2]int64{p.ClassID, evalrun.RaterKey(p.Role, p.RaterID)}] = p
	}
	if len(planted) != 2 {
		t.Fatalf("planted raters in %d cycles, want this term's and one of last year's: %+v", len(planted), r.Planted)
	}
	c := &calibration{}
	for cycleID, inCycle := range planted {
		cy, err := st.Cycle(ctx, sid, cycleID)
		if err != nil {
			t.Fatal(err)
		}
		f, err := st.Framework(ctx, sid, cy.FrameworkID)
		if err != nil {
			t.Fatal(err)
		}
		prog, err := st.ProgressByClass(ctx, sid, cycleID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range prog {
			rs, err := st.ClassRatings(ctx, sid, cycleID, p.ClassID)
			if err != nil {
				t.Fatal(err)
			}
			c.add(p.ClassID, classChecks(f, rs), inCycle)
		}
	}
	return c
}

// add tallies one class: each planted rater of it as hit or missed, each
// other checked rater as clean or a false alarm.
func (c *calibration) add(classID int64, flags map[int64][]stats.FlagKind, planted map[[2]int64]demo.PlantedRater) {
	for k, p := range planted {
		if k[0] != classID {
			continue
		}
		g := evalrun.RaterGroup(p.Role)
		c.planted[g]++
		if slices.Contains(flags[k[1]], p.Kind) {
			c.hits[g]++
		} else {
			c.missed = append(c.missed, fmt.Sprintf("%s %s %s %s: flags %v", p.Class, p.Role.Name(), p.Name, p.Kind, flags[k[1]]))
		}
	}
	for key, fs := range flags {
		if _, ok := planted[[2]int64{classID, key}]; ok {
			continue
		}
		role, id := evalrun.RaterOf(key)
		g := evalrun.RaterGroup(role)
		c.ordinary[g]++
		if slices.ContainsFunc(fs, func(k stats.FlagKind) bool { return k != "" }) {
			c.alarms[g]++
			c.falseHits = append(c.falseHits, fmt.Sprintf("class %d %s %d: %v", classID, role.Name(), id, fs))
		}
	}
}

// pageNamesPlanted: the fairness page (evalrun.Fairness) flags each planted
// teacher and parent of this term's cycle under their own name, so a head
// teacher can tell whom to talk to.
func pageNamesPlanted(t *testing.T, ctx context.Context, st *storage.Storage, r *demo.Result) {
	t.Helper()
	sid := r.Schools[0].ID
	for _, p := range r.Planted {
		if p.Role != model.RaterParent && p.Role != model.RaterSubjectTeacher {
			continue
		}
		c, err := st.Cycle(ctx, sid, p.CycleID)
		if err != nil {
			t.Fatal(err)
		}
		fa, err := evalrun.Fairness(ctx, st, sid, c, p.ClassID)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, f := range fa.Flags {
			found = found || (f.Role == p.Role && f.RaterID == p.RaterID && f.Kind == p.Kind && f.Name == p.Name)
		}
		if !found {
			t.Errorf("the fairness page does not flag %s %s (%s) by name: %+v", p.Role.Name(), p.Name, p.Kind, fa.Flags)
		}
	}
}
