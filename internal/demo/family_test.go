package demo_test

import (
	"context"
	"slices"
	"testing"

	"zhijiao/internal/conduct"
	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestDemoFamilies: the demo's printed parent has a conduct notice and
// the demo school a talk list of three (one talk took a student off, the
// other student slipped again after theirs and crossed afresh), with
// at least five alerts told.
func TestDemoFamilies(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		ctx := context.Background()
		r, err := demo.Generate(ctx, s, demo.Options{Students: 300, Seed: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sid := r.Schools[0].ID
		for _, l := range r.Logins {
			if l.Role != model.RoleParent {
				continue
			}
			u, err := s.UserByUsername(ctx, l.Username)
			if err != nil {
				t.Fatal(err)
			}
			ns, err := s.UnreadNotifications(ctx, sid, u.ID)
			if err != nil || !slices.ContainsFunc(ns, func(n storage.Notification) bool { return n.Kind == notify.KindConductAlert }) {
				t.Fatalf("the printed parent's notices %+v, %v", ns, err)
			}
		}
		d, err := s.ConductTerm(ctx, sid, storage.ConductSelect{School: true, Talks: true})
		if err != nil {
			t.Fatal(err)
		}
		due := 0
		for _, tr := range conduct.Trends(d.Inputs(), conduct.Day("2026-11-28"), 8) {
			if tr.NeedsTalk != nil {
				due++
			}
		}
		if len(d.Alerts) < 5 || len(d.Talks) != 2 || due < 3 {
			t.Fatalf("%d alerts, %d talks, %d students due a talk", len(d.Alerts), len(d.Talks), due)
		}
	})
}
