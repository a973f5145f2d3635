package evalrun

import (
	"cmp"
	"maps"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// fairAdjustments is the severity correction of a recompute (model.Aggregation.FairRoles): for every class of the
// cycle, the many-facet Rasch model is fitted on the class's current ratings (SeverityOf) and, for the roles the
// framework names, each student's role score on each indicator is moved by the points that make it what an average
// rater of that role in the class would have given. Nil when the framework corrects no role, so a recompute without
// the setting runs exactly as before. The fit always uses every sheet of the class, also when only some students
// are computed, so a student's correction does not depend on who else is computed with them. A class whose design
// does not fit (disconnected, too few ratings) gets no correction.
func fairAdjustments(f model.Framework, roster []storage.CycleStudent, sheets []eval.Sheet) map[eval.RoleKey]float64 {
	if len(f.Aggregation.FairRoles) == 0 {
		return nil
	}
	classOf := make(map[int64]int64, len(roster))
	for _, r := range roster {
		classOf[r.StudentID] = r.ClassID
	}
	byClass := map[int64][]model.Rating{}
	for _, sh := range sheets {
		c, ok := classOf[sh.StudentID]
		if !ok {
			continue
		}
		for _, it := range sh.Items {
			byClass[c] = append(byClass[c], model.Rating{RaterRole: sh.RaterRole, RaterID: sh.RaterID, StudentID: sh.StudentID,
				IndicatorCode: it.IndicatorCode, Value: it.Value, Level: it.Level})
		}
	}
	classes := slices.Sorted(maps.Keys(byClass))
	// Classes are independent fits: they run on every processor, each into its own map, merged afterwards (the
	// keys name one student each, so the merge does not depend on the order).
	parts := make([]map[eval.RoleKey]float64, len(classes))
	next := atomic.Int64{}
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(classes)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(classes); i = int(next.Add(1) - 1) {
				parts[i] = classAdjustments(f, byClass[classes[i]])
			}
		})
	}
	wg.Wait()
	out := map[eval.RoleKey]float64{}
	for _, p := range parts {
		maps.Copy(out, p)
	}
	return out
}

// classAdjustments fits one class and keeps the corrections of the roles the framework names.
func classAdjustments(f model.Framework, rs []model.Rating) map[eval.RoleKey]float64 {
	// Sheets come in no particular order; the fit numbers its elements in the order they appear, so a fixed
	// order keeps a recompute byte-identical.
	slices.SortFunc(rs, func(a, b model.Rating) int {
		return cmp.Or(cmp.Compare(a.StudentID, b.StudentID), cmp.Compare(a.RaterRole.Index(), b.RaterRole.Index()),
			cmp.Compare(a.RaterID, b.RaterID), cmp.Compare(a.IndicatorCode, b.IndicatorCode))
	})
	out := map[eval.RoleKey]float64{}
	for k, d := range SeverityOf(f, rs).Fair {
		if slices.Contains(f.Aggregation.FairRoles, k.Role) {
			out[k] = d
		}
	}
	return out
}
