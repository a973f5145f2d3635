package bench

import (
	"context"
	"math/rand/v2"
	"time"

	"zhijiao/internal/demo"
	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// EvalResult is the figure `zhijiao bench eval` prints.
type EvalResult struct {
	Students   int
	Indicators int
	Tasks      int
	Ratings    int
	Setup      time.Duration // demo school, framework, cycle, tasks
	Load       time.Duration // inserting the ratings (multi-row INSERT)
	Bare       time.Duration // GROUP BY over the cycle's ratings, fully read (median)
	Recompute  time.Duration // evalrun.Recompute: load, compute, store (median)
	Last       evalrun.Summary
	Runs       int
	SchoolID   int64 // where the cycle is, for benchmarks that build on it (EvalFair)
	Cycle      storage.EvalCycle
}

// Ratio is the recompute over the bare aggregate.
func (r EvalResult) Ratio() float64 { return float64(r.Recompute) / float64(r.Bare) }

// EvalSeed fixes the generated ratings.
const EvalSeed = 2026

// Eval generates a demo school of n students on st, a cycle on the default
// framework with a rating from every task on every indicator its role rates,
// and measures, runs times each, the full recompute from the database
// against a bare SQL aggregate of the same ratings.
func Eval(ctx context.Context, st *storage.Storage, n, runs int) (EvalResult, error) {
	res := EvalResult{Runs: runs}
	t0 := time.Now()
	code := "evalbench" // fixed: the demo content depends on the code
	out, err := demo.Generate(ctx, st, demo.Options{SchoolCode: code, SchoolName: "评价基准学校", Students: n, Seed: EvalSeed, Bare: true}, nil)
	if err != nil {
		return res, err
	}
	sid := out.Schools[0].ID
	res.SchoolID = sid
	a := model.SystemActor
	term, err := st.CurrentTerm(ctx, sid)
	if err != nil {
		return res, err
	}
	f := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, sid, a, &f); err != nil {
		return res, err
	}
	if _, err := st.SaveEvidencePolicy(ctx, sid, a, eval.DefaultEvidencePolicy()); err != nil {
		return res, err
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: term.ID, Name: "基准评价周期", FrameworkID: f.ID, Seed: EvalSeed}}
	if err := st.CreateCycle(ctx, sid, a, &c); err != nil {
		return res, err
	}
	if res.Tasks, err = evalrun.Open(ctx, st, sid, a, c.ID); err != nil {
		return res, err
	}
	c, err = st.Cycle(ctx, sid, c.ID)
	if err != nil {
		return res, err
	}
	res.Cycle = c
	in, err := st.EvalOrganisation(ctx, sid, c)
	if err != nil {
		return res, err
	}
	res.Setup = time.Since(t0)
	ratings := GenerateRatings(f, in, EvalSeed)
	for _, cl := range in.Classes {
		res.Students += len(cl.StudentIDs)
	}
	res.Indicators, res.Ratings = len(eval.Indicators(f)), len(ratings)
	t1 := time.Now()
	if err := st.LoadRatings(ctx, sid, a, c.ID, ratings); err != nil {
		return res, err
	}
	res.Load = time.Since(t1)
	ratings = nil
	if err := st.MoveCycle(ctx, sid, a, c.ID, model.CycleClosed, true); err != nil {
		return res, err
	}
	var bare, full []time.Duration
	for range runs {
		t := time.Now()
		if err := bareAggregate(ctx, st, sid, c.ID); err != nil {
			return res, err
		}
		bare = append(bare, time.Since(t))
		t = time.Now()
		sum, err := evalrun.Recompute(ctx, st, sid, a, c.ID)
		if err != nil {
			return res, err
		}
		full = append(full, time.Since(t))
		res.Last = sum
	}
	res.Bare, res.Recompute = median(bare), median(full)
	return res, nil
}

// bareAggregate is the floor: the database takes the current rating
// sheets apart itself (json_each on SQLite, json_array_elements on
// PostgreSQL), groups the ratings by student, indicator and role, and the
// client reads every group: the same question the engine answers first,
// asked of the same stored rows, in bare SQL.
func bareAggregate(ctx context.Context, st *storage.Storage, schoolID, cycleID int64) error {
	rows, err := st.DB().QueryContext(ctx, BareAggregateSQL(st.Dialect()), schoolID, cycleID)
	if err != nil {
		return err
	}
	defer rows.Close()
	var sid int64
	var code, role string
	var avg float64
	var n int
	for rows.Next() {
		if err := rows.Scan(&sid, &code, &role, &avg, &n); err != nil {
			return err
		}
	}
	return rows.Err()
}

// BareAggregateSQL is the floor's query, as docs/benchmarks.md quotes it.
func BareAggregateSQL(d storage.Dialect) string {
	each := "json_each(s.items)"
	value := "e.value ->> 1"
	if d == storage.Postgres {
		each = "json_array_elements(CAST(s.items AS json))"
		value = "CAST(e.value ->> 1 AS DOUBLE PRECISION)"
	}
	return `SELECT s.student_id, e.value ->> 0, s.rater_role, AVG(` + value + `), COUNT(*)
		FROM rating_sheets s, ` + each + ` e
		WHERE s.school_id = $1 AND s.cycle_id = $2 AND s.superseded = FALSE GROUP BY 1, 2, 3`
}

// GenerateRatings gives one rating per task of in and indicator the task's
// role rates, around each student's own level, deterministic in seed.
func GenerateRatings(f model.Framework, in eval.TaskInput, seed uint64) []model.Rating {
	rng := rand.New(rand.NewPCG(seed, 7))
	inds := eval.Indicators(f)
	byRole := make([][]model.Indicator, len(model.RaterRoles))
	for _, ind := range inds {
		for ri, role := range model.RaterRoles {
			if ind.RoleWeights[role] > 0 {
				byRole[ri] = append(byRole[ri], ind)
			}
		}
	}
	ability := map[int64]float64{}
	var out []model.Rating
	for _, task := range eval.Tasks(in) {
		ab, ok := ability[task.StudentID]
		if !ok {
			ab = 62 + 36*rng.Float64()
			ability[task.StudentID] = ab
		}
		for _, ind := range byRole[task.Role.Index()] {
			v := min(max(ab+6*rng.NormFloat64(), 0), 100)
			r := model.Rating{CycleID: in.CycleID, RaterRole: task.Role, RaterID: task.RaterID, StudentID: task.StudentID, IndicatorCode: ind.Code}
			switch ind.Scale.Kind {
			case model.ScaleScore100:
				r.Value = float64(int(v))
			case model.ScaleRating5:
				r.Value = float64(min(max(int(v/20+0.5), 1), 5))
			case model.ScaleLevels:
				lv := ind.Scale.Levels
				i := min(max(int((100-v)/12), 0), len(lv)-1)
				r.Level = lv[i].Name
			}
			out = append(out, r)
		}
	}
	return out
}
