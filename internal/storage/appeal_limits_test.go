package storage_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

var tinyPNG = append([]byte("\x89PNG\r\n\x1a\n"), make([]byte, 64)...)

// Ten identical appeals at once: one is taken, the others are told an
// appeal on that indicator is already being handled. Once it is decided a
// new one may be made.
func TestOneOpenAppealPerIndicator(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "apl", false)
		cy := testfix.BuildCycles(t, st, f)
		sid, a := f.School.ID, model.SystemActor
		if err := st.MoveCycle(ctx, sid, a, cy.Cur.ID, model.CyclePublicised, true); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		errs := make([]error, 10)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = st.CreateAppeal(ctx, sid, a, &storage.Appeal{CycleID: cy.Cur.ID, StudentID: f.StudentA1.ID, IndicatorCode: "D01", Reason: "评分有误"})
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !strings.Contains(err.Error(), "已有一条申诉"):
				t.Errorf("refusal without the reason: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d of 10 identical appeals accepted", ok)
		}
		// Another indicator is another appeal.
		if err := st.CreateAppeal(ctx, sid, a, &storage.Appeal{CycleID: cy.Cur.ID, StudentID: f.StudentA1.ID, IndicatorCode: "D02", Reason: "评分有误"}); err != nil {
			t.Fatal(err)
		}
		aps, _ := st.Appeals(ctx, sid, cy.Cur.ID, f.StudentA1.ID, "")
		first := aps[0]
		if err := st.ReviewAppealHead(ctx, sid, a, first.ID, "已核对"); err != nil {
			t.Fatal(err)
		}
		if err := st.DecideAppeal(ctx, sid, a, first.ID, false, "维持原结果", "", 0); err != nil {
			t.Fatal(err)
		}
		if err := st.CreateAppeal(ctx, sid, a, &storage.Appeal{CycleID: cy.Cur.ID, StudentID: f.StudentA1.ID, IndicatorCode: "D01", Reason: "补充新的材料"}); err != nil {
			t.Fatalf("a new appeal after the decision: %v", err)
		}
	})
}

// Each account may store at most storage.ProofQuota files and bytes of
// proof, across records and appeals.
func TestProofFileQuota(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "quo", false)
		sid := f.School.ID
		stu := f.Users[model.RoleStudent]
		a := model.Actor{UserID: stu.ID, Username: stu.Username}
		old := storage.ProofQuota
		storage.ProofQuota = storage.Quota{Files: 3, Bytes: 1 << 20}
		t.Cleanup(func() { storage.ProofQuota = old })
		e := &model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceHonour, Category: "三好学生", Level: model.AwardSchool, Title: "三好学生", Date: "2026-10-01"}
		if err := st.CreateEvidence(ctx, sid, a, e); err != nil {
			t.Fatal(err)
		}
		for i := range 3 {
			if _, err := st.AddEvidenceFile(ctx, sid, a, e.ID, "p.png", tinyPNG); err != nil {
				t.Fatalf("file %d: %v", i+1, err)
			}
		}
		_, err := st.AddEvidenceFile(ctx, sid, a, e.ID, "p.png", tinyPNG)
		if err == nil || !strings.Contains(err.Error(), "最多") {
			t.Fatalf("a fourth file: %v", err)
		}
		// Someone else still may.
		if _, err := st.AddEvidenceFile(ctx, sid, model.SystemActor, e.ID, "p.png", tinyPNG); err != nil {
			t.Fatal(err)
		}
		storage.ProofQuota = storage.Quota{Files: 100, Bytes: 200}
		if _, err := st.AddEvidenceFile(ctx, sid, a, e.ID, "p.png", tinyPNG); err == nil || !strings.Contains(err.Error(), "最多") {
			t.Fatalf("past the byte quota: %v", err)
		}
	})
}
