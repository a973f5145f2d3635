package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"math/rand/v2"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// The demo school's evaluation history: last school year's two terms were
// evaluated per cohort (the class of 2024 and the class of 2025) and those
// four cycles are final — rated, computed, publicised and locked — so a
// visitor sees results, explanations, portraits with growth and reports at
// once. The ratings are drawn from a simple model of people: each student
// has an ability per dimension that grows a little each term; each rater
// role has its habit (students rate themselves higher, parents higher
// still), each rater a small leniency of their own and an impression of
// each student they rate (halo), and every rating its own noise, so fair
// raters disagree as real ones do; a few tasks are left undone, as in a
// real school. Some cycles also have planted raters (planted.go).

// ratingModel draws ratings; it has its own random stream.
type ratingModel struct {
	r       *rand.Rand
	ability map[int64][]float64 // student → per dimension, at the first term
	lenient map[[2]int64]float64
	dims    map[string]int // indicator code → dimension index
	names   []string       // dimension names
	// plant asks fillTasks to plant raters in the next cycle it fills;
	// plants are that cycle's planted tasks (role, rater, student) and
	// planted every planted rater so far.
	plant   bool
	plants  map[[3]int64]plantKind
	planted []PlantedRater
}

func newRatingModel(seed int64, code string, f model.Framework) *ratingModel {
	h := fnv.New64a()
	h.Write([]byte(code + "/ratings"))
	m := &ratingModel{r: rand.New(rand.NewPCG(uint64(seed), h.Sum64())), ability: map[int64][]float64{}, lenient: map[[2]int64]float64{}, dims: map[string]int{}}
	for i, d := range f.Dimensions {
		m.names = append(m.names, d.Name)
		for _, ind := range d.Indicators {
			m.dims[ind.Code] = i
		}
	}
	return m
}

// roleBias is how far each role rates above a neutral observer.
var roleBias = map[model.RaterRole]float64{
	model.RaterSelf: 5, model.RaterPeer: 1.5, model.RaterHeadTeacher: 0, model.RaterSubjectTeacher: -1, model.RaterMentor: 2, model.RaterParent: 7,
}

func (m *ratingModel) abilityOf(student int64) []float64 {
	a, ok := m.ability[student]
	if !ok {
		base := 74 + 8*m.r.NormFloat64()
		a = make([]float64, len(m.names))
		for i := range a {
			a[i] = base + 5*m.r.NormFloat64()
		}
		m.ability[student] = a
	}
	return a
}

// The spreads of the rating model, in points. A fair rater's own leniency
// is small next to the disagreement about any one student (halo and
// noise): the rater checks call a rater 偏宽 or 偏严 only from half a
// within-student spread on, so fair raters are rarely flagged, while
// their ratings of one student still differ by a level now and then.
const (
	leniencySD = 1.2 // a rater's habit, the same for everyone they rate
	haloSD     = 4.5 // a rater's impression of one student, on every indicator
	noiseSD    = 4   // one rating
)

func (m *ratingModel) leniency(role model.RaterRole, rater int64) float64 {
	k := [2]int64{int64(role.Index()), rater}
	l, ok := m.lenient[k]
	if !ok {
		l = leniencySD * m.r.NormFloat64()
		m.lenient[k] = l
	}
	return l
}

// rate draws one task's ratings; growth is added to every ability.
func (m *ratingModel) rate(cycleID int64, task model.RatingTask, inds []model.Indicator, growth float64) []model.Rating {
	ab := m.abilityOf(task.StudentID)
	kind := m.plants[[3]int64{int64(task.Role.Index()), task.RaterID, task.StudentID}]
	bias := roleBias[task.Role] + m.leniency(task.Role, task.RaterID) + haloSD*m.r.NormFloat64() + kind.shift()
	out := make([]model.Rating, 0, len(inds))
	for _, ind := range inds {
		v := min(max(ab[m.dims[ind.Code]]+growth+bias+noiseSD*m.r.NormFloat64(), 30), 100)
		if kind == plantStraight {
			v = 100 // the top of every scale: 优秀 on a level or a choice
		}
		r := model.Rating{CycleID: cycleID, RaterRole: task.Role, RaterID: task.RaterID, StudentID: task.StudentID, IndicatorCode: ind.Code}
		switch ind.Scale.Kind {
		case model.ScaleScore100:
			r.Value = math.Round(v)
		case model.ScaleRating5:
			r.Value = float64(min(max(int(v/20+0.5), 1), 5))
		case model.ScaleLevels:
			lv := ind.Scale.Levels
			i := 0
			switch {
			case v >= 88:
			case v >= 76:
				i = 1
			case v >= 60:
				i = 2
			default:
				i = 3
			}
			r.Level = lv[min(i, len(lv)-1)].Name
		}
		if task.Role.Chooses() && ind.Scale.Kind != model.ScaleLevels {
			r.Value = eval.NearestChoice(ind, r.Value) // students and parents choose a level
		}
		out = append(out, r)
	}
	return out
}

// subjectComments are subject teachers' 评语, chosen by the teacher so
// that one student's teachers do not all write the same words.
var subjectComments = []string{
	"课堂学习认真，“%s”方面进步明显；建议多做练习，加强“%s”。",
	"能按时完成作业，在“%s”上有自己的见解；“%s”还需多花时间。",
	"上课专注，动手能力较强，“%s”表现好；希望在“%s”上更加主动。",
	"学习态度端正，“%s”方面值得肯定；“%s”方面要继续努力。",
}

// comment writes a teacher's or parent's 评语 from the student's strongest
// and weakest dimensions.
func (m *ratingModel) comment(role model.RaterRole, rater, student int64) string {
	ab := m.abilityOf(student)
	hi, lo := 0, 0
	for i, v := range ab {
		if v > ab[hi] {
			hi = i
		}
		if v < ab[lo] {
			lo = i
		}
	}
	strong, weak := m.names[hi], m.names[lo]
	switch role {
	case model.RaterHeadTeacher:
		return fmt.Sprintf("该生本学期遵守校纪校规，与同学相处融洽，在“%s”方面表现突出；希望在“%s”方面多下功夫，争取全面发展。", strong, weak)
	case model.RaterSubjectTeacher:
		return fmt.Sprintf(subjectComments[rater%int64(len(subjectComments))], strong, weak)
	case model.RaterMentor:
		return fmt.Sprintf("岗位上肯学肯干，“%s”方面获得师傅认可；今后要注意“%s”。", strong, weak)
	case model.RaterParent:
		return "孩子这学期在家更懂事了，能主动分担家务，感谢老师们的培养。"
	}
	return ""
}

// indicatorsByRole lists, per rater role, the indicators it rates.
func indicatorsByRole(f model.Framework) map[model.RaterRole][]model.Indicator {
	out := map[model.RaterRole][]model.Indicator{}
	for _, ind := range eval.Indicators(f) {
		for _, role := range model.RaterRoles {
			if ind.RoleWeights[role] > 0 {
				out[role] = append(out[role], ind)
			}
		}
	}
	return out
}

// fillTasks draws ratings for the tasks skip does not refuse, a share
// done of them, and loads them.
func fillTasks(ctx context.Context, st *storage.Storage, schoolID int64, c storage.EvalCycle, f model.Framework, m *ratingModel,
	done, drafts float64, growth float64, from, to time.Time, skip func(model.RatingTask) bool) (int, error) {
	span := int64(to.Sub(from))
	in, err := st.EvalOrganisation(ctx, schoolID, c)
	if err != nil {
		return 0, err
	}
	byRole := indicatorsByRole(f)
	tasks := eval.Tasks(in)
	finished := m.plantCycle(c, in, tasks, skip) // the planted classes' students: every task done
	var ratings []model.Rating
	for _, task := range tasks {
		if skip != nil && skip(task) {
			continue
		}
		inds := byRole[task.Role]
		if m.r.Float64() >= done && !finished[task.StudentID] {
			// A share of the rest stopped half way: a draft of the first
			// indicators (drafts 0 draws nothing, so finished cycles keep
			// their sequence).
			if drafts == 0 || len(inds) < 2 || m.r.Float64() >= drafts {
				continue
			}
			inds = inds[:1+m.r.IntN(len(inds)-1)]
		}
		rs := m.rate(c.ID, task, inds, growth)
		txt := ""
		if m.r.Float64() < 0.9 {
			txt = m.comment(task.Role, task.RaterID, task.StudentID)
		}
		// Raters enter their sheets while the cycle is open, during the
		// school day (China Standard Time, UTC+8).
		at := from.Add(time.Duration(m.r.Int64N(max(span, 1)))).Truncate(24 * time.Hour).Add(time.Duration(1+m.r.IntN(9))*time.Hour + time.Duration(m.r.IntN(60))*time.Minute)
		for i := range rs {
			rs[i].Comment, rs[i].CreatedAt = txt, at
		}
		ratings = append(ratings, rs...)
	}
	return len(ratings), st.LoadRatings(ctx, schoolID, model.Actor{Username: "demo"}, c.ID, ratings)
}

// seedHistory creates, rates and finalises last year's cycles.
func seedHistory(ctx context.Context, st *storage.Storage, sc model.School, f model.Framework, seed int64, m *ratingModel, progress io.Writer) error {
	t0 := time.Now()
	a := model.Actor{Username: "demo"}
	terms, err := st.Terms(ctx, sc.ID)
	if err != nil {
		return err
	}
	cohorts, err := st.Cohorts(ctx, sc.ID)
	if err != nil {
		return err
	}
	cohortID := map[int]int64{}
	for _, c := range cohorts {
		cohortID[c.EntryYear] = c.ID
	}
	var last []model.Term // 2025-2026, first term first
	for i := len(terms) - 1; i >= 0; i-- {
		if terms[i].StartDate >= "2025-09-01" && terms[i].EndDate <= "2026-08-31" {
			last = append(last, terms[i])
		}
	}
	n, cycles := 0, 0
	for ti, t := range last {
		for _, year := range []int{2024, 2025} {
			if cohortID[year] == 0 { // a tiny school without that cohort
				continue
			}
			c := storage.EvalCycle{Cycle: model.Cycle{TermID: t.ID, Name: fmt.Sprintf("%s %d级综合素质评价", t.Name(), year), FrameworkID: f.ID,
				PeerCount: eval.DefaultPeerCount, Seed: seed + int64(ti*10+year), PublicityDays: 5,
				OpensAt: day(t.EndDate).AddDate(0, 0, -21), ClosesAt: day(t.EndDate).AddDate(0, 0, -7)}, ScopeKind: storage.ScopeCohort, ScopeID: cohortID[year]}
			if err := st.CreateCycle(ctx, sc.ID, a, &c); err != nil {
				return err
			}
			if _, err := evalrun.Open(ctx, st, sc.ID, a, c.ID); err != nil {
				return err
			}
			if c, err = st.Cycle(ctx, sc.ID, c.ID); err != nil {
				return err
			}
			// Growth: a point and a half a term since entry.
			growth := 1.5 * float64(yearOfStudy(year, t)*2+t.Semester-3)
			m.plant = ti == len(last)-1 && year == 2024 // the older cohort's latest cycle
			k, err := fillTasks(ctx, st, sc.ID, c, f, m, 0.985, 0, growth, c.OpensAt, c.ClosesAt, nil)
			if err != nil {
				return err
			}
			n += k
			if err := st.MoveCycle(ctx, sc.ID, a, c.ID, model.CycleClosed, true); err != nil {
				return err
			}
			if _, err := evalrun.Recompute(ctx, st, sc.ID, a, c.ID); err != nil {
				return err
			}
			// A few raters never rated (1.5%): a student left without a
			// required rater is 待补评, and the school held them back
			// before 公示, as it must.
			if err := holdBackIncomplete(ctx, st, sc.ID, a, c.ID); err != nil {
				return err
			}
			if err := st.MoveCycle(ctx, sc.ID, a, c.ID, model.CyclePublicised, true); err != nil {
				return err
			}
			start := day(c.ClosesAt.Format("2006-01-02")).AddDate(0, 0, 3)
			if err := st.SetPublicityWindow(ctx, sc.ID, a, c.ID, start.Format("2006-01-02"), eval.PublicityEnd(start, c.PublicityDays).Format("2006-01-02")); err != nil {
				return err
			}
			if err := st.MoveCycle(ctx, sc.ID, a, c.ID, model.CycleFinal, true); err != nil {
				return err
			}
			cycles++
		}
	}
	fmt.Fprintf(progress, "评价历史：%d 个已完成的评价周期（上学年两个学期 × 两个年级），%d 条评分，用时 %s / %d final cycles, %d ratings\n",
		cycles, n, time.Since(t0).Round(time.Millisecond), cycles, n)
	return nil
}

// holdBackIncomplete holds the 待补评 students of a computed cycle back
// from 公示 (暂不公示) with the reason a school would give.
func holdBackIncomplete(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, cycleID int64) error {
	rows, err := st.CycleResults(ctx, schoolID, cycleID, 0)
	if err != nil {
		return err
	}
	var ids []int64
	for _, r := range rows {
		if r.Incomplete || !r.Complete {
			ids = append(ids, r.StudentID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	_, err = st.ExcludeResults(ctx, schoolID, a, cycleID, nil, ids, "部分评价者未按时评价，补评后另行公示")
	return err
}
