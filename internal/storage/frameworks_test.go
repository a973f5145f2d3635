package storage_test

import (
	"context"
	"errors"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func TestFrameworkVersions(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		a := testfix.Build(t, st, "fw", false)
		b := testfix.Build(t, st, "fw2", false)
		f := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, a.School.ID, model.SystemActor, &f); err != nil {
			t.Fatal(err)
		}
		if f.Version != 1 || f.ID == 0 {
			t.Fatalf("first version %+v", f.Version)
		}
		v1 := f.ID
		edited := eval.Copy(f)
		edited.Name = "改过的方案"
		if err := st.SaveFrameworkVersion(ctx, a.School.ID, model.SystemActor, &edited); err != nil {
			t.Fatal(err)
		}
		if edited.Version != 2 || edited.ID == v1 {
			t.Fatalf("second version %d", edited.Version)
		}
		// The pinned first version is unchanged.
		got, err := st.Framework(ctx, a.School.ID, v1)
		if err != nil || got.Name != f.Name || got.Version != 1 || len(got.Dimensions) != len(f.Dimensions) {
			t.Fatalf("version 1 after editing: %q v%d %v", got.Name, got.Version, err)
		}
		list, _ := st.Frameworks(ctx, a.School.ID)
		if len(list) != 1 || list[0].Version != 2 || list[0].Versions != 2 {
			t.Fatalf("list %+v", list)
		}
		if _, err := st.Framework(ctx, b.School.ID, v1); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("another school read the framework")
		}
		if err := st.SetDefaultFramework(ctx, b.School.ID, model.SystemActor, v1); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("another school set the default")
		}
		if err := st.SetDefaultFramework(ctx, a.School.ID, model.SystemActor, edited.ID); err != nil {
			t.Fatal(err)
		}
		def, err := st.DefaultFramework(ctx, a.School.ID)
		if err != nil || def.ID != edited.ID {
			t.Fatalf("default %d %v", def.ID, err)
		}
		// Evidence rule tables are versioned too.
		if _, _, err := st.EvidencePolicy(ctx, a.School.ID, 0); !errors.Is(err, storage.ErrNotFound) {
			t.Fatal("policy before any was saved")
		}
		p := eval.DefaultEvidencePolicy()
		v, err := st.SaveEvidencePolicy(ctx, a.School.ID, model.SystemActor, p)
		if err != nil || v != 1 {
			t.Fatal(v, err)
		}
		p.TermCap = 12
		st.SaveEvidencePolicy(ctx, a.School.ID, model.SystemActor, p)
		old, ov, err := st.EvidencePolicy(ctx, a.School.ID, 1)
		cur, cv, _ := st.EvidencePolicy(ctx, a.School.ID, 0)
		if err != nil || ov != 1 || cv != 2 || cur.TermCap != 12 || old.TermCap == 12 || len(old.Rules) != len(p.Rules) {
			t.Fatalf("policies v%d %v / v%d %v", ov, old.TermCap, cv, cur.TermCap)
		}
	})
}
