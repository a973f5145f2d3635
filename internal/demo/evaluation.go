package demo

import (
	"context"
	"fmt"
	"io"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
)

// seedEvaluation gives the demo school what a visitor needs to try the
// evaluation at once: the default 中职 framework and rule table adopted,
// last school year's cycles final (history.go), and this term's cycle open
// with its rating tasks, about a third of them already done — but none of
// the printed logins' own, so every demo login finds its tasks under 我的评价.
// It returns the planted raters of this cycle and last year's (planted.go).
func seedEvaluation(ctx context.Context, st *storage.Storage, school model.School, seed int64, p *plan, bare bool, progress io.Writer) ([]PlantedRater, error) {
	t0 := time.Now()
	a := model.Actor{Username: "demo"}
	f := eval.DefaultFramework()
	if err := st.AdoptDefaultFramework(ctx, school.ID, a, &f); err != nil {
		return nil, err
	}
	if _, err := st.SaveEvidencePolicy(ctx, school.ID, a, eval.DefaultEvidencePolicy()); err != nil {
		return nil, err
	}
	m := newRatingModel(seed, school.Code, f)
	if !bare {
		if err := seedHistory(ctx, st, school, f, seed, m, progress); err != nil {
			return nil, err
		}
	}
	term, err := st.CurrentTerm(ctx, school.ID)
	if err != nil {
		return nil, err
	}
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: term.ID, Name: term.Name() + "综合素质评价", FrameworkID: f.ID,
		PeerCount: eval.DefaultPeerCount, Seed: seed, PublicityDays: 5}}
	if err := st.CreateCycle(ctx, school.ID, a, &c); err != nil {
		return nil, err
	}
	n, err := evalrun.Open(ctx, st, school.ID, a, c.ID)
	if err != nil {
		return nil, err
	}
	if c, err = st.Cycle(ctx, school.ID, c.ID); err != nil {
		return nil, err
	}
	k := 0
	if !bare {
		// This term's cycle has been open for the last two weeks; some
		// raters stopped half way (草稿), and the office reminded everyone
		// who had not finished two days ago.
		m.plant = true
		if k, err = fillTasks(ctx, st, school.ID, c, f, m, 0.35, 0.08, 4.5, day(today).AddDate(0, 0, -14), day(today), p.showcaseTask); err != nil {
			return nil, err
		}
		sent := day(today).AddDate(0, 0, -2).Add(8 * time.Hour) // 16:00 in the school's zone
		if _, err := notify.Remind(ctx, st, notify.InApp{St: st}, school.ID, a, notify.RemindRequest{CycleID: c.ID, Now: sent}); err != nil {
			return nil, err
		}
	}
	fmt.Fprintf(progress, "评价：已采用默认评价方案，本学期评价已开始，%d 项评价任务（已有 %d 条评分），用时 %s / evaluation open with %d rating tasks\n",
		n, k, time.Since(t0).Round(time.Millisecond), n)
	p.namePlanted(m.planted)
	return m.planted, nil
}

// showcaseTask reports whether a task belongs to the printed logins' story
// (the showcase class and its people): those stay to do, for the visitor.
func (p *plan) showcaseTask(t model.RatingTask) bool {
	sh := p.show
	if sh.class == nil {
		return false
	}
	for _, st := range sh.class.students {
		if st.s.ID == t.StudentID {
			return true
		}
	}
	switch t.Role {
	case model.RaterSubjectTeacher, model.RaterHeadTeacher:
		return (sh.subject != nil && t.RaterID == sh.subject.t.ID) || (sh.class.head != nil && t.RaterID == sh.class.head.t.ID) ||
			(sh.deptHead != nil && t.RaterID == sh.deptHead.t.ID)
	case model.RaterMentor:
		return sh.mentor != nil && t.RaterID == sh.mentor.m.ID
	}
	return false
}
