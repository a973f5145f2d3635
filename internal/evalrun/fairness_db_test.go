package evalrun_test

import (
	"math"
	"testing"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestFairnessFixtureClass runs evalrun.Fairness on a stored class with
// planted raters, on both engines: the reliability of every peer
// indicator, and the planted raters found with no honest peer flagged.
func TestFairnessFixtureClass(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		fx := testfix.Build(t, st, "fa", false)
		fc := testfix.BuildFairnessClass(t, st, fx)
		got, err := evalrun.Fairness(ctx, st, fx.School.ID, fc.Cycle, fx.ClassA.ID)
		must(t, err)
		if len(got.Names) != len(fc.Students) {
			t.Errorf("%d names, want %d", len(got.Names), len(fc.Students))
		}
		if len(got.Indicators) == 0 {
			t.Fatal("no peer indicators")
		}
		for _, ir := range got.Indicators {
			if ir.Peers != len(fc.Students) || ir.K != 4 || ir.Students != len(fc.Students) {
				t.Errorf("%s: %d peers, k %d, %d students; want %d, 4, %d", ir.Code, ir.Peers, ir.K, ir.Students, len(fc.Students), len(fc.Students))
			}
			// Peers choose levels or choices: ordinal alpha and agreement.
			if ir.Level != stats.Ordinal || ir.Agreement == nil {
				t.Errorf("%s: level %v, agreement %v; want ordinal with agreement", ir.Code, ir.Level, ir.Agreement)
				continue
			}
			if ir.Alpha.State != stats.AlphaEstimated || !(ir.Alpha.Low <= ir.Alpha.Alpha && ir.Alpha.Alpha <= ir.Alpha.High) || ir.Alpha.Values != 4*len(fc.Students) {
				t.Errorf("%s: alpha %+v, want an estimate inside its interval over %d ratings", ir.Code, ir.Alpha, 4*len(fc.Students))
			}
			if want := stats.SpearmanBrown(ir.Alpha.Alpha, 4); math.Abs(ir.Mean-want) > 1e-12 || (ir.Alpha.Alpha > 0 && ir.Mean <= ir.Alpha.Alpha) {
				t.Errorf("%s: mean reliability %v, want %v", ir.Code, ir.Mean, want)
			}
			if ag := ir.Agreement; ag.Pairs != 6*len(fc.Students) || ag.FleissRaters != 4 || ag.FleissStudents != len(fc.Students) || math.IsNaN(ag.AC1) || math.IsNaN(ag.Kappa) || ag.KappaPairs != ag.Pairs || ag.Adjacent < ag.Exact {
				t.Errorf("%s: agreement %+v", ir.Code, ag)
			}
		}
		flagged := map[int64][]stats.FlagKind{}
		for _, f := range got.Flags {
			if f.Role == model.RaterPeer {
				flagged[f.RaterID] = append(flagged[f.RaterID], f.Kind)
			}
			if f.Reason == "" || f.ReasonEn == "" {
				t.Errorf("flag without its reason: %+v", f)
			}
		}
		teacher := false
		for _, f := range got.Flags {
			if f.Role == model.RaterHeadTeacher {
				teacher = f.Kind == stats.FlagStraightLine && f.Name == fx.TeacherHead.Name && f.RaterID == fx.TeacherHead.ID
			}
		}
		if !teacher {
			t.Errorf("the head teacher's full marks for everyone: not flagged 全部同分 with the teacher's name")
		}
		want := map[int64]stats.FlagKind{fc.Lenient.ID: stats.FlagLenient, fc.Severe.ID: stats.FlagSevere, fc.Straight.ID: stats.FlagStraightLine}
		for id, kind := range want {
			if len(flagged[id]) == 0 || flagged[id][0] != kind {
				t.Errorf("planted rater %d: flags %v, want %s", id, flagged[id], kind)
			}
		}
		for id, kinds := range flagged {
			if _, planted := want[id]; !planted {
				t.Errorf("honest peer %d flagged %v", id, kinds)
			}
		}
		for _, f := range got.Flags {
			t.Logf("%s %s %d: %s", f.Kind, f.Role, f.RaterID, f.Reason)
		}
	})
}
