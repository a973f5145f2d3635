package evalrun

import (
	"math"
	"slices"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

// AlphaLevel is the one place that chooses the metric of an indicator's
// Krippendorff alpha from its scale and the values its raters gave:
//
//   - 等级制 and 五分制: ordinal (定序). Levels are ranked but their points
//     (95, 85, 70, 50) are not equally spaced, and a step on 1–5 is a
//     judgement, not a measured distance;
//   - 百分制: ordinal when every value is one of the indicator's choices
//     (students and parents choose 优秀/良好/合格/待合格, which are levels
//     again), interval (定距) when raters typed points on 0–100.
func AlphaLevel(ind model.Indicator, points []float64) stats.Level {
	if ind.Scale.Kind != model.ScaleScore100 {
		return stats.Ordinal
	}
	cats := Categories(ind)
	for _, v := range points {
		if !slices.Contains(cats, v) {
			return stats.Interval
		}
	}
	return stats.Ordinal
}

// Categories are the points of the named values a rater can choose on ind,
// ascending: the levels of 等级制, the five points of 五分制 (1–5 as 20–100),
// the choices of 百分制 (the framework's or the default). Agreement and
// kappa code a rating by its position in this list.
func Categories(ind model.Indicator) []float64 {
	var out []float64
	switch ind.Scale.Kind {
	case model.ScaleLevels:
		for _, l := range ind.Scale.Levels {
			out = append(out, l.Points)
		}
	case model.ScaleRating5:
		out = []float64{20, 40, 60, 80, 100}
	case model.ScaleScore100:
		for _, c := range eval.ChoicesOf(ind) {
			out = append(out, c.Value)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// categoryCode is v's position in cats, or NaN when v is not a category.
func categoryCode(cats []float64, v float64) float64 {
	if i := slices.Index(cats, v); i >= 0 {
		return float64(i)
	}
	return math.NaN()
}

// CheckScale is ind's scale for stats.RaterChecks, which measures in the
// scale's own steps: one level of 等级制 (its points ascending), one point
// of 五分制 (20 points as stored), one choice of a 百分制 indicator that
// students or parents rate (they choose 优秀/良好/合格/待合格, so 优秀 is
// its top and a teacher's typed points fall between choices), and 10
// points of a 百分制 indicator only teachers and mentors rate (the width
// of one grade band).
func CheckScale(ind model.Indicator) stats.Scale {
	if ind.Scale.Kind != model.ScaleScore100 || choosers(ind) {
		return stats.Scale{Levels: Categories(ind)}
	}
	return stats.Scale{Min: 0, Max: 100, Step: 10}
}

// choosers reports whether a role that chooses named values rates ind.
func choosers(ind model.Indicator) bool {
	for role, w := range ind.RoleWeights {
		if w > 0 && role.Chooses() {
			return true
		}
	}
	return false
}
