package ui

import (
	"cmp"
	"net/http"
	"slices"
	"strconv"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// classProgress is one class's line of a cycle's progress: tasks done,
// drafts (begun, not complete) and total, overall and per rater role.
type classProgress struct {
	ClassID              int64
	Name                 string
	Done, Drafts, Total  int
	Percent              int
	Roles                []roleProgress
	LastRemind           *time.Time
	LastRemindRecipients int
}

type roleProgress struct {
	Role                model.RaterRole
	Done, Drafts, Total int
}

// NotBegun counts the tasks without any sheet yet.
func (p roleProgress) NotBegun() int { return p.Total - p.Done - p.Drafts }

func percent(done, total int) int {
	if total == 0 {
		return 0
	}
	return done * 100 / total
}

// cycleProgress reads a cycle's progress per class and role, with the
// class names, the last reminder that reached each class, and how many
// raters have not finished. Every task is read once and counted here: a
// school's 45,000 tasks in one pass, where an aggregate per question asked
// the database about every task again.
func (s *Server) cycleProgress(r *http.Request, cycleID int64) ([]classProgress, int, error) {
	states, err := s.st.TaskStates(r.Context(), schoolOf(r), cycleID)
	if err != nil {
		return nil, 0, err
	}
	out, err := s.progressOf(r, cycleID, states)
	if err != nil {
		return nil, 0, err
	}
	type rater struct {
		role model.RaterRole
		id   int64
	}
	unfinished := map[rater]bool{}
	for _, t := range states {
		if !t.Done {
			unfinished[rater{t.Role, t.RaterID}] = true
		}
	}
	return out, len(unfinished), nil
}

// progressOf counts task states per class and role, by class id and role.
func (s *Server) progressOf(r *http.Request, cycleID int64, states []storage.TaskState) ([]classProgress, error) {
	names, err := s.classNames(r)
	if err != nil {
		return nil, err
	}
	reminders, err := s.st.Reminders(r.Context(), schoolOf(r), cycleID)
	if err != nil {
		return nil, err
	}
	byClass := map[int64]*classProgress{}
	var ids []int64
	for _, t := range states {
		c := byClass[t.ClassID]
		if c == nil {
			c = &classProgress{ClassID: t.ClassID, Name: names[t.ClassID]}
			if last, ok := storage.LastReminderFor(reminders, t.ClassID); ok {
				c.LastRemind, c.LastRemindRecipients = &last.SentAt, last.Recipients
			}
			byClass[t.ClassID] = c
			ids = append(ids, t.ClassID)
		}
		i := slices.IndexFunc(c.Roles, func(p roleProgress) bool { return p.Role == t.Role })
		if i < 0 {
			c.Roles = append(c.Roles, roleProgress{Role: t.Role})
			i = len(c.Roles) - 1
		}
		rp := &c.Roles[i]
		rp.Total++
		c.Total++
		switch {
		case t.Done:
			rp.Done++
			c.Done++
		case t.Draft:
			rp.Drafts++
			c.Drafts++
		}
	}
	slices.Sort(ids)
	out := make([]classProgress, 0, len(ids))
	for _, id := range ids {
		c := byClass[id]
		c.Percent = percent(c.Done, c.Total)
		slices.SortFunc(c.Roles, func(a, b roleProgress) int { return cmp.Compare(a.Role.Index(), b.Role.Index()) })
		out = append(out, *c)
	}
	return out, nil
}

// cycleClassData is the drill-down of one class: its progress per role and
// every rater who has not finished, with what they lack.
type cycleClassData struct {
	Cycle     storage.EvalCycle
	Class     classProgress
	Groups    []raterGroup
	CanRemind bool
}

type raterGroup struct {
	Role   model.RaterRole
	Raters []raterLag
}

// raterLag is one unfinished rater: tasks done of total, and the students
// still to rate (a draft with how far it got, or not started).
type raterLag struct {
	Name             string
	Done, Total      int
	Drafts, NotBegun int
	Lacking          []lackingTask
	Required         int // indicators a complete sheet holds
}

type lackingTask struct {
	StudentName, StudentNo string
	Filled                 int // 0: not started
}

// cycleClass is GET /cycles/{id}/classes/{class}: who in this class has not
// finished and what they lack. Raters are named as the school knows them
// (peers are anonymous to the rated student, not to the school's staff).
func (s *Server) cycleClass(w http.ResponseWriter, r *http.Request) {
	c, ok := s.loadCycle(w, r)
	if !ok {
		return
	}
	classID, ok := httpx.PathID(r, "class")
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return
	}
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if !sc.AllowsClass(classID) {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	tasks, err := s.st.ClassTasks(ctx, school, c.ID, classID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(tasks) == 0 {
		s.errorPage(w, r, http.StatusNotFound, "该班级在本评价周期没有评价任务")
		return
	}
	states := make([]storage.TaskState, len(tasks))
	for i, t := range tasks {
		states[i] = storage.TaskState{ClassID: classID, Role: t.Role, RaterID: t.RaterID, Done: t.Done, Draft: !t.Done && t.Filled > 0}
	}
	progress, err := s.progressOf(r, c.ID, states)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := cycleClassData{Cycle: c, Class: progress[0], CanRemind: c.State == model.CycleOpen && s.authz.Can(userOf(r), "cycle:manage")}
	f, err := s.st.Framework(ctx, school, c.FrameworkID)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if d.Groups, err = s.ratersBehind(r, f, tasks); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "cycle_class", d.Class.Name+" · "+c.Name, d)
}

// ratersBehind groups a class's unfinished raters by role, each with the
// students they still lack (drafts first), the furthest behind first.
func (s *Server) ratersBehind(r *http.Request, f model.Framework, tasks []storage.ClassTask) ([]raterGroup, error) {
	var groups []raterGroup
	type key struct {
		role model.RaterRole
		id   int64
	}
	lags := map[key]*raterLag{}
	var order []key
	for _, t := range tasks {
		k := key{t.Role, t.RaterID}
		l := lags[k]
		if l == nil {
			l = &raterLag{Required: len(eval.IndicatorsFor(f, t.Role))}
			lags[k] = l
			order = append(order, k)
		}
		l.Total++
		switch {
		case t.Done:
			l.Done++
		case t.Filled > 0:
			l.Drafts++
			l.Lacking = append(l.Lacking, lackingTask{t.StudentName, t.StudentNo, t.Filled})
		default:
			l.NotBegun++
			l.Lacking = append(l.Lacking, lackingTask{t.StudentName, t.StudentNo, 0})
		}
	}
	ids := map[model.RaterRole][]int64{}
	for _, k := range order {
		if lags[k].Done < lags[k].Total {
			ids[k.role] = append(ids[k.role], k.id)
		}
	}
	for _, role := range model.RaterRoles {
		if len(ids[role]) == 0 {
			continue
		}
		names, err := s.st.RaterNames(r.Context(), schoolOf(r), role, ids[role])
		if err != nil {
			return nil, err
		}
		g := raterGroup{Role: role}
		for _, id := range ids[role] {
			l := lags[key{role, id}]
			l.Name = names[id]
			if l.Name == "" {
				l.Name = role.Name() + " #" + strconv.FormatInt(id, 10)
			}
			// Drafts first: they are the nearest to done.
			slices.SortStableFunc(l.Lacking, func(a, b lackingTask) int { return cmp.Compare(b.Filled, a.Filled) })
			g.Raters = append(g.Raters, *l)
		}
		// The furthest behind first.
		slices.SortStableFunc(g.Raters, func(a, b raterLag) int { return cmp.Compare(a.Done*b.Total, b.Done*a.Total) })
		groups = append(groups, g)
	}
	return groups, nil
}

// fillCycleProgress fills the cycle page's progress: per class, per role
// over the cycle, the unfinished raters and the last reminder; and, once
// computed, how many results are 待补评 or held back.
func (s *Server) fillCycleProgress(r *http.Request, d *cycleShowData) error {
	ctx, school := r.Context(), schoolOf(r)
	var err error
	if d.Classes, d.Unfinished, err = s.cycleProgress(r, d.Cycle.ID); err != nil {
		return err
	}
	byRole := map[model.RaterRole]*roleProgress{}
	for _, c := range d.Classes {
		d.Done, d.Drafts, d.Total = d.Done+c.Done, d.Drafts+c.Drafts, d.Total+c.Total
		for _, rp := range c.Roles {
			t := byRole[rp.Role]
			if t == nil {
				t = &roleProgress{Role: rp.Role}
				byRole[rp.Role] = t
			}
			t.Done, t.Drafts, t.Total = t.Done+rp.Done, t.Drafts+rp.Drafts, t.Total+rp.Total
		}
	}
	for _, role := range model.RaterRoles {
		if t := byRole[role]; t != nil {
			d.Roles = append(d.Roles, *t)
		}
	}
	if d.ByProgress = r.URL.Query().Get("sort") == "progress"; d.ByProgress {
		slices.SortStableFunc(d.Classes, func(a, b classProgress) int { return cmp.Compare(a.Done*b.Total, b.Done*a.Total) })
	}
	reminders, err := s.st.Reminders(ctx, school, d.Cycle.ID)
	if err != nil {
		return err
	}
	if len(reminders) > 0 {
		d.LastRemind = &reminders[0]
	}
	d.CanRemind = d.Cycle.State == model.CycleOpen && s.authz.Can(userOf(r), "cycle:manage")
	if err := s.fillProvisional(r, d); err != nil {
		return err
	}
	if d.Cycle.State == model.CycleComputed || d.Cycle.State == model.CyclePublicised {
		rows, err := s.st.CycleResults(ctx, school, d.Cycle.ID, 0)
		if err != nil {
			return err
		}
		held, err := s.st.ExcludedStudents(ctx, school, d.Cycle.ID, 0)
		if err != nil {
			return err
		}
		d.Held = len(held)
		for _, row := range rows {
			if !row.Complete && !held[row.StudentID] {
				d.Incomplete++
			}
		}
	}
	return nil
}
