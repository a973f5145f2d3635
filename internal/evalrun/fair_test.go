package evalrun

import (
	"math"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// TestFairAdjustmentsMoveAPlantedSevereRatersStudentsTowardsTheTruth simulates a class with one peer 2 logits more
// severe than the others and computes it twice through the engine, as a recompute does: without the setting and with
// fair averages for peers. The planted rater's students' peer component must come closer to what an average peer
// would have given them (the model's expected points at their true ability), and the other students must not be
// moved away from it.
func TestFairAdjustmentsMoveAPlantedSevereRatersStudentsTowardsTheTruth(t *testing.T) {
	f, rs, ability := severityClass(40, 7)
	var sheets []eval.Sheet
	var students []eval.Student
	var roster []storage.CycleStudent
	for s := range ability {
		students = append(students, eval.Student{ID: s, ClassID: 1})
		roster = append(roster, storage.CycleStudent{StudentID: s, ClassID: 1})
	}
	for i, r := range rs {
		sheets = append(sheets, eval.Sheet{ID: int64(i + 1), RaterRole: r.RaterRole, RaterID: r.RaterID, StudentID: r.StudentID,
			Items: []eval.SheetItem{{IndicatorCode: r.IndicatorCode, Value: r.Value}}})
	}
	run := func(fw model.Framework) map[int64][]model.RoleResult {
		out, err := eval.Compute(eval.Input{Framework: fw, Students: students, Sheets: sheets},
			eval.Options{Adjust: fairAdjustments(fw, roster, sheets)})
		if err != nil {
			t.Fatal(err)
		}
		peer := map[int64][]model.RoleResult{}
		for _, r := range out.Results {
			for _, ir := range r.Dimensions[0].Indicators {
				for _, rr := range ir.Roles {
					if rr.Role == model.RaterPeer {
						peer[r.StudentID] = append(peer[r.StudentID], rr)
					}
				}
			}
		}
		return peer
	}
	plain := run(f)
	on := f
	on.Aggregation.FairRoles = []model.RaterRole{model.RaterPeer}
	fair := run(on)
	truth := func(s int64) float64 { // an average peer: severity 2/40 logits
		p, e := categoryProbs(ability[s]-2.0/40, []float64{-1.5, -0.5, 0.5, 1.5}), 0.0
		for k, pk := range p {
			e += pk * 20 * float64(k+1)
		}
		return e
	}
	var errPlain, errFair, errOthersPlain, errOthersFair float64
	var planted, others int
	for s := range ability {
		for k := range plain[s] {
			if plain[s][k].Adjusted || !fair[s][k].Adjusted || fair[s][k].Raw != plain[s][k].Score {
				t.Fatalf("student %d: plain %+v, fair %+v; want the raw score kept next to the corrected one", s, plain[s][k], fair[s][k])
			}
		}
		p, q := mean(plain[s]), mean(fair[s])
		if ratedBy(rs, 1, s) {
			errPlain += math.Abs(p - truth(s))
			errFair += math.Abs(q - truth(s))
			planted++
		} else {
			errOthersPlain += math.Abs(p - truth(s))
			errOthersFair += math.Abs(q - truth(s))
			others++
		}
	}
	t.Logf("planted rater's %d students: mean |peer − truth| %.2f → %.2f points; others %.2f → %.2f",
		planted, errPlain/float64(planted), errFair/float64(planted), errOthersPlain/float64(others), errOthersFair/float64(others))
	if planted != 4 || errFair > 0.8*errPlain {
		t.Errorf("the correction did not bring the planted rater's students closer to the truth: %.2f → %.2f", errPlain, errFair)
	}
	if errOthersFair > errOthersPlain*1.05 {
		t.Errorf("the correction moved the other students away from the truth: %.2f → %.2f", errOthersPlain, errOthersFair)
	}
}

// mean is the mean score of a student's peer components over the indicators.
func mean(rr []model.RoleResult) float64 {
	s := 0.0
	for _, r := range rr {
		s += r.Score
	}
	return s / float64(len(rr))
}
