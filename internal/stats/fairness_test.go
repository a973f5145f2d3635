package stats

import (
	"errors"
	"math"
	"testing"
)

// ratingsOf lays units (one row per target, one column per rater, NaN for
// none) out as ratings of item.
func ratingsOf(item int64, units [][]float64) []Rating {
	var out []Rating
	for target, row := range units {
		for rater, v := range row {
			if !math.IsNaN(v) {
				out = append(out, Rating{Rater: int64(100 + rater), Target: int64(target + 1), Item: item, Value: v})
			}
		}
	}
	return out
}

func TestItemAlphasPaperExample(t *testing.T) {
	// Item 7 carries the paper's data, item 8 a single rating, item 9 none.
	rs := ratingsOf(7, paperExample())
	rs = append(rs, Rating{Rater: 1, Target: 1, Item: 8, Value: 3})
	// A rater who corrects a rating: the later value counts, so the first
	// one (far off) must not change the paper's alpha.
	first := rs[0]
	first.Value = 40
	rs = append([]Rating{first}, rs...)
	got := ItemAlphas(rs, []int64{7, 8, 9})
	if len(got) != 3 || got[0].Item != 7 || got[1].Item != 8 || got[2].Item != 9 {
		t.Fatalf("items out of order: %+v", got)
	}
	if got[0].Err != nil || round3(got[0].Alpha.Alpha) != 0.849 || got[0].Raters != 4 || got[0].Alpha.Units != 11 {
		t.Errorf("paper example: %+v, want alpha 0.849 from 4 raters and 11 units", got[0])
	}
	if got[0].Low() {
		t.Error("0.849 is above the tentative bar")
	}
	for _, a := range got[1:] {
		if !errors.Is(a.Err, ErrAlphaTooFew) || a.Low() {
			t.Errorf("item %d: %+v, want too few values and not low", a.Item, a)
		}
	}
	if got[1].Raters != 1 || got[2].Raters != 0 {
		t.Errorf("raters: %d, %d; want 1, 0", got[1].Raters, got[2].Raters)
	}
}

func TestItemAlphaLow(t *testing.T) {
	// Two raters who disagree in opposite directions: alpha well below 0.667.
	rs := ratingsOf(1, [][]float64{{1, 5}, {5, 1}, {2, 4}, {4, 2}})
	a := ItemAlphas(rs, []int64{1})[0]
	if a.Err != nil || !a.Low() || a.Alpha.Alpha >= TentativeAlpha {
		t.Errorf("%+v: want a low alpha", a)
	}
}
