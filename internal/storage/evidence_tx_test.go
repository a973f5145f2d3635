package storage_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// evidenceState counts what a school holds of 写实记录: records, proof
// files and audit lines about evidence.
func evidenceState(t *testing.T, st *storage.Storage, sid int64) (records, files, audits int) {
	t.Helper()
	ctx := context.Background()
	rows, n, err := st.ListEvidence(ctx, sid, storage.EvidenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		fs, err := st.EvidenceFiles(ctx, sid, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		files += len(fs)
	}
	_, audits, err = st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "evidence"})
	if err != nil {
		t.Fatal(err)
	}
	return n, files, audits
}

// TestSubmitEvidenceIsOneTransaction: a record, its team members and its
// proof files are stored together with one audit line, or not at all.
func TestSubmitEvidenceIsOneTransaction(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "evtx", false)
		sid := f.School.ID
		stu := f.Users[model.RoleStudent]
		a := model.Actor{UserID: stu.ID, Username: stu.Username}
		record := func() *model.Evidence {
			return &model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceCompetition, Title: "市技能大赛",
				Level: model.AwardCity, Prize: model.PrizeFirst, Team: true, Date: "2026-10-01"}
		}
		files := []storage.ProofUpload{{Name: "奖状.png", Data: tinyPNG}, {Name: "照片.png", Data: tinyPNG}}

		// Everything at once.
		e := record()
		if err := st.SubmitEvidence(ctx, sid, a, storage.EvidenceInput{Evidence: e, TeamMembers: "张三、李四", Files: files}); err != nil {
			t.Fatal(err)
		}
		row, err := st.EvidenceByID(ctx, sid, e.ID)
		if err != nil || row.TeamMembers != "张三、李四" || row.Status != model.EvidencePending {
			t.Fatalf("stored %+v %v", row, err)
		}
		log, _, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "evidence"})
		if err != nil || len(log) != 1 || log[0].EntityID != e.ID || !strings.Contains(log[0].After, "张三、李四") || !strings.Contains(log[0].After, "照片.png") {
			t.Fatalf("audit %+v %v", log, err)
		}
		if r, fs, au := evidenceState(t, st, sid); r != 1 || fs != 2 || au != 1 {
			t.Fatalf("after one submission: %d records, %d files, %d audit lines", r, fs, au)
		}

		// A bad second file, team members too long: nothing is written.
		bad := []storage.ProofUpload{{Name: "奖状.png", Data: tinyPNG}, {Name: "a.txt", Data: []byte("not an image")}}
		if err := st.SubmitEvidence(ctx, sid, a, storage.EvidenceInput{Evidence: record(), Files: bad}); err == nil || !strings.Contains(err.Error(), "只接受") {
			t.Fatalf("a text file: %v", err)
		}
		long := strings.Repeat("成员", 200)
		if err := st.SubmitEvidence(ctx, sid, a, storage.EvidenceInput{Evidence: record(), TeamMembers: long}); err == nil || !strings.Contains(err.Error(), "团体成员") {
			t.Fatalf("team members of 400 characters: %v", err)
		}

		// A failure in the middle: the record and the first file are
		// written in the transaction, the second file is over the quota,
		// and all of it rolls back.
		old := storage.ProofQuota
		storage.ProofQuota = storage.Quota{Files: 3, Bytes: 1 << 20}
		t.Cleanup(func() { storage.ProofQuota = old })
		err = st.SubmitEvidence(ctx, sid, a, storage.EvidenceInput{Evidence: record(), TeamMembers: "王五", Files: files})
		var qe *storage.QuotaError
		if !errors.As(err, &qe) {
			t.Fatalf("over the quota: %v", err)
		}
		if r, fs, au := evidenceState(t, st, sid); r != 1 || fs != 2 || au != 1 {
			t.Fatalf("refused submissions wrote: %d records, %d files, %d audit lines", r, fs, au)
		}

		// Members of an individual award are not kept.
		e = record()
		e.Team = false
		if err := st.SubmitEvidence(ctx, sid, a, storage.EvidenceInput{Evidence: e, TeamMembers: "张三"}); err != nil {
			t.Fatal(err)
		}
		if row, _ := st.EvidenceByID(ctx, sid, e.ID); row.TeamMembers != "" {
			t.Fatalf("individual award kept members %q", row.TeamMembers)
		}
	})
}

// TestAdoptDefaultFrameworkRace: admins adopting the shipped framework at
// the same moment; exactly one succeeds, the others are told the school
// has a framework, and the school ends with one framework marked default
// and one audit line.
func TestAdoptDefaultFrameworkRace(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "adopt", false)
		sid := f.School.ID
		const n = 4
		errs := make([]error, n)
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				fw := eval.DefaultFramework()
				<-start
				errs[i] = st.AdoptDefaultFramework(ctx, sid, model.SystemActor, &fw)
			}()
		}
		close(start)
		wg.Wait()
		won := 0
		for _, err := range errs {
			switch {
			case err == nil:
				won++
			case !errors.Is(err, storage.ErrFrameworkExists):
				t.Fatalf("a losing adopt: %v", err)
			}
		}
		if won != 1 {
			t.Fatalf("%d adopts succeeded, want 1 (%v)", won, errs)
		}
		list, err := st.Frameworks(ctx, sid)
		if err != nil || len(list) != 1 || list[0].Versions != 1 || !list[0].IsDefault {
			t.Fatalf("frameworks %+v %v", list, err)
		}
		if _, k, _ := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "framework"}); k != 1 {
			t.Fatalf("%d audit lines, want 1", k)
		}
		// Later adopts are refused too; a new version and a new default
		// move the one mark.
		fw := eval.DefaultFramework()
		if err := st.AdoptDefaultFramework(ctx, sid, model.SystemActor, &fw); !errors.Is(err, storage.ErrFrameworkExists) {
			t.Fatalf("adopt in a school with a framework: %v", err)
		}
		v2 := eval.DefaultFramework()
		if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &v2); err != nil {
			t.Fatal(err)
		}
		if err := st.SetDefaultFramework(ctx, sid, model.SystemActor, v2.ID); err != nil {
			t.Fatal(err)
		}
		vs, _ := st.FrameworkVersions(ctx, sid, v2.Code)
		if len(vs) != 2 || !vs[0].IsDefault || vs[1].IsDefault {
			t.Fatalf("versions after set default: %+v", vs)
		}
	})
}

// TestSetDefaultFrameworkConcurrent: changes of the default at the same
// moment all succeed and leave exactly one version marked, on both
// engines (the unique default index never holds two).
func TestSetDefaultFrameworkConcurrent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "setdef", false)
		sid := f.School.ID
		var ids []int64
		for range 4 {
			fw := eval.DefaultFramework()
			if err := st.SaveFrameworkVersion(ctx, sid, model.SystemActor, &fw); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, fw.ID)
		}
		if err := st.SetDefaultFramework(ctx, sid, model.SystemActor, ids[0]); err != nil {
			t.Fatal(err)
		}
		errs := make([]error, len(ids))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i, id := range ids {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				errs[i] = st.SetDefaultFramework(ctx, sid, model.SystemActor, id)
			}()
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("set default %d: %v", ids[i], err)
			}
		}
		vs, err := st.FrameworkVersions(ctx, sid, eval.DefaultFramework().Code)
		marked := 0
		for _, v := range vs {
			if v.IsDefault {
				marked++
			}
		}
		if err != nil || marked != 1 {
			t.Fatalf("%d versions marked default, want 1 (%v)", marked, err)
		}
	})
}
