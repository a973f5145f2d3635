package demo_test

import (
	"context"
	"testing"

	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestDemoEvaluationIsOpen: the demo school comes with the default
// framework adopted and this term's cycle open, and the printed student
// login has self and peer tasks waiting.
func TestDemoEvaluationIsOpen(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		r, err := demo.Generate(ctx, st, demo.Options{Students: 300}, nil)
		if err != nil {
			t.Fatal(err)
		}
		sid := r.Schools[0].ID
		if _, err := st.DefaultFramework(ctx, sid); err != nil {
			t.Fatalf("default framework: %v", err)
		}
		cycles, err := st.Cycles(ctx, sid, 0)
		if err != nil || len(cycles) != 1 || cycles[0].State != model.CycleOpen {
			t.Fatalf("cycles %+v %v", cycles, err)
		}
		var student model.User
		for _, l := range r.Logins {
			if l.Role == model.RoleStudent {
				student, err = st.UserByUsername(ctx, l.Username)
			}
		}
		if err != nil || student.StudentID == 0 {
			t.Fatalf("student login: %+v %v", student, err)
		}
		for _, role := range []model.RaterRole{model.RaterSelf, model.RaterPeer} {
			tasks, err := st.TasksForRater(ctx, sid, cycles[0].ID, role, student.StudentID)
			if err != nil || len(tasks) == 0 {
				t.Fatalf("%s tasks of the demo student: %d %v", role, len(tasks), err)
			}
		}
	})
}
