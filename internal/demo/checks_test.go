package demo_test

import (
	"context"
	"testing"

	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestDemoChecks: the demo school has every school day of the term up to
// today checked and published, a weekly 流动红旗 for each grade, classes
// that differ clearly, and logins for a duty teacher and a council
// member who hold their roles. The same seed gives the same ranking on
// both engines.
func TestDemoChecks(t *testing.T) {
	ctx := context.Background()
	var tables [][]string
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		r, err := demo.Generate(ctx, s, demo.Options{Students: 600, Seed: 7}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sid := r.Schools[0].ID
		days, err := s.PublishedCheckDays(ctx, sid, "2026-09-01", "2026-11-28")
		if err != nil {
			t.Fatal(err)
		}
		if len(days) < 55 || len(days) > 62 {
			t.Errorf("%d published days, want every school day from 1 September", len(days))
		}
		ss, _, err := s.CheckStandings(ctx, sid, "2026-09-01", "2026-11-28")
		if err != nil || len(ss) < 10 {
			t.Fatalf("standings %d: %v", len(ss), err)
		}
		if best, worst := ss[0].Score, ss[len(ss)-1].Score; best < 99.5 || best-worst < 1 {
			t.Errorf("term scores from %v to %v: the classes do not differ clearly", worst, best)
		}
		flags, err := s.CheckFlags(ctx, sid, 0, "2026-08-31", "2026-11-28")
		if err != nil || len(flags) < 12*3 {
			t.Errorf("%d red flags over the term: %v", len(flags), err)
		}
		var row []string
		for _, x := range ss {
			row = append(row, x.Name)
		}
		tables = append(tables, row)
		roles := map[string]bool{}
		for _, l := range r.Logins {
			roles[l.Role] = true
			if l.Role == model.RoleDutyTeacher || l.Role == model.RoleStudentCouncil {
				u, err := s.UserByUsername(ctx, l.Username)
				if err != nil || !contains(u.Roles, l.Role) {
					t.Errorf("login %s does not hold %s: %v %v", l.Username, l.Role, u.Roles, err)
				}
			}
		}
		if !roles[model.RoleDutyTeacher] || !roles[model.RoleStudentCouncil] {
			t.Errorf("no duty teacher or council login printed: %v", roles)
		}
	})
	if len(tables) == 2 && len(tables[0]) > 0 && (tables[0][0] != tables[1][0] || len(tables[0]) != len(tables[1])) {
		t.Errorf("the same seed ranks differently on the two engines: %v / %v", tables[0][:3], tables[1][:3])
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
