package ui

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

type portraitGroupData struct {
	Cycles      []portraitCycle
	Cycle       *portraitCycle
	Prev        *portraitCycle
	Departments []model.Department
	Majors      []idName
	Years       []int
	Classes     []model.Class
	F           groupFilter
	GroupName   string
	ClassCount  int
	Incomplete  int // 待补评 students: outside the statistics, counted apart

	Stats     portrait.Stats
	PrevStats *portrait.Stats
	MeanDelta string

	Hist       []portrait.Bucket
	HistChart  portrait.Chart
	Shares     []portrait.Share
	ShareChart portrait.Chart
	Dims       []portrait.Mean
	DimChart   portrait.Chart
	Indicators []portrait.Mean
	Strongest  []portrait.Mean
	Weakest    []portrait.Mean
	Completion []completionRow
	DoneChart  portrait.Chart

	// Fairness is the reliability of a one-class group; ShowRaters says
	// whether the viewer may see who the flagged raters are (cycle:read,
	// as on the cycle's fairness page).
	Fairness   *fairnessData
	ShowRaters bool
	FlagCounts []flagCount
	LowAlpha   int // peer-rated indicators whose alpha is below 0.667
}

type groupFilter struct {
	Cycle, Department, Major, Class int64
	Year                            int
}

type idName struct {
	ID   int64
	Name string
}

type completionRow struct {
	Role        string
	Done, Total int
	Percent     float64
}

type flagCount struct {
	Kind  string
	Count int
}

// portraitGroup is the portrait of a class, major, department, cohort or
// the whole school in one cycle: the distribution of totals, the shares
// of the levels, dimension means, the strongest and weakest indicators,
// how far rating got per rater role, reliability (for one class) and the
// change since the previous cycle. Teachers see their classes, department
// heads their departments, school offices everything.
func (s *Server) portraitGroup(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	sc, err := s.portraitScope(r, "portrait:read_group")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := portraitGroupData{F: groupFilter{Cycle: queryInt(r, "cycle"), Department: queryInt(r, "department"), Major: queryInt(r, "major"),
		Class: queryInt(r, "class"), Year: int(queryInt(r, "year"))}}
	if d.Cycles, err = s.portraitCycles(r); err != nil {
		s.serverError(w, r, err)
		return
	}
	cf := storage.ClassFilter{ListQuery: model.AllRows(), Scoped: !sc.All, ClassIDs: sc.ClassIDs}
	visible, _, err := s.st.Classes(ctx, school, cf)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.groupChoices(r, visible, &d); err != nil {
		s.serverError(w, r, err)
		return
	}
	classIDs, ok := d.groupClasses(visible, sc.All)
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	for i := range d.Cycles {
		if d.F.Cycle == 0 && i == len(d.Cycles)-1 || d.Cycles[i].ID == d.F.Cycle {
			d.Cycle = &d.Cycles[i]
			d.Prev = previousCycle(d.Cycles, i)
		}
	}
	if d.F.Cycle != 0 && d.Cycle == nil {
		s.errorPage(w, r, http.StatusNotFound, "该评价周期尚未计算结果")
		return
	}
	if d.Cycle != nil {
		if err := s.groupPortrait(r, &d, classIDs); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "portrait_group", "群体画像", d)
}

// groupChoices fills the filter lists from the classes the viewer may
// see, so a head teacher is offered only their own classes' majors.
func (s *Server) groupChoices(r *http.Request, visible []model.Class, d *portraitGroupData) error {
	depts, err := s.st.Departments(r.Context(), schoolOf(r))
	if err != nil {
		return err
	}
	seenDept, seenMajor := map[int64]bool{}, map[int64]bool{}
	for _, c := range visible {
		seenDept[c.DepartmentID] = true
		if !seenMajor[c.MajorID] {
			seenMajor[c.MajorID] = true
			d.Majors = append(d.Majors, idName{c.MajorID, c.MajorName})
		}
		if !slices.Contains(d.Years, c.EntryYear) {
			d.Years = append(d.Years, c.EntryYear)
		}
	}
	for _, dep := range depts {
		if seenDept[dep.ID] {
			d.Departments = append(d.Departments, dep)
		}
	}
	slices.Sort(d.Years)
	slices.Reverse(d.Years)
	return nil
}

// groupClasses narrows the visible classes by the filter and names the
// group. nil means every class of the school (no IN list in the queries);
// ok is false when a filter names something outside the viewer's scope.
func (d *portraitGroupData) groupClasses(visible []model.Class, all bool) ([]int64, bool) {
	var ids []int64
	var parts []string
	found := map[string]bool{}
	for _, c := range visible {
		if d.F.Class != 0 && c.ID != d.F.Class || d.F.Department != 0 && c.DepartmentID != d.F.Department ||
			d.F.Major != 0 && c.MajorID != d.F.Major || d.F.Year != 0 && c.EntryYear != d.F.Year {
			continue
		}
		ids = append(ids, c.ID)
		d.Classes = append(d.Classes, c)
		if c.ID == d.F.Class {
			found["class"] = true
			parts = append(parts, c.Name)
		}
	}
	if d.F.Class != 0 && !found["class"] {
		return nil, false
	}
	if d.F.Class == 0 {
		for _, dep := range d.Departments {
			if dep.ID == d.F.Department {
				parts, found["department"] = append(parts, dep.Name), true
			}
		}
		for _, m := range d.Majors {
			if m.ID == d.F.Major {
				parts, found["major"] = append(parts, m.Name), true
			}
		}
		if d.F.Year != 0 {
			parts = append(parts, strconv.Itoa(d.F.Year)+"级")
		}
		if d.F.Department != 0 && !found["department"] || d.F.Major != 0 && !found["major"] {
			return nil, false
		}
	}
	// The class list offered in the filter is every visible class of the
	// chosen department, major and cohort, not only the chosen class.
	if d.F.Class != 0 {
		d.Classes = nil
		for _, c := range visible {
			if (d.F.Department == 0 || c.DepartmentID == d.F.Department) && (d.F.Major == 0 || c.MajorID == d.F.Major) && (d.F.Year == 0 || c.EntryYear == d.F.Year) {
				d.Classes = append(d.Classes, c)
			}
		}
	}
	switch {
	case len(parts) > 0:
		d.GroupName = strings.Join(parts, " · ")
	case all:
		d.GroupName = "全校"
	default:
		d.GroupName = "我负责的班级"
	}
	if all && d.F == (groupFilter{Cycle: d.F.Cycle}) {
		return nil, true
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, true
}

// groupPortrait computes every figure of the page for the chosen cycle
// and the previous one.
func (s *Server) groupPortrait(r *http.Request, d *portraitGroupData, classIDs []int64) error {
	c := d.Cycle
	var prevID int64
	if d.Prev != nil {
		prevID = d.Prev.ID
	}
	g, err := s.readGroup(r, c.ID, prevID, classIDs)
	if err != nil {
		return err
	}
	// The classes counted are those the cycle rated: a cohort's cycle
	// covers only that cohort's classes of the group.
	rated := map[int64]bool{}
	for _, x := range g.res {
		rated[x.ClassID] = true
	}
	d.ClassCount = len(rated)
	totals, levels, incomplete := resultColumns(g.res)
	d.Incomplete = incomplete
	d.Stats = portrait.Describe(totals)
	d.Hist = portrait.Histogram(totals)
	d.Shares = portrait.LevelShares(levels)
	dims, err := s.frameworkDims(r, c.FrameworkID)
	if err != nil {
		return err
	}
	d.Dims, d.Indicators = splitMeans(g.means, dims)
	if len(g.prevRes) > 0 {
		pt, pl, _ := resultColumns(g.prevRes)
		ps := portrait.Describe(pt)
		d.PrevStats = &ps
		d.MeanDelta = fmt.Sprintf("%+.2f", d.Stats.Mean-ps.Mean)
		portrait.CompareShares(d.Shares, portrait.LevelShares(pl))
		pd, pi := splitMeans(g.prevMeans, dims)
		portrait.Compare(d.Dims, pd)
		portrait.Compare(d.Indicators, pi)
	}
	d.Strongest, d.Weakest = portrait.RankIndicators(d.Indicators, 5)

	groupCharts(d, g.prog)

	if d.F.Class != 0 {
		return s.groupFairness(r, d)
	}
	return nil
}

// groupCharts draws the page's charts: the histogram of totals, the
// level ring, the dimension means beside the previous cycle's, and the
// completion per rater role (prog, sorted in place by role).
func groupCharts(d *portraitGroupData, prog []storage.Progress) {
	labels := make([]string, len(d.Hist))
	counts := make([]float64, len(d.Hist))
	for i, b := range d.Hist {
		labels[i], counts[i] = b.Label, float64(b.Count)
	}
	d.HistChart = portrait.Counts("", labels, counts)
	shareCounts := make([]float64, len(d.Shares))
	for i, sh := range d.Shares {
		shareCounts[i] = float64(sh.Count)
	}
	d.ShareChart = portrait.Ring("", portrait.Levels, shareCounts)
	dimNames := make([]string, len(d.Dims))
	series := []portrait.Series{{Name: d.Cycle.Name}}
	for i, m := range d.Dims {
		dimNames[i] = m.Name
		series[0].Values = append(series[0].Values, round1(m.Mean))
	}
	if d.PrevStats != nil {
		prev := portrait.Series{Name: d.Prev.Name}
		for _, m := range d.Dims {
			v := math.NaN()
			if m.Prev != nil {
				v = round1(*m.Prev)
			}
			prev.Values = append(prev.Values, v)
		}
		series = append(series, prev)
	}
	d.DimChart = portrait.GroupedBars("", dimNames, series, 100)

	slices.SortFunc(prog, func(a, b storage.Progress) int { return a.Role.Index() - b.Role.Index() })
	done := portrait.Series{Name: "完成率（%）"}
	var roles []string
	for _, p := range prog {
		row := completionRow{Role: p.Role.Name(), Done: p.Done, Total: p.Total}
		if p.Total > 0 {
			row.Percent = round1(float64(p.Done) * 100 / float64(p.Total))
		}
		d.Completion = append(d.Completion, row)
		roles = append(roles, row.Role)
		done.Values = append(done.Values, row.Percent)
	}
	d.DoneChart = portrait.GroupedBars("", roles, []portrait.Series{done}, 100)
}

// groupFairness adds, for one chosen class, the rater agreement and the
// count of each kind of rater flag (the fairness page has the details).
func (s *Server) groupFairness(r *http.Request, d *portraitGroupData) error {
	fd := fairnessData{Cycle: d.Cycle.EvalCycle, ClassID: d.F.Class}
	if err := s.fairness(r, d.Cycle.EvalCycle, &fd); err != nil {
		return err
	}
	d.Fairness = &fd
	d.ShowRaters = s.authz.Can(userOf(r), "cycle:read")
	for _, fi := range fd.Indicators {
		if fi.Low {
			d.LowAlpha++
		}
	}
	counts := map[string]int{}
	var kinds []string
	for _, f := range fd.Flags {
		k := string(f.Kind)
		if counts[k] == 0 {
			kinds = append(kinds, k)
		}
		counts[k]++
	}
	for _, k := range kinds {
		d.FlagCounts = append(d.FlagCounts, flagCount{k, counts[k]})
	}
	return nil
}

// groupReads is what the group page reads from storage: this cycle's
// totals, score means and task completion, and the previous cycle's
// totals and means.
type groupReads struct {
	res, prevRes     []storage.GroupResult
	means, prevMeans []storage.ScoreMean
	prog             []storage.Progress
}

// readGroup reads the group's figures: a few thousand summary rows at
// most (result_means, result_progress), however large the school.
func (s *Server) readGroup(r *http.Request, cur, prev int64, classIDs []int64) (groupReads, error) {
	ctx, school := r.Context(), schoolOf(r)
	var g groupReads
	var err error
	if g.res, err = s.st.GroupResults(ctx, school, cur, classIDs); err != nil {
		return g, err
	}
	if g.means, err = s.st.GroupScoreMeans(ctx, school, cur, classIDs); err != nil {
		return g, err
	}
	if g.prog, err = s.st.GroupCompletion(ctx, school, cur, classIDs); err != nil {
		return g, err
	}
	if prev != 0 {
		if g.prevRes, err = s.st.GroupResults(ctx, school, prev, classIDs); err != nil {
			return g, err
		}
		g.prevMeans, err = s.st.GroupScoreMeans(ctx, school, prev, classIDs)
	}
	return g, err
}

// resultColumns lists the totals and levels of the students who have
// them. 待补评 students (and, in results stored before the rule, students
// with no level) have no total: they are left out of means, histograms and
// level shares, and counted apart.
func resultColumns(res []storage.GroupResult) (totals []float64, levels []string, incomplete int) {
	totals = make([]float64, 0, len(res))
	levels = make([]string, 0, len(res))
	for _, x := range res {
		if x.Incomplete || x.Level == "" {
			incomplete++
			continue
		}
		totals, levels = append(totals, x.Total), append(levels, string(x.Level))
	}
	return totals, levels, incomplete
}

// splitMeans names the means and puts them in framework order.
func splitMeans(means []storage.ScoreMean, fdims []model.Dimension) (dims, inds []portrait.Mean) {
	by := map[string]storage.ScoreMean{}
	for _, m := range means {
		by[m.Kind+m.Code] = m
	}
	for _, dim := range fdims {
		if m, ok := by[storage.ScoreDimension+dim.Code]; ok {
			dims = append(dims, portrait.Mean{Code: dim.Code, Name: dim.Name, Mean: eval.Round2(m.Mean), Count: m.Count})
		}
		for _, ind := range dim.Indicators {
			if m, ok := by[storage.ScoreIndicator+ind.Code]; ok {
				inds = append(inds, portrait.Mean{Code: ind.Code, Name: ind.Name, Dimension: dim.Name, Mean: eval.Round2(m.Mean), Count: m.Count})
			}
		}
	}
	return dims, inds
}

// previousCycle is the cycle "last term" compares with: the newest one of
// an earlier term over the same scope (the same cohort's or department's
// cycle, or the whole school's), else the newest of an earlier term where
// either is school-wide. A cycle of the same term over another cohort is
// never "last term".
func previousCycle(cs []portraitCycle, i int) *portraitCycle {
	cur := cs[i]
	var wide *portraitCycle
	for j := i - 1; j >= 0; j-- {
		c := &cs[j]
		if c.Term.StartDate >= cur.Term.StartDate {
			continue
		}
		if c.ScopeKind == cur.ScopeKind && c.ScopeID == cur.ScopeID {
			return c
		}
		if wide == nil && (c.ScopeKind == storage.ScopeSchool || cur.ScopeKind == storage.ScopeSchool) {
			wide = c
		}
	}
	return wide
}
