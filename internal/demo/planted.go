package demo

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
	"zhijiao/internal/storage"
)

// Planted raters: this term's cycle and one of last year's (the second
// term of the class of 2024) have, in a few classes, raters who are off on
// purpose, so a visitor sees what the 评分者信度 page flags and the rater
// checks can be calibrated on the demo (docs/evaluation.md). In each such
// class: a peer about one level more generous on everything, a severe
// peer, a peer who gives 优秀 to everything, a parent far harsher than
// parents usually are, and a subject teacher lenient to this class. Every
// task of those classes is done, so the page has a whole class to compare.
// The choice depends only on the cycle's seed, the school code and the
// organisation, like the rest of the demo.

// plantedClasses is how many classes of a planted cycle get planted raters.
const plantedClasses = 3

// PlantedRater is one rater the demo made off on purpose, in one class of
// one cycle.
type PlantedRater struct {
	CycleID int64
	Cycle   string // the cycle's name
	ClassID int64
	Class   string // the class's name
	Role    model.RaterRole
	RaterID int64 // the rater's id in their role (student, guardian or teacher)
	Name    string
	// Kind is the flag the rater checks should raise: 偏宽, 偏严 or 全部同分.
	Kind stats.FlagKind
}

type plantKind int

const (
	plantNone     plantKind = iota
	plantLenient            // about one level more generous on everything
	plantSevere             // about one level stricter on everything
	plantStraight           // 优秀 (the top) to everything
	plantHarsh              // a parent far harsher than parents usually are
)

// shift is the planted rater's offset in points: about one level, which
// is 10–20 points between the choices (95, 85, 70, 50) and 20 on a 五分制
// item; 15 is the step from 合格 to 良好.
func (k plantKind) shift() float64 {
	switch k {
	case plantLenient:
		return 15
	case plantSevere:
		return -15
	case plantHarsh:
		return -25 // parents rate about 7 above a neutral observer: this one about 18 below
	}
	return 0
}

func (k plantKind) flag() stats.FlagKind {
	switch k {
	case plantLenient:
		return stats.FlagLenient
	case plantStraight:
		return stats.FlagStraightLine
	}
	return stats.FlagSevere
}

// plantCycle chooses the planted raters of cycle c when m.plant asks for
// it (and resets the request), records them in m.plants and m.planted, and
// returns the students of the planted classes. Classes with a task skip
// refuses (the printed logins' story) are never chosen, nor classes too
// small for peers to share students.
func (m *ratingModel) plantCycle(c storage.EvalCycle, in eval.TaskInput, tasks []model.RatingTask, skip func(model.RatingTask) bool) map[int64]bool {
	m.plants = map[[3]int64]plantKind{}
	if !m.plant {
		return nil
	}
	m.plant = false
	classOf := map[int64]int64{}
	for _, cl := range in.Classes {
		for _, s := range cl.StudentIDs {
			classOf[s] = cl.ClassID
		}
	}
	byClass := map[int64][]model.RatingTask{}
	refused := map[int64]bool{}
	for _, t := range tasks {
		cl := classOf[t.StudentID]
		byClass[cl] = append(byClass[cl], t)
		if skip != nil && skip(t) {
			refused[cl] = true
		}
	}
	var eligible []int64
	for _, cl := range in.Classes {
		if !refused[cl.ClassID] && len(cl.StudentIDs) >= 10 {
			eligible = append(eligible, cl.ClassID)
		}
	}
	h := fnv.New64a()
	h.Write([]byte(fmt.Sprintf("planted/%d", c.ID)))
	r := rand.New(rand.NewPCG(uint64(c.Seed), h.Sum64()))
	r.Shuffle(len(eligible), func(i, j int) { eligible[i], eligible[j] = eligible[j], eligible[i] })
	finished := map[int64]bool{}
	for _, cl := range eligible[:min(plantedClasses, len(eligible))] {
		picks := plantClass(byClass[cl], r)
		for _, t := range byClass[cl] {
			finished[t.StudentID] = true
			if k := picks[raterID{t.Role, t.RaterID}]; k != plantNone {
				m.plants[[3]int64{int64(t.Role.Index()), t.RaterID, t.StudentID}] = k
			}
		}
		for who, k := range picks {
			m.planted = append(m.planted, PlantedRater{CycleID: c.ID, Cycle: c.Name, ClassID: cl, Role: who.role, RaterID: who.id, Kind: k.flag()})
		}
	}
	slices.SortFunc(m.planted, func(a, b PlantedRater) int {
		return cmp.Or(cmp.Compare(a.CycleID, b.CycleID), cmp.Compare(a.ClassID, b.ClassID),
			cmp.Compare(a.Role.Index(), b.Role.Index()), cmp.Compare(a.RaterID, b.RaterID))
	})
	return finished
}

// raterID is a rater in one role.
type raterID struct {
	role model.RaterRole
	id   int64
}

// plantClass picks one class's planted raters from its tasks: three
// distinct peers, a parent and a subject teacher (who is not the class's
// head teacher, so the teacher is off in one role only).
func plantClass(tasks []model.RatingTask, r *rand.Rand) map[raterID]plantKind {
	raters := map[model.RaterRole][]int64{}
	var heads []int64
	for _, t := range tasks {
		if t.Role == model.RaterHeadTeacher {
			heads = append(heads, t.RaterID)
		}
		if rs := raters[t.Role]; !slices.Contains(rs, t.RaterID) {
			raters[t.Role] = append(rs, t.RaterID)
		}
	}
	pick := func(role model.RaterRole) int64 {
		rs := slices.DeleteFunc(slices.Clone(raters[role]), func(id int64) bool {
			return role == model.RaterSubjectTeacher && slices.Contains(heads, id)
		})
		if len(rs) == 0 {
			return 0
		}
		slices.Sort(rs) // tasks are sorted already; sorting keeps the pick independent of that
		id := rs[r.IntN(len(rs))]
		raters[role] = slices.DeleteFunc(raters[role], func(x int64) bool { return x == id })
		return id
	}
	out := map[raterID]plantKind{}
	add := func(role model.RaterRole, k plantKind) {
		if id := pick(role); id != 0 {
			out[raterID{role, id}] = k
		}
	}
	add(model.RaterPeer, plantLenient)
	add(model.RaterPeer, plantSevere)
	add(model.RaterPeer, plantStraight)
	add(model.RaterParent, plantHarsh)
	add(model.RaterSubjectTeacher, plantLenient)
	return out
}

// namePlanted fills the names of the planted raters from the plan.
func (p *plan) namePlanted(rs []PlantedRater) {
	classes, people := map[int64]string{}, map[[2]int64]string{}
	for _, c := range p.classes {
		classes[c.c.ID] = c.c.Name
	}
	for _, s := range p.students {
		people[[2]int64{int64(model.RaterPeer.Index()), s.s.ID}] = s.s.Name
		for _, g := range s.guardians {
			people[[2]int64{int64(model.RaterParent.Index()), g.g.ID}] = g.g.Name
		}
	}
	for _, t := range p.teachers {
		people[[2]int64{int64(model.RaterSubjectTeacher.Index()), t.t.ID}] = t.t.Name
	}
	for i := range rs {
		rs[i].Class = classes[rs[i].ClassID]
		rs[i].Name = people[[2]int64{int64(rs[i].Role.Index()), rs[i].RaterID}]
	}
}

// printPlanted lists the planted raters by cycle and class, so that a
// visitor knows which classes to open on the 评分者信度 page.
func printPlanted(w io.Writer, rs []PlantedRater) {
	if len(rs) == 0 {
		return
	}
	fmt.Fprintln(w, "\n有意设置的异常评分者（在“评分者信度”页打开这些班级可见）/ planted raters (open these classes on the cycle's fairness page):")
	for i := 0; i < len(rs); {
		j := i
		var who []string
		for ; j < len(rs) && rs[j].CycleID == rs[i].CycleID && rs[j].ClassID == rs[i].ClassID; j++ {
			who = append(who, fmt.Sprintf("%s %s %s", rs[j].Role.Name(), rs[j].Name, rs[j].Kind))
		}
		fmt.Fprintf(w, "  %s · %s（/cycles/%d/fairness?class=%d）：%s\n", rs[i].Cycle, rs[i].Class, rs[i].CycleID, rs[i].ClassID, strings.Join(who, "，"))
		i = j
	}
}
