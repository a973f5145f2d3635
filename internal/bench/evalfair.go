package bench

import (
	"context"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// FairResult is the figure `zhijiao bench eval --fair` adds: the recompute of a cycle whose framework corrects the
// peers' scores for severity (a many-facet Rasch fit per class), against the plain recompute of the same ratings,
// measured alternately in the same run.
type FairResult struct {
	Plain, Fair time.Duration // medians
	Runs        int
}

// Ratio is the recompute with the correction over the plain one.
func (r FairResult) Ratio() float64 { return float64(r.Fair) / float64(r.Plain) }

// EvalFair builds on Eval's school and cycle: a second cycle in the same term on the default framework with
// Aggregation.FairRoles = 互评, rated by the same generator, then runs times each the two recomputes, alternately.
func EvalFair(ctx context.Context, st *storage.Storage, plain EvalResult, runs int) (FairResult, error) {
	res := FairResult{Runs: runs}
	sid, a := plain.SchoolID, model.SystemActor
	f := eval.DefaultFramework()
	f.Code, f.Name = "fair", f.Name+"（宽严校正）"
	f.Aggregation.FairRoles = []model.RaterRole{model.RaterPeer}
	if err := st.SaveFrameworkVersion(ctx, sid, a, &f); err != nil {
		return res, err
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: plain.Cycle.TermID, Name: "基准评价周期（宽严校正）", FrameworkID: f.ID, Seed: EvalSeed}}
	if err := st.CreateCycle(ctx, sid, a, &c); err != nil {
		return res, err
	}
	if _, err := evalrun.Open(ctx, st, sid, a, c.ID); err != nil {
		return res, err
	}
	c, err := st.Cycle(ctx, sid, c.ID)
	if err != nil {
		return res, err
	}
	in, err := st.EvalOrganisation(ctx, sid, c)
	if err != nil {
		return res, err
	}
	if err := st.LoadRatings(ctx, sid, a, c.ID, GenerateRatings(f, in, EvalSeed)); err != nil {
		return res, err
	}
	if err := st.MoveCycle(ctx, sid, a, c.ID, model.CycleClosed, true); err != nil {
		return res, err
	}
	var ps, fs []time.Duration
	for range runs {
		for _, x := range []struct {
			id  int64
			out *[]time.Duration
		}{{plain.Cycle.ID, &ps}, {c.ID, &fs}} {
			t := time.Now()
			if _, err := evalrun.Recompute(ctx, st, sid, a, x.id); err != nil {
				return res, err
			}
			*x.out = append(*x.out, time.Since(t))
		}
	}
	res.Plain, res.Fair = median(ps), median(fs)
	return res, nil
}
