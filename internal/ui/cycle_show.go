package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type cycleShowData struct {
	Cycle       storage.EvalCycle
	TermName    string
	Framework   string
	Classes     []classProgress
	Roles       []roleProgress
	Done        int
	Drafts      int
	Total       int
	Unfinished  int
	Moves       []cycleMove
	CanRemind   bool
	LastRemind  *storage.Reminder
	ByProgress  bool             // classes ordered by completion, lowest first
	Incomplete  int              // stored results 待补评 and not held back
	Held        int              // students held back from 公示
	Provisional *provisionalDist // before computing: totals so far (cycle_provisional.go)
}

// cycleMove is one button on the cycle page: the state it moves to.
// Closing, computing and publicising go through their check page first
// (Check), which shows what will happen and holds the real button.
type cycleMove struct {
	To      model.CycleState
	Label   string
	Confirm string
	Danger  bool
	Check   bool
}

// loadCycle reads the cycle named in the path, in the user's school.
func (s *Server) loadCycle(w http.ResponseWriter, r *http.Request) (storage.EvalCycle, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return storage.EvalCycle{}, false
	}
	c, err := s.st.Cycle(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return c, false
	}
	return c, true
}

func (s *Server) cycleShow(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	d := cycleShowData{Cycle: c}
	if f, err := s.st.Framework(ctx, school, c.FrameworkID); err == nil {
		d.Framework = fmt.Sprintf("%s（第 %d 版）", f.Name, f.Version)
	}
	if terms, err := s.st.Terms(ctx, school); err == nil {
		for _, t := range terms {
			if t.ID == c.TermID {
				d.TermName = t.Name()
			}
		}
	}
	if c.State != model.CycleDraft {
		if err := s.fillCycleProgress(r, &d); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	if s.authz.Can(userOf(r), "cycle:manage") {
		d.Moves = cycleMoves(c.State, s.authz.Can(userOf(r), "cycle:reopen"))
	}
	s.render(w, r, http.StatusOK, "cycle_show", c.Name, d)
}

// cycleMoves lists the buttons for a state, in the order a school works.
func cycleMoves(st model.CycleState, admin bool) []cycleMove {
	var out []cycleMove
	add := func(to model.CycleState, label, confirm string, danger bool) {
		if eval.CanMove(st, to) {
			check := to == model.CycleClosed || to == model.CycleComputed || to == model.CyclePublicised
			if check {
				confirm = ""
			}
			out = append(out, cycleMove{To: to, Label: label, Confirm: confirm, Danger: danger, Check: check})
		}
	}
	add(model.CycleOpen, map[bool]string{true: "重新开放（补评）", false: "开始评价"}[st == model.CycleClosed],
		map[bool]string{true: "重新开放后未完成的评价者可以继续评价，此操作会记入审计日志。确定吗？", false: "开始后将生成评价任务，学生、教师、导师和家长即可评价。确定吗？"}[st == model.CycleClosed], false)
	add(model.CycleClosed, "截止评价", "", false)
	add(model.CycleComputed, map[bool]string{true: "重新计算", false: "计算结果"}[st == model.CycleComputed || st == model.CyclePublicised], "", false)
	add(model.CyclePublicised, "开始公示", "", false)
	add(model.CycleFinal, "确认结果（锁定）", "确认后结果不可再改。确定吗？", true)
	if !admin {
		kept := out[:0]
		for _, m := range out {
			if !(st == model.CycleClosed && m.To == model.CycleOpen) {
				kept = append(kept, m)
			}
		}
		out = kept
	}
	return out
}

// cycleMove carries out one state change. Opening generates the rating
// tasks; computing runs the engine over the stored ratings and evidence.
func (s *Server) cycleMove(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	ctx, school, a := r.Context(), schoolOf(r), actor(r)
	to := model.CycleState(r.FormValue("to"))
	admin := s.authz.Can(userOf(r), "cycle:reopen")
	back := "/cycles/" + strconv.FormatInt(c.ID, 10)
	var err error
	switch {
	case !eval.CanMove(c.State, to):
		err = fmt.Errorf("评价周期%s，不能变为%s", c.State.Name(), to.Name())
	case c.State == model.CycleClosed && to == model.CycleOpen && !admin:
		s.errorPage(w, r, http.StatusForbidden, "只有学校管理员可以重新开放评价")
		return
	case c.State == model.CycleDraft && to == model.CycleOpen:
		var n int
		if n, err = evalrun.Open(ctx, s.st, school, a, c.ID); err == nil {
			s.flash(r, fmt.Sprintf("评价已开始，共生成 %d 项评价任务", n))
		}
	case to == model.CycleComputed:
		var sum evalrun.Summary
		if sum, err = evalrun.Recompute(ctx, s.st, school, a, c.ID); err == nil {
			if c.State == model.CyclePublicised {
				s.flash(r, fmt.Sprintf("已重新计算 %d 名学生的结果，公示继续进行", sum.Students))
			} else {
				s.flash(r, fmt.Sprintf("已计算 %d 名学生的结果（评分 %d 条，写实记录 %d 条）", sum.Students, sum.Ratings, sum.Evidence))
			}
		}
	default:
		if err = s.st.MoveCycle(ctx, school, a, c.ID, to, admin); err == nil {
			s.flash(r, "评价周期状态已变为："+to.Name())
		}
	}
	if errors.Is(err, storage.ErrIncompleteResults) {
		// Back to the check that lists the 待补评 students and the
		// exclusion form, not to a page that only repeats the refusal.
		back += "/check?to=" + string(model.CyclePublicised)
	}
	if err != nil {
		s.flashError(r, err.Error())
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}
