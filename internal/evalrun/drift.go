package evalrun

import (
	"cmp"
	"context"
	"maps"
	"math"
	"slices"

	"zhijiao/internal/eval"
	"zhijiao/internal/mfrm"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Rater drift (宽严漂移): whether a teacher's severity changes from term to term. The ratings of a class's students
// in every cycle of the school are fitted together, with one rater element per (rater, term), so a teacher in two
// terms is two raters; the terms are linked through the students they share, whose measure is taken to be one across
// the terms. A class that grew between terms therefore makes every later-term rater look a little more lenient alike:
// what tells drift is a teacher moving against the other raters of the same terms, and the intervals say how sure.

// TermSeverity is one teacher's severity in one term.
type TermSeverity struct {
	TermID                  int64
	Severity, SE, Low, High float64
	Count                   int
	Extreme                 bool
}

// TeacherDrift is one teacher (a head or subject teacher) who rated the class's students in two or more terms.
type TeacherDrift struct {
	Role  model.RaterRole
	ID    int64
	Terms []TermSeverity // in term order
}

// DriftGroup is the drift fit of the indicators with Categories categories.
type DriftGroup struct {
	Categories int
	Problem    string         // as SeverityGroup.Problem; Teachers is then empty
	Subsets    []Disconnected // of a disconnected design
	Teachers   []TeacherDrift
}

// ClassDrift is the drift view of a class: the terms whose cycles rated its students, and one fit per scale group.
// Groups is empty when no teacher rated the class in two terms.
type ClassDrift struct {
	Terms  []int64 // term ids, in order of the cycles' ids
	Groups []DriftGroup
}

// termRating is one rating with the term it was given in and the framework that reads it.
type termRating struct {
	term int64
	f    *model.Framework
	model.Rating
}

// Drift loads the ratings of a class's students in every cycle of the school and fits the teachers' severities per
// term.
func Drift(ctx context.Context, st *storage.Storage, schoolID, classID int64) (ClassDrift, error) {
	cycles, err := st.Cycles(ctx, schoolID, 0)
	if err != nil {
		return ClassDrift{}, err
	}
	slices.SortFunc(cycles, func(a, b storage.EvalCycle) int { return cmp.Compare(a.ID, b.ID) })
	var all []termRating
	frameworks := map[int64]*model.Framework{}
	for _, c := range cycles {
		f, ok := frameworks[c.FrameworkID]
		if !ok {
			fw, err := st.Framework(ctx, schoolID, c.FrameworkID)
			if err != nil {
				return ClassDrift{}, err
			}
			f = &fw
			frameworks[c.FrameworkID] = f
		}
		rs, err := st.ClassRatings(ctx, schoolID, c.ID, classID)
		if err != nil {
			return ClassDrift{}, err
		}
		for _, r := range rs {
			all = append(all, termRating{c.TermID, f, r})
		}
	}
	return DriftOf(all), nil
}

// teacherRole says whether a role is a teacher's, the raters whose drift is shown.
func teacherRole(r model.RaterRole) bool {
	return r == model.RaterHeadTeacher || r == model.RaterSubjectTeacher
}

// driftRater is one rater element of the drift fit: a rater in a term.
type driftRater struct {
	key  int64 // RaterKey
	term int64
}

// driftInput is the ratings of a drift fit, numbered: one rater element per (rater, term).
type driftInput struct {
	byK   map[int][]mfrm.Rating // by number of categories
	byID  []driftRater          // element id → rater; ids start at 1
	terms map[int64]map[int64]bool
}

// DriftOf is the computation over the ratings of a class's students in several terms.
func DriftOf(rs []termRating) ClassDrift {
	var out ClassDrift
	in := collectDrift(rs, &out.Terms)
	several := false
	for _, ts := range in.terms {
		several = several || len(ts) > 1
	}
	if !several {
		return out
	}
	for _, k := range slices.Sorted(maps.Keys(in.byK)) {
		out.Groups = append(out.Groups, in.fit(k, out.Terms))
	}
	return out
}

// collectDrift numbers the ratings and notes, per teacher, the terms they rated in (and every term in order).
func collectDrift(rs []termRating, order *[]int64) driftInput {
	in := driftInput{byK: map[int][]mfrm.Rating{}, byID: []driftRater{{}}, terms: map[int64]map[int64]bool{}}
	ids := map[driftRater]int64{}
	items := map[string]int64{} // indicator code → item id, the same in every term's framework
	indexes := map[*model.Framework]map[string]model.Indicator{}
	for _, x := range rs {
		if !slices.Contains(*order, x.term) {
			*order = append(*order, x.term)
		}
		if indexes[x.f] == nil {
			indexes[x.f] = map[string]model.Indicator{}
			for _, ind := range eval.Indicators(*x.f) {
				indexes[x.f][ind.Code] = ind
			}
		}
		ind, ok := indexes[x.f][x.IndicatorCode]
		if !ok || x.RaterRole == model.RaterSelf || ind.RoleWeights[x.RaterRole] <= 0 {
			continue
		}
		cat, k, ok := Category(ind, x.f.Grading, x.Value, x.Level)
		if !ok || math.IsNaN(x.Value) {
			continue
		}
		rk := driftRater{RaterKey(x.RaterRole, x.RaterID), x.term}
		id, ok := ids[rk]
		if !ok {
			id = int64(len(in.byID))
			ids[rk] = id
			in.byID = append(in.byID, rk)
		}
		if teacherRole(x.RaterRole) {
			if in.terms[rk.key] == nil {
				in.terms[rk.key] = map[int64]bool{}
			}
			in.terms[rk.key][x.term] = true
		}
		in.byK[k] = append(in.byK[k], mfrm.Rating{Student: x.StudentID, Rater: id, Item: itemOf(items, x.IndicatorCode), Score: float64(cat)})
	}
	return in
}

// fit fits the group of k categories and lists the teachers with severities in two or more terms.
func (in driftInput) fit(k int, order []int64) DriftGroup {
	g := DriftGroup{Categories: k}
	res, err := mfrm.Fit(in.byK[k], mfrm.Options{})
	if err != nil {
		var sg SeverityGroup
		problem(&sg, err)
		g.Problem, g.Subsets = sg.Problem, sg.Subsets
		return g
	}
	per := map[int64]*TeacherDrift{}
	for _, m := range res.Raters {
		rk := in.byID[m.ID]
		if len(in.terms[rk.key]) < 2 {
			continue
		}
		td, ok := per[rk.key]
		if !ok {
			role, id := RaterOf(rk.key)
			td = &TeacherDrift{Role: role, ID: id}
			per[rk.key] = td
		}
		td.Terms = append(td.Terms, TermSeverity{TermID: rk.term, Severity: m.Measure, SE: m.SE,
			Low: m.Measure - 1.96*m.SE, High: m.Measure + 1.96*m.SE, Count: m.Count, Extreme: m.Extreme})
	}
	for _, td := range per {
		if len(td.Terms) < 2 { // rated in two terms, but in this group only in one
			continue
		}
		slices.SortFunc(td.Terms, func(a, b TermSeverity) int {
			return cmp.Compare(slices.Index(order, a.TermID), slices.Index(order, b.TermID))
		})
		g.Teachers = append(g.Teachers, *td)
	}
	slices.SortFunc(g.Teachers, func(a, b TeacherDrift) int {
		return cmp.Or(cmp.Compare(a.Role.Index(), b.Role.Index()), cmp.Compare(a.ID, b.ID))
	})
	return g
}

// itemOf numbers an indicator by its code.
func itemOf(items map[string]int64, code string) int64 {
	id, ok := items[code]
	if !ok {
		id = int64(len(items))
		items[code] = id
	}
	return id
}
