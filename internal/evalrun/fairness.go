package evalrun

import (
	"context"
	"errors"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
	"zhijiao/internal/storage"
)

// ClassFairness is how fairly a class was rated in a cycle (评分者信度与
// 提示): the peers' reliability per peer-rated indicator and the raters
// worth a second look.
type ClassFairness struct {
	Ratings    int // the class's current ratings
	Indicators []IndicatorReliability
	Flags      []RaterFlag
	Names      map[int64]string // the class's students by id
}

// RaterKey makes one id space for raters of every role, so a teacher and
// a student with the same row id are different raters.
func RaterKey(role model.RaterRole, id int64) int64 { return int64(role.Index())<<48 | id }

// RaterOf takes a RaterKey apart.
func RaterOf(key int64) (model.RaterRole, int64) {
	role := model.RaterRole("")
	for _, ro := range []model.RaterRole{model.RaterSelf, model.RaterPeer, model.RaterHeadTeacher, model.RaterSubjectTeacher, model.RaterMentor, model.RaterParent} {
		if int64(ro.Index()) == key>>48 {
			role = ro
		}
	}
	return role, key & (1<<48 - 1)
}

// Fairness loads a class's ratings of cycle c and computes its fairness.
func Fairness(ctx context.Context, st *storage.Storage, schoolID int64, c storage.EvalCycle, classID int64) (ClassFairness, error) {
	f, err := st.Framework(ctx, schoolID, c.FrameworkID)
	if err != nil {
		return ClassFairness{}, err
	}
	rs, err := st.ClassRatings(ctx, schoolID, c.ID, classID)
	if err != nil {
		return ClassFairness{}, err
	}
	out := fairnessOf(f, rs)
	out.Names = map[int64]string{}
	err = st.AllStudents(ctx, schoolID, storage.StudentFilter{ClassID: classID}, func(s model.Student) error {
		out.Names[s.ID] = s.Name
		return nil
	})
	if err != nil {
		return out, err
	}
	return out, nameFlagged(ctx, st, schoolID, &out)
}

// nameFlagged names flagged teachers and parents for the staff who see the
// flags: the few flagged teachers cost a lookup each, the class's guardians
// one grouped read.
func nameFlagged(ctx context.Context, st *storage.Storage, schoolID int64, out *ClassFairness) error {
	var guardians map[int64]string
	for i, fl := range out.Flags {
		switch fl.Role {
		case model.RaterHeadTeacher, model.RaterSubjectTeacher:
			t, err := st.Teacher(ctx, schoolID, fl.RaterID)
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				return err
			}
			out.Flags[i].Name = t.Name
		case model.RaterParent:
			if guardians == nil {
				students := make([]int64, 0, len(out.Names))
				for id := range out.Names {
					students = append(students, id)
				}
				byStudent, err := st.GuardiansOfStudents(ctx, schoolID, students)
				if err != nil {
					return err
				}
				guardians = map[int64]string{}
				for _, gs := range byStudent {
					for _, g := range gs {
						guardians[g.ID] = g.Name
					}
				}
			}
			out.Flags[i].Name = guardians[fl.RaterID]
		}
	}
	return nil
}

// checkInput is the rater checks' input for a class's ratings: every
// rating in points on its indicator's scale (ratings of unknown indicators
// or off the scale are left out, and of a rater's repeated ratings of one
// student on one indicator the later counts), raters keyed by RaterKey and
// grouped by role, and each indicator's CheckScale.
func checkInput(inds []model.Indicator, rs []model.Rating) ([]stats.CheckRating, []stats.Scale) {
	scales := make([]stats.Scale, len(inds))
	index := map[string]int{}
	for i, ind := range inds {
		index[ind.Code] = i
		scales[i] = CheckScale(ind)
	}
	type key struct {
		role          model.RaterRole
		rater, target int64
		item          int
	}
	latest := map[key]int{} // position in checks of the current rating
	var checks []stats.CheckRating
	for _, x := range rs {
		i, ok := index[x.IndicatorCode]
		if !ok {
			continue
		}
		pts, ok := eval.ScalePoints(inds[i].Scale, x.Value, x.Level)
		if !ok {
			continue
		}
		r := stats.CheckRating{Rater: RaterKey(x.RaterRole, x.RaterID), Group: RaterGroup(x.RaterRole), Target: x.StudentID, Item: i, Value: pts, Self: x.RaterRole == model.RaterSelf}
		k := key{x.RaterRole, x.RaterID, x.StudentID, i}
		if p, seen := latest[k]; seen {
			checks[p] = r
			continue
		}
		latest[k] = len(checks)
		checks = append(checks, r)
	}
	return checks, scales
}

// RaterChecks runs the checks the fairness page runs on a class's ratings
// and returns their whole report: every tested rater, flagged or not, for
// calibrating the checks (the page lists only the flags).
func RaterChecks(f model.Framework, rs []model.Rating) stats.CheckReport {
	checks, scales := checkInput(eval.Indicators(f), rs)
	return stats.RaterChecks(checks, scales, stats.CheckConfig{})
}

// fairnessOf is the computation: every rating in points on its
// indicator's scale (ratings of unknown indicators or off the scale are
// left out), the rater checks over all of them by group, and the peers'
// reliability on each indicator peers rate. When a rater rated a student
// on an indicator twice, the later rating counts.
func fairnessOf(f model.Framework, rs []model.Rating) ClassFairness {
	out := ClassFairness{Ratings: len(rs)}
	inds := eval.Indicators(f)
	checks, scales := checkInput(inds, rs)
	dimOf := map[string]string{}
	for _, dim := range f.Dimensions {
		for _, ind := range dim.Indicators {
			dimOf[ind.Code] = dim.Name
		}
	}
	peers := make([][]peerCell, len(inds))
	for _, r := range checks {
		if r.Group == groupPeer {
			_, id := RaterOf(r.Rater)
			peers[r.Item] = append(peers[r.Item], peerCell{rater: id, student: r.Target, points: r.Value})
		}
	}
	for i, ind := range inds {
		if ind.RoleWeights[model.RaterPeer] > 0 {
			ir := reliabilityOf(ind, peers[i])
			ir.Dimension = dimOf[ind.Code]
			out.Indicators = append(out.Indicators, ir)
		}
	}
	out.Flags = flagsOf(checks, scales)
	return out
}
