package evalrun

import (
	"hash/fnv"
	"math"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

// The reliability bars of Krippendorff (2004, §11.4): 0.800 and above is
// reliable, 0.667 to 0.800 is enough for tentative conclusions only.
const (
	ReliableBar  = 0.80
	TentativeBar = stats.TentativeAlpha
)

// IndicatorReliability is how far the peers agree on one indicator, and what
// that means for the peer score the results use (the mean of k peers).
type IndicatorReliability struct {
	Code, Dimension, Name string
	Scale                 model.ScaleKind
	Level                 stats.Level // alpha's metric, from AlphaLevel
	Peers                 int         // distinct peer raters
	Students              int         // students with at least 2 peer ratings (alpha's pairable units)
	// Alpha is one peer's reliability: Krippendorff's alpha with its seeded
	// 95% bootstrap interval and its state (estimated, perfect, all the
	// same, too few). Alpha.Values is the number of pairable ratings.
	Alpha stats.AlphaInterval
	// K is the typical number of peers per student (the median over the
	// students the peers rated); Mean, MeanLow and MeanHigh are the
	// reliability of the mean of K peers by Spearman–Brown from Alpha and
	// its interval (NaN when alpha is undefined).
	K                       int
	Mean, MeanLow, MeanHigh float64
	// Needed is how many peers' mean would reach ReliableBar; NeededOK is
	// false when no number would (alpha ≤ 0 or undefined).
	Needed   int
	NeededOK bool
	// Agreement is set for indicators whose peers choose named categories
	// (等级制, 五分制 and the choices of 百分制).
	Agreement *LevelAgreement
}

// Badge is how the page marks the reliability of the mean actually used:
// "warn" below TentativeBar (the peer score should not be leaned on),
// "tentative" below ReliableBar, "" otherwise or when there is no number.
func (ir IndicatorReliability) Badge() string {
	switch {
	case math.IsNaN(ir.Mean):
		return ""
	case ir.Mean < TentativeBar:
		return "warn"
	case ir.Mean < ReliableBar:
		return "tentative"
	}
	return ""
}

// LevelAgreement is the agreement of the peers on a categorical indicator,
// each rating coded by its category's position (Categories).
type LevelAgreement struct {
	Exact, Adjacent float64 // shares of pairs of ratings of one student; NaN without pairs
	Pairs           int     // pairs of ratings within students
	// Kappa is the quadratic-weighted kappa over every pair of two peers'
	// ratings of one student (pooledKappa), KappaPairs those pairs; NaN
	// when undefined.
	Kappa      float64
	KappaPairs int
	// Fleiss is Fleiss' kappa over the students rated by the most common
	// number of peers (FleissRaters), FleissStudents of them: the
	// coefficient needs the same number of raters per student, so the
	// others are left out rather than cut. NaN when undefined.
	Fleiss                       float64
	FleissStudents, FleissRaters int
	// AC1 is Gwet's AC1 over every student with ratings (it allows any
	// number of raters per student), NaN when undefined.
	AC1 float64
}

// peerCell is one peer's rating of one student on one indicator.
type peerCell struct {
	rater, student int64
	points         float64
}

// reliabilityOf computes an indicator's reliability from its peers'
// ratings (the latest per peer and student).
func reliabilityOf(ind model.Indicator, cells []peerCell) IndicatorReliability {
	ir := IndicatorReliability{Code: ind.Code, Name: ind.Name, Scale: ind.Scale.Kind, Mean: math.NaN(), MeanLow: math.NaN(), MeanHigh: math.NaN()}
	students, raters := map[int64]map[int64]float64{}, map[int64]bool{}
	var points []float64
	for _, c := range cells {
		if students[c.student] == nil {
			students[c.student] = map[int64]float64{}
		}
		students[c.student][c.rater] = c.points
		raters[c.rater] = true
		points = append(points, c.points)
	}
	ir.Peers = len(raters)
	ir.Level = AlphaLevel(ind, points)
	units, counts := peerUnits(students)
	for _, u := range units {
		if len(u) >= 2 {
			ir.Students++
		}
	}
	ir.K = median(counts)
	ir.Alpha, _ = stats.AlphaBootstrap(units, ir.Level, stats.DefaultResamples, seedOf(ind.Code))
	if ir.Alpha.State == stats.AlphaEstimated || ir.Alpha.State == stats.AlphaPerfect {
		k := float64(max(ir.K, 1))
		ir.Mean = meanReliability(ir.Alpha.Alpha, k)
		ir.MeanLow, ir.MeanHigh = meanReliability(ir.Alpha.Low, k), meanReliability(ir.Alpha.High, k)
		ir.Needed, ir.NeededOK = stats.RatersNeeded(ir.Alpha.Alpha, ReliableBar)
	}
	if cats := Categories(ind); ir.Level == stats.Ordinal && len(cats) >= 2 {
		ir.Agreement = levelAgreement(students, cats)
	}
	return ir
}

// meanReliability is the Spearman–Brown reliability of the mean of k
// raters from one rater's r. A mean of raters who agree no better than
// chance (r ≤ 0) has no reliability: 0, not the projection, which is
// negative and for r < −1/(k−1) not even monotone.
func meanReliability(r, k float64) float64 {
	if math.IsNaN(r) {
		return r
	}
	if r <= 0 {
		return 0
	}
	return stats.SpearmanBrown(r, k)
}

// peerUnits lays the students out for alpha (one row per student, the
// peers' values in rater order) and counts each student's peers.
func peerUnits(students map[int64]map[int64]float64) (units [][]float64, counts []int) {
	ids := mapKeys(students)
	for _, s := range ids {
		byRater := students[s]
		row := make([]float64, 0, len(byRater))
		for _, r := range mapKeys(byRater) {
			row = append(row, byRater[r])
		}
		units = append(units, row)
		counts = append(counts, len(row))
	}
	return units, counts
}

// levelAgreement codes every rating by its category and computes the
// agreement coefficients; a rating that is no category is left out.
func levelAgreement(students map[int64]map[int64]float64, cats []float64) *LevelAgreement {
	la := &LevelAgreement{Exact: math.NaN(), Adjacent: math.NaN(), Kappa: math.NaN(), Fleiss: math.NaN(), AC1: math.NaN()}
	codes := map[int64]map[int64]float64{} // student → rater → code
	var units [][]float64
	for _, s := range mapKeys(students) {
		codes[s] = map[int64]float64{}
		var row []float64
		for r, v := range students[s] {
			if c := categoryCode(cats, v); !math.IsNaN(c) {
				codes[s][r] = c
				row = append(row, c)
			}
		}
		units = append(units, row)
	}
	if ag, err := stats.Agreement(units); err == nil {
		la.Exact, la.Adjacent, la.Pairs = ag.Exact, ag.Adjacent, ag.Pairs
	}
	la.Kappa, la.KappaPairs = pooledKappa(codes)
	table := make([][]int, 0, len(units))
	for _, u := range units {
		row := make([]int, len(cats))
		for _, c := range u {
			row[int(c)]++
		}
		table = append(table, row)
	}
	if ac1, err := stats.GwetAC1(table); err == nil {
		la.AC1 = ac1
	}
	la.FleissRaters = mode(table)
	var same [][]int
	for i, u := range units {
		if len(u) == la.FleissRaters {
			same = append(same, table[i])
		}
	}
	if fk, err := stats.FleissKappa(same); err == nil {
		la.Fleiss, la.FleissStudents = fk.Kappa, fk.Subjects
	}
	return la
}

// pooledKappa is the quadratic-weighted kappa of the peers' pairs: every
// two peers who rated the same student give one pair of codes, entered in
// both orders because a student's peers are interchangeable (no one is
// "rater 1"). Pairs of peers are not followed across students: with the
// cycle's rotation two classmates seldom rate more than one or two of the
// same students, too few for a kappa of their own. The number returned is
// the count of unordered pairs.
func pooledKappa(codes map[int64]map[int64]float64) (float64, int) {
	var xs, ys []float64
	for _, s := range mapKeys(codes) {
		byRater := codes[s]
		raters := mapKeys(byRater)
		for i, a := range raters {
			for _, b := range raters[i+1:] {
				xs, ys = append(xs, byRater[a], byRater[b]), append(ys, byRater[b], byRater[a])
			}
		}
	}
	k, err := stats.QuadraticKappa(xs, ys)
	if err != nil {
		return math.NaN(), len(xs) / 2
	}
	return k, len(xs) / 2
}

// seedOf makes the bootstrap reproducible: the same indicator and data give
// the same interval on every page load, in the API and in the workbook.
func seedOf(code string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(code))
	return h.Sum64()
}

func median(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[(len(s)-1)/2] // the lower middle: a whole number of peers
}

// mode is the most common number of ratings per row among rows with at
// least 2 (the larger on a tie), or 0.
func mode(table [][]int) int {
	seen := map[int]int{}
	best := 0
	for _, row := range table {
		n := 0
		for _, c := range row {
			n += c
		}
		if n < 2 {
			continue
		}
		seen[n]++
		if seen[n] > seen[best] || (seen[n] == seen[best] && n > best) {
			best = n
		}
	}
	return best
}

func mapKeys[V any](m map[int64]V) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
