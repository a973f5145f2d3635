package evalrun

import (
	"context"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
	"zhijiao/internal/storage"
)

// ClassFairness is how fairly a class was rated in a cycle (评分者信度与
// 提示): the peers' agreement per peer-rated indicator and the rater flags.
type ClassFairness struct {
	Ratings    int // the class's current ratings
	Indicators []IndicatorAlpha
	Flags      stats.FlagReport // raters are RaterKey values, targets student ids
	Names      map[int64]string // the class's students by id
}

// IndicatorAlpha is the peers' agreement on one indicator.
type IndicatorAlpha struct {
	Dimension, Name string
	stats.ItemAlpha
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
	return out, err
}

// fairnessOf is the computation: every rating in points on its
// indicator's scale (ratings of unknown indicators or off the scale are
// left out), the flags over all of them, and alpha over the peers' on each
// indicator peers rate.
func fairnessOf(f model.Framework, rs []model.Rating) ClassFairness {
	out := ClassFairness{Ratings: len(rs)}
	inds := eval.Indicators(f)
	index := map[string]int{}
	for i, ind := range inds {
		index[ind.Code] = i
	}
	dimOf := map[string]string{}
	for _, dim := range f.Dimensions {
		for _, ind := range dim.Indicators {
			dimOf[ind.Code] = dim.Name
		}
	}
	var all, peers []stats.Rating
	for _, x := range rs {
		i, ok := index[x.IndicatorCode]
		if !ok {
			continue
		}
		pts, ok := eval.ScalePoints(inds[i].Scale, x.Value, x.Level)
		if !ok {
			continue
		}
		r := stats.Rating{Rater: RaterKey(x.RaterRole, x.RaterID), Target: x.StudentID, Item: int64(i), Value: pts, Self: x.RaterRole == model.RaterSelf}
		all = append(all, r)
		if x.RaterRole == model.RaterPeer {
			peers = append(peers, r)
		}
	}
	var peerItems []int64
	for i, ind := range inds {
		if ind.RoleWeights[model.RaterPeer] > 0 {
			peerItems = append(peerItems, int64(i))
		}
	}
	for _, a := range stats.ItemAlphas(peers, peerItems) {
		ind := inds[a.Item]
		out.Indicators = append(out.Indicators, IndicatorAlpha{Dimension: dimOf[ind.Code], Name: ind.Name, ItemAlpha: a})
	}
	out.Flags = stats.Flags(all, stats.FlagConfig{})
	return out
}
