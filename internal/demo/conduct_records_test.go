package demo_test

import (
	"context"
	"testing"

	"zhijiao/internal/conduct"
	"zhijiao/internal/demo"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// The demo school has a term of descriptor-based records by head
// teachers, duty teachers and the student council: most counted, the
// council's recent ones waiting for a teacher, a few big bonuses waiting
// for the 德育处, every category one the rule table scores.
func TestDemoConductRecords(t *testing.T) {
	ctx := context.Background()
	st := testdb.SQLite(t)
	r, err := demo.Generate(ctx, st, demo.Options{Students: 600}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sid := r.Schools[0].ID
	rows, total, err := st.ListConduct(ctx, sid, storage.ConductFilter{ListQuery: model.AllRows()})
	if err != nil || total < 300 {
		t.Fatalf("%d records, %v", total, err)
	}
	cats, err := st.HabitCategories(ctx, sid)
	if err != nil {
		t.Fatal(err)
	}
	names := conduct.Names(cats)
	byRole := map[string]int{}
	waits := map[string]int{}
	verified := 0
	for _, x := range rows {
		if x.ReviewReason != "" && x.RecorderRole == "" {
			continue // the parents' notices' planted records (family.go)
		}
		byRole[x.RecorderRole]++
		waits[x.Awaiting]++
		if x.Status == model.EvidenceVerified {
			verified++
		}
		found := false
		for _, n := range names {
			found = found || n == x.Category
		}
		if !found || x.DescriptorID == 0 || x.RecorderName == "" {
			t.Fatalf("record %+v: category not scored, no descriptor or no recorder", x)
		}
	}
	for _, role := range []string{model.RoleHeadTeacher, model.RoleDutyTeacher, model.RoleStudentCouncil} {
		if byRole[role] == 0 {
			t.Errorf("no records by %s: %v", role, byRole)
		}
	}
	if waits[conduct.AwaitConfirm] == 0 || waits[conduct.AwaitApprove] == 0 || verified < total*8/10 {
		t.Errorf("waits %v, %d of %d verified", waits, verified, total)
	}
}
