package stats

import "math"

// TentativeAlpha is Krippendorff's lowest bar for tentative conclusions:
// an alpha below it says the raters of an item agree too little to lean on.
const TentativeAlpha = 0.667

// ItemAlpha is the agreement of one item's raters: Krippendorff's alpha at
// the interval level over the targets they rated.
type ItemAlpha struct {
	Item   int64
	Raters int         // distinct raters of the item
	Alpha  AlphaResult // valid when Err is nil
	Err    error       // why there is no alpha (too few pairable values, no variation)
}

// Low reports whether the item has an alpha and it is below TentativeAlpha.
func (a ItemAlpha) Low() bool { return a.Err == nil && a.Alpha.Alpha < TentativeAlpha }

// ItemAlphas computes, for each of items in order, the agreement of the
// raters in ratings (one group of interchangeable raters, such as a class's
// peers): one unit per target, one column per rater, a missing rating NaN.
// When a rater rated a target on an item twice, the later rating counts.
func ItemAlphas(ratings []Rating, items []int64) []ItemAlpha {
	cells := map[int64]map[int64]map[int64]float64{} // item → target → rater → value
	for _, r := range ratings {
		byTarget := cells[r.Item]
		if byTarget == nil {
			byTarget = map[int64]map[int64]float64{}
			cells[r.Item] = byTarget
		}
		if byTarget[r.Target] == nil {
			byTarget[r.Target] = map[int64]float64{}
		}
		byTarget[r.Target][r.Rater] = r.Value
	}
	out := make([]ItemAlpha, 0, len(items))
	for _, item := range items {
		byTarget := cells[item]
		column := map[int64]int{}
		for _, byRater := range byTarget {
			for rater := range byRater {
				if _, ok := column[rater]; !ok {
					column[rater] = len(column)
				}
			}
		}
		units := make([][]float64, 0, len(byTarget))
		for _, byRater := range byTarget {
			row := make([]float64, len(column))
			for j := range row {
				row[j] = math.NaN()
			}
			for rater, v := range byRater {
				row[column[rater]] = v
			}
			units = append(units, row)
		}
		ia := ItemAlpha{Item: item, Raters: len(column)}
		ia.Alpha, ia.Err = Alpha(units, Interval)
		out = append(out, ia)
	}
	return out
}
