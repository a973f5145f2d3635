package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// seedEvaluation gives the demo school what a visitor needs to try the
// evaluation at once: the default 中职 framework and rule table adopted,
// and this term's cycle open with its rating tasks, so every demo login
// finds something under 我的评价.
func seedEvaluation(ctx context.Context, st *storage.Storage, school model.School, seed int64, progress io.Writer) error {
	t0 := time.Now()
	a := model.Actor{Username: "demo"}
	f := eval.DefaultFramework()
	if err := st.SaveFrameworkVersion(ctx, school.ID, a, &f); err != nil {
		return err
	}
	if err := st.SetDefaultFramework(ctx, school.ID, a, f.ID); err != nil {
		return err
	}
	if _, err := st.SaveEvidencePolicy(ctx, school.ID, a, eval.DefaultEvidencePolicy()); err != nil {
		return err
	}
	term, err := st.CurrentTerm(ctx, school.ID)
	if err != nil {
		return err
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: term.ID, Name: term.Name() + "综合素质评价", FrameworkID: f.ID,
		PeerCount: eval.DefaultPeerCount, Seed: seed, PublicityDays: 5}}
	if err := st.CreateCycle(ctx, school.ID, a, &c); err != nil {
		return err
	}
	n, err := evalrun.Open(ctx, st, school.ID, a, c.ID)
	if err != nil {
		return err
	}
	fmt.Fprintf(progress, "评价：已采用默认评价方案，本学期评价已开始，%d 项评价任务，用时 %s / evaluation open with %d rating tasks\n",
		n, time.Since(t0).Round(time.Millisecond), n)
	return nil
}
