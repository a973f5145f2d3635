package evalrun_test

import (
	"math"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/testdb"
)

// A NaN that reached the database (PostgreSQL stores it; older versions
// let "NaN" through the forms) must not block every recompute of the
// cycle: the row is reported and left out, the rest is computed. And
// storage no longer accepts such a number in the first place.
func TestRecomputeSkipsNonFiniteRows(t *testing.T) {
	st := testdb.Postgres(t)
	w := setup(t, st)
	sid, a1 := w.sid(), w.fx.StudentA1.ID
	_, err := st.SaveEvidencePolicy(ctx, sid, w.admin, eval.DefaultEvidencePolicy())
	must(t, err)
	_, err = evalrun.Open(ctx, st, sid, w.admin, w.cycle.ID)
	must(t, err)
	w.rateAll(t, 80)
	bad := &model.Evidence{StudentID: a1, TermID: w.fx.Term.ID, Kind: model.EvidenceService, Category: "志愿服务", Title: "社区服务", Hours: math.NaN(), Date: "2026-10-01"}
	if err := st.CreateEvidence(ctx, sid, w.admin, bad); err == nil {
		t.Fatal("storage accepted NaN hours")
	}
	bad.Hours = 2
	must(t, st.CreateEvidence(ctx, sid, w.admin, bad))
	must(t, st.ReviewEvidence(ctx, sid, w.admin, bad.ID, true, ""))
	if _, err := st.DB().ExecContext(ctx, `UPDATE evidence SET hours = 'NaN' WHERE id = $1`, bad.ID); err != nil {
		t.Fatal(err)
	}
	w.move(t, model.CycleClosed)
	sum, err := evalrun.Recompute(ctx, st, sid, w.admin, w.cycle.ID)
	if err != nil {
		t.Fatalf("one bad row blocked the recompute: %v", err)
	}
	if len(sum.Skipped) != 1 || !strings.Contains(sum.Skipped[0], "写实记录") {
		t.Fatalf("the bad row is not reported: %+v", sum.Skipped)
	}
	if r, err := st.StudentResult(ctx, sid, w.cycle.ID, a1); err != nil || r.StudentID != a1 {
		t.Fatalf("no result for the student: %v", err)
	}
}
