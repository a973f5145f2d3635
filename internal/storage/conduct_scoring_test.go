package storage_test

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// The scoring path of docs/conduct.md section 5, on both engines: a batch
// by the student council waits for a teacher, a big bonus waits for the
// 德育处, and only once confirmed and approved do they reach their habit
// indicator at the recompute, capped by the indicator's cap, each with its
// line in the student's explanation.
func TestConductScoringPath(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "sp", false)
		cy := testfix.BuildCycles(t, st, fx)
		sid, a1 := fx.School.ID, fx.StudentA1.ID
		indicator := func(code string) model.IndicatorResult {
			t.Helper()
			_, err := evalrun.Recompute(ctx, st, sid, model.SystemActor, cy.Cur.ID)
			must(t, err)
			res, err := st.StudentResult(ctx, sid, cy.Cur.ID, a1)
			must(t, err)
			for _, d := range res.Dimensions {
				for _, ir := range d.Indicators {
					if ir.Code == code {
						return ir
					}
				}
			}
			t.Fatalf("no indicator %s", code)
			return model.IndicatorResult{}
		}
		before06, before03 := indicator("X06"), indicator("X03")
		late := descriptorNamed(t, st, sid, "早操迟到")
		hero := descriptorNamed(t, st, sid, "见义勇为")
		council := model.Actor{UserID: fx.Users[model.RoleStudentCouncil].ID}
		rec := func(a model.Actor, role string, d string) []model.Evidence {
			es, err := st.RecordConduct(ctx, sid, a, storage.ConductBatch{TermID: fx.Term.ID, Descriptor: descriptorNamed(t, st, sid, d),
				StudentIDs: []int64{a1, fx.StudentA2.ID}, Date: "2026-10-12", RecorderRole: role})
			must(t, err)
			return es
		}
		byCouncil := rec(council, model.RoleStudentCouncil, late.Name)
		bonus1 := rec(council, model.RoleStudentCouncil, hero.Name)
		bonus2 := rec(model.Actor{UserID: fx.Users[model.RoleHeadTeacher].ID}, model.RoleHeadTeacher, hero.Name)
		if got := indicator("X06"); got.EvidencePoints != before06.EvidencePoints || got.Score != before06.Score {
			t.Fatalf("a record waiting for confirmation counted: %+v", got)
		}
		if got := indicator("X03"); got.EvidencePoints != before03.EvidencePoints {
			t.Fatalf("a bonus waiting for approval counted: %+v", got)
		}
		teacher := model.Actor{UserID: fx.Users[model.RoleDutyTeacher].ID}
		must(t, st.DecideConduct(ctx, sid, teacher, []int64{byCouncil[0].ID, byCouncil[1].ID}, true, ""))
		office := model.Actor{UserID: fx.Users[model.RoleMoralOffice].ID}
		must(t, st.DecideConduct(ctx, sid, office, []int64{bonus1[0].ID, bonus2[0].ID}, true, ""))

		x06 := indicator("X06")
		if x06.Deduction != 1 || x06.EvidencePoints != -1 || x06.Score != before06.RatedScore-1 {
			t.Errorf("X06 after the confirmed lateness: %+v (rated %v)", x06, before06.RatedScore)
		}
		if !strings.Contains(strings.Join(x06.Explanation, "\n"), "早操迟到（守时守纪）") {
			t.Errorf("X06 explanation lacks the record:\n%s", strings.Join(x06.Explanation, "\n"))
		}
		// Two approved 见义勇为 (+5 each) are 10 points before the cap; the
		// default cap of a habit indicator is 5 (or the room below 100).
		x03 := indicator("X03")
		want := min(5, 100-x03.RatedScore)
		if x03.Bonus != 10 || x03.EvidencePoints != want || !x03.Capped {
			t.Errorf("X03 after two approved bonuses: bonus %v, counted %v (want %v), capped %v", x03.Bonus, x03.EvidencePoints, want, x03.Capped)
		}
		res, err := st.StudentResult(ctx, sid, cy.Cur.ID, a1)
		must(t, err)
		all := strings.Join(res.Explanation, "\n") + strings.Join(x03.Explanation, "\n")
		if !strings.Contains(all, "见义勇为（文明礼仪）") {
			t.Errorf("explanation lacks the approved bonus:\n%s", all)
		}

		// The student appeals the lateness like any record during 公示; the
		// appeal is upheld and the 德育处 deletes the record, which stops
		// counting at the next recompute.
		must(t, st.MoveCycle(ctx, sid, model.SystemActor, cy.Cur.ID, model.CyclePublicised, false))
		ap := storage.Appeal{CycleID: cy.Cur.ID, StudentID: a1, IndicatorCode: "X06", Reason: "10月12日早操迟到记录有误：当天请了病假"}
		must(t, st.CreateAppeal(ctx, sid, model.Actor{UserID: fx.Users[model.RoleStudent].ID}, &ap))
		must(t, st.ReviewAppealHead(ctx, sid, model.Actor{UserID: fx.Users[model.RoleHeadTeacher].ID}, ap.ID, "核实有病假条"))
		must(t, st.DecideAppeal(ctx, sid, office, ap.ID, true, "申诉成立，删除该记录", "", 0))
		must(t, st.DeleteConduct(ctx, sid, office, byCouncil[0].ID, "申诉成立：当天请了病假"))
		if x06 := indicator("X06"); x06.Deduction != 0 || x06.Score != before06.Score {
			t.Errorf("X06 after the upheld appeal and deletion: %+v", x06)
		}
	})
}
