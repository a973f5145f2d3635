package portrait

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"zhijiao/internal/eval"
	"zhijiao/internal/stats"
)

// Group portraits: the distribution of totals, the shares of the levels,
// the strongest and weakest indicators and the change since the previous
// cycle, computed from plain numbers the storage layer read.

// Levels are the four levels in display order.
var Levels = []string{"优秀", "良好", "合格", "待合格"}

// Bucket is one bar of a histogram: totals in [Lo, Hi).
type Bucket struct {
	Label string  `json:"label"`
	Lo    float64 `json:"lo"`
	Hi    float64 `json:"hi"`
	Count int     `json:"count"`
}

// Histogram counts totals in 5-point bins from 50 to 100, with everything
// below 50 in one bin (few students score there and the levels change at
// 60, 80 and 90, which are bin edges). 100 falls in the last bin.
func Histogram(totals []float64) []Bucket {
	out := []Bucket{{Label: "50 以下", Lo: 0, Hi: 50}}
	for lo := 50.0; lo < 100; lo += 5 {
		hi := lo + 5
		label := fmt.Sprintf("%.0f–%.0f", lo, hi-1) // 50–54 holds 50 up to 54.99
		if hi == 100 {
			label = "95–100"
		}
		out = append(out, Bucket{Label: label, Lo: lo, Hi: hi})
	}
	for _, t := range totals {
		i := 0
		if t >= 50 {
			i = min(int((t-50)/5)+1, len(out)-1)
		}
		out[i].Count++
	}
	return out
}

// Share is how many of a group hold one level.
type Share struct {
	Level   string   `json:"level"`
	Count   int      `json:"count"`
	Percent float64  `json:"percent"`         // of the group, one decimal
	Delta   *float64 `json:"delta,omitempty"` // percentage points since the previous cycle
}

// LevelShares counts levels in Levels order; levels not among them (a
// result without a level) are left out of the counts but not of the
// whole, so the shares say "of all students with a result".
func LevelShares(levels []string) []Share {
	out := make([]Share, len(Levels))
	for i, l := range Levels {
		out[i].Level = l
	}
	for _, l := range levels {
		for i := range out {
			if out[i].Level == l {
				out[i].Count++
			}
		}
	}
	for i := range out {
		if len(levels) > 0 {
			out[i].Percent = round1(float64(out[i].Count) * 100 / float64(len(levels)))
		}
	}
	return out
}

// CompareShares sets each share's Delta against the previous cycle's.
func CompareShares(now, prev []Share) {
	for i := range now {
		for _, p := range prev {
			if p.Level == now[i].Level {
				d := round1(now[i].Percent - p.Percent)
				now[i].Delta = &d
			}
		}
	}
}

// Mean is a group's mean score on a dimension or indicator.
type Mean struct {
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Dimension string   `json:"dimension,omitempty"` // of an indicator
	Mean      float64  `json:"mean"`
	Count     int      `json:"count"`
	Gap       float64  `json:"gap"`            // Mean − the group's mean over all indicators
	Prev      *float64 `json:"prev,omitempty"` // the previous cycle's mean
	Delta     *float64 `json:"delta,omitempty"`
}

// Compare sets Prev and Delta of every mean from the previous cycle's
// means, matched by code (a framework version that renamed nothing keeps
// its codes).
func Compare(now, prev []Mean) {
	by := map[string]float64{}
	for _, p := range prev {
		by[p.Code] = p.Mean
	}
	for i := range now {
		if p, ok := by[now[i].Code]; ok {
			pv, d := p, round1(now[i].Mean-p)
			now[i].Prev, now[i].Delta = &pv, &d
		}
	}
}

// RankIndicators sets every indicator's Gap — its mean minus the mean of
// all the group's indicator means — and returns the n strongest (largest
// gap first) and the n weakest (smallest gap first). An indicator is
// strongest relative to the group itself, so a class whose every score is
// high still learns where it is relatively weak. Ties keep code order.
func RankIndicators(inds []Mean, n int) (strongest, weakest []Mean) {
	if len(inds) == 0 {
		return nil, nil
	}
	var sum float64
	for _, m := range inds {
		sum += m.Mean
	}
	avg := sum / float64(len(inds))
	for i := range inds {
		inds[i].Gap = round1(inds[i].Mean - avg)
	}
	sorted := append([]Mean(nil), inds...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Mean > sorted[j].Mean })
	n = min(n, len(sorted)/2)
	strongest = append(strongest, sorted[:n]...)
	for i := len(sorted) - 1; i >= len(sorted)-n; i-- {
		weakest = append(weakest, sorted[i])
	}
	return strongest, weakest
}

// Stats summarises totals: count, mean, median, lowest and highest.
type Stats struct {
	Count  int     `json:"count"`
	Mean   float64 `json:"mean"`
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
}

// Describe returns the Stats of totals, each rounded to two decimals.
func Describe(totals []float64) Stats {
	if len(totals) == 0 {
		return Stats{}
	}
	return Stats{Count: len(totals), Mean: eval.Round2(stats.Mean(totals)), Median: eval.Round2(stats.Median(totals)),
		Min: slices.Min(totals), Max: slices.Max(totals)}
}

func round1(x float64) float64 { return math.Round(x*10) / 10 }

// DeltaText is Delta as a page shows it: "+1.5", or "—" without a
// previous cycle.
func (m Mean) DeltaText() string { return signed(m.Delta) }

// PrevText is the previous cycle's mean, or "—".
func (m Mean) PrevText() string {
	if m.Prev == nil {
		return "—"
	}
	return fmt.Sprintf("%.2f", *m.Prev)
}

// DeltaText is the change of the share in percentage points, or "—".
func (s Share) DeltaText() string { return signed(s.Delta) }

func signed(p *float64) string {
	if p == nil {
		return "—"
	}
	return fmt.Sprintf("%+.1f", *p)
}
