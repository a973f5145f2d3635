// Package evalrun joins the pure evaluation engine (internal/eval) to
// storage, as internal/importer does for rosters: it loads what a step of
// a cycle needs, calls the engine and stores the outcome. The web pages,
// the API, the CLI and the benchmark all run cycles through here.
//
// # Corrections (申诉更正)
//
// An upheld appeal writes a result_corrections row (never an edit of a
// result). Results are derived data: every Recompute stores "engine output
// + corrections", so a later recompute cannot lose a correction. After the
// engine, corrections apply in id order: mode "set" makes the indicator's
// score the given value, mode "delta" adds the value; the score is clamped
// to 0–100 and rounded to two decimals, the indicator counts as rated (a
// "set" on an indicator still 待补评 decides it; a "delta" there has no
// score to change and is listed as not applied). The
// student's dimension scores and total are then recombined by the
// engine's rules (weighted mean of the rated indicators / dimensions with
// redistribution, 待补评 decided again the same way), and, when any correction
// applied, score levels, ranks and quota levels of the whole cycle are
// assigned again by the engine's quota rule (relevel.go), since one
// student's new total can move others across a quota. An explanation line
// on the indicator and on the student records each correction.
//
// # Policy version
//
// The first computation of a cycle uses the school's latest evidence
// policy and records its version on the cycle; later recomputes (after an
// appeal) reuse the recorded version, so editing the rule table never
// changes a computed cycle. A school without a policy computes with no
// evidence rules (version 0).
package evalrun

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Open generates a draft cycle's rating tasks from the organisation of its
// scope (classes, head teachers, the term's teaching assignments, mentors'
// apprentices, guardians), stores them and moves the cycle to open, in one
// transaction. It returns the number of tasks.
func Open(ctx context.Context, st *storage.Storage, schoolID int64, actor model.Actor, cycleID int64) (int, error) {
	c, err := st.Cycle(ctx, schoolID, cycleID)
	if err != nil {
		return 0, err
	}
	if c.State != model.CycleDraft {
		return 0, fmt.Errorf("评价周期“%s”%s，只有草稿可以开始评价", c.Name, c.State.Name())
	}
	in, err := st.EvalOrganisation(ctx, schoolID, c)
	if err != nil {
		return 0, err
	}
	if len(in.Classes) == 0 {
		return 0, errors.New("评价范围内没有在籍学生")
	}
	classOf := map[int64]int64{}
	for _, cl := range in.Classes {
		for _, s := range cl.StudentIDs {
			classOf[s] = cl.ClassID
		}
	}
	tasks := eval.Tasks(in)
	if err := st.OpenCycle(ctx, schoolID, actor, cycleID, tasks, classOf, false); err != nil {
		return 0, err
	}
	return len(tasks), nil
}

// Summary is what a Recompute did.
type Summary struct {
	Students      int           `json:"students"`
	Ratings       int           `json:"ratings"`
	Evidence      int           `json:"evidence"`
	Corrections   int           `json:"corrections"`
	Ignored       int           `json:"ignored"`
	PolicyVersion int           `json:"policy_version"`
	Load          time.Duration `json:"load"`
	Compute       time.Duration `json:"compute"`
	Store         time.Duration `json:"store"`
	// Skipped names the stored rows left out because a number in them is
	// not finite (NaN, ±Inf): one bad row is reported, never a reason to
	// refuse the whole cycle.
	Skipped []string `json:"skipped,omitempty"`
}

// Recompute computes a cycle's results from the database and stores them
// in one transaction, moving the cycle to computed (from closed or
// computed; a publicised cycle stays publicised, see
// storage.ReplaceResults) and setting computed_at. It is deterministic:
// the same stored inputs give byte-identical stored results.
func Recompute(ctx context.Context, st *storage.Storage, schoolID int64, actor model.Actor, cycleID int64) (Summary, error) {
	t0 := time.Now()
	c, err := st.Cycle(ctx, schoolID, cycleID)
	if err != nil {
		return Summary{}, err
	}
	switch c.State {
	case model.CycleClosed, model.CycleComputed, model.CyclePublicised:
	default:
		return Summary{}, fmt.Errorf("评价周期“%s”%s，截止后才能计算结果", c.Name, c.State.Name())
	}
	t1 := time.Now()
	results, sum, err := compute(ctx, st, schoolID, c, nil)
	if err != nil {
		return sum, err
	}
	t2 := time.Now()
	info := map[string]any{"ratings": sum.Ratings, "evidence": sum.Evidence, "corrections": sum.Corrections, "ignored": sum.Ignored}
	if len(sum.Skipped) > 0 {
		info["skipped"] = sum.Skipped
	}
	if err := st.ReplaceResults(ctx, schoolID, actor, cycleID, results, sum.PolicyVersion, info); err != nil {
		return sum, err
	}
	sum.Load += t1.Sub(t0) // the cycle's own read
	sum.Store = time.Since(t2)
	return sum, nil
}

// compute runs the engine and the corrections over a cycle's stored
// inputs without storing anything: for every student of the cycle, or,
// with only, for those students alone (their ratings, records and
// corrections). Levels and ranks are assigned among the students computed.
func compute(ctx context.Context, st *storage.Storage, schoolID int64, c storage.EvalCycle, only map[int64]bool) ([]model.StudentResult, Summary, error) {
	var sum Summary
	t0 := time.Now()
	f, err := st.Framework(ctx, schoolID, c.FrameworkID)
	if err != nil {
		return nil, sum, err
	}
	policy, version, err := st.EvidencePolicy(ctx, schoolID, c.PolicyVersion)
	if errors.Is(err, storage.ErrNotFound) && c.PolicyVersion == 0 {
		policy, version, err = model.EvidencePolicy{}, 0, nil
	}
	if err != nil {
		return nil, sum, err
	}
	roster, err := st.CycleStudents(ctx, schoolID, c.ID)
	if err != nil {
		return nil, sum, err
	}
	keep := func(id int64) bool { return only == nil || only[id] }
	students := make([]eval.Student, 0, len(roster))
	for _, r := range roster {
		if keep(r.StudentID) {
			students = append(students, eval.Student{ID: r.StudentID, ClassID: r.ClassID, CohortID: r.CohortID, MajorID: r.MajorID})
		}
	}
	sheets, err := st.CycleSheets(ctx, schoolID, c.ID)
	if err != nil {
		return nil, sum, err
	}
	adjust := fairAdjustments(f, roster, sheets)
	if only != nil {
		sheets = slices.DeleteFunc(sheets, func(sh eval.Sheet) bool { return !keep(sh.StudentID) })
	}
	ratings := 0
	for _, sh := range sheets {
		ratings += len(sh.Items)
	}
	evidence, err := st.VerifiedEvidence(ctx, schoolID, c.TermID)
	if err != nil {
		return nil, sum, err
	}
	corr, err := st.Corrections(ctx, schoolID, c.ID)
	if err != nil {
		return nil, sum, err
	}
	if only != nil {
		evidence = slices.DeleteFunc(evidence, func(e model.Evidence) bool { return !keep(e.StudentID) })
		corr = slices.DeleteFunc(corr, func(x storage.Correction) bool { return !keep(x.StudentID) })
	}
	sheets, evidence, corr, skipped := dropNonFinite(sheets, evidence, corr)
	t1 := time.Now()
	out, err := eval.Compute(eval.Input{Framework: f, Students: students, Sheets: sheets, Evidence: evidence, Policy: policy},
		eval.Options{CycleID: c.ID, TermID: c.TermID, Adjust: adjust})
	if err != nil {
		return nil, sum, err
	}
	ApplyCorrections(f, out.Results, corr)
	sum = Summary{Students: len(students), Ratings: ratings, Evidence: len(evidence), Corrections: len(corr), Ignored: out.IgnoredCount, PolicyVersion: version,
		Skipped: skipped, Load: t1.Sub(t0), Compute: time.Since(t1)}
	return out.Results, sum, nil
}

// ApplyCorrections applies corrections (in id order) to the engine's
// results, recombines the corrected students and, when anything changed,
// assigns levels and ranks again. Corrections for students or indicators
// not in the results are skipped.
func ApplyCorrections(f model.Framework, results []model.StudentResult, corr []storage.Correction) {
	if len(corr) == 0 {
		return
	}
	corr = slices.Clone(corr)
	slices.SortStableFunc(corr, func(a, b storage.Correction) int { return cmp.Compare(a.ID, b.ID) })
	idx := make(map[int64]int, len(results))
	for i := range results {
		idx[results[i].StudentID] = i
	}
	changed := false
	touched := map[int]bool{}
	for _, c := range corr {
		i, ok := idx[c.StudentID]
		if !ok {
			continue
		}
		r := &results[i]
		for d := range r.Dimensions {
			for k := range r.Dimensions[d].Indicators {
				ir := &r.Dimensions[d].Indicators[k]
				if ir.Code != c.IndicatorCode {
					continue
				}
				if !ir.Rated && c.Mode == storage.CorrectionDelta {
					// A change by points needs a score to change: the
					// indicator still lacks its raters (待补评).
					line := fmt.Sprintf("申诉更正未应用：指标“%s”待补评，尚无得分可调整（%s）", ir.Name, c.Reason)
					ir.Explanation = append(ir.Explanation, line)
					r.Explanation = append(r.Explanation, line)
					continue
				}
				old := ir.Score
				nv := c.Value
				if c.Mode == storage.CorrectionDelta {
					nv = old + c.Value
				}
				ir.Score = eval.Round2(min(max(nv, 0), 100))
				// A set score is the committee's decision: the indicator
				// counts from now on, whatever raters it lacked.
				ir.Rated, ir.Missing = true, ""
				line := fmt.Sprintf("申诉更正：指标“%s”由 %s 分改为 %s 分（%s）", ir.Name, eval.Num(old), eval.Num(ir.Score), c.Reason)
				ir.Explanation = append(ir.Explanation, line)
				r.Explanation = append(r.Explanation, line)
				changed, touched[i] = true, true
			}
		}
	}
	if !changed {
		return
	}
	for i := range touched {
		eval.Recombine(&results[i])
	}
	eval.Relevel(results, f.Grading)
	for i := range touched {
		r := &results[i]
		if r.Incomplete {
			r.Explanation = append(r.Explanation, fmt.Sprintf("更正后仍待补评（%d 个指标缺少评价），暂不计算总分、不评定等级", len(r.Missing)))
			continue
		}
		r.Explanation = append(r.Explanation, fmt.Sprintf("更正后总分 %s 分，等级%s（第 %d 名 / %d 人）", eval.Num(r.Total), r.Level, r.Rank, r.GroupSize))
	}
}
