package teacherdev

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// Dimension is one axis of the teacher-development radar, 0 to 100.
type Dimension struct {
	Name  string
	Score float64
}

// DimensionNames are the radar's axes, in order.
var DimensionNames = []string{"培训学时", "企业实践", "职业证书", "双师型", "师德与进修"}

// Dimensions scores one teacher on the radar's axes on day at:
// training and practice as the share of the target reached (capped at
// 100; practice counts for every teacher so a school average compares
// like with like), the best valid certificate by rank (五级 20 … 一级
// 100), the 双师型 level recognised (初级 33 … 高级 100), and the verified
// ethics, visiting-study and degree records of the current cycle (50
// each, at most 100).
func Dimensions(p Progress, recs []Fact, recognised string, r Requirements, at time.Time) []Dimension {
	share := func(done, target float64) float64 {
		if target <= 0 {
			return 100
		}
		return math.Min(100, math.Round(done/target*100))
	}
	rank, _ := bestCertificate(recs, day(at))
	start, end := r.Cycle(at)
	growth := 0.0
	for _, rec := range recs {
		d, ok := parseDay(rec.EndsOn)
		if ok && rec.Status == StatusVerified && !d.Before(start) && d.Before(end) &&
			(rec.Kind == KindEthics || rec.Kind == KindVisiting || rec.Kind == KindDegree) {
			growth += 50
		}
	}
	return []Dimension{
		{DimensionNames[0], share(p.Training.Done, p.Training.Target)},
		{DimensionNames[1], share(p.Practice.Done, p.Practice.Target)},
		{DimensionNames[2], float64(rank * 20)},
		{DimensionNames[3], math.Round(float64(LevelRank(recognised)) * 100 / 3)},
		{DimensionNames[4], math.Min(100, growth)},
	}
}

// YearHours are a teacher's verified 学时 and confirmed practice days by
// the year a record ended, oldest first: the growth over years.
type YearHours struct {
	Year        string
	Hours, Days float64
}

// HoursByYear sums verified records by year.
func HoursByYear(recs []Fact) []YearHours {
	by := map[string]*YearHours{}
	for _, r := range recs {
		d, ok := parseDay(r.EndsOn)
		if !ok || r.Status != StatusVerified {
			continue
		}
		y := strconv.Itoa(d.Year())
		if by[y] == nil {
			by[y] = &YearHours{Year: y}
		}
		switch {
		case r.Kind.Training():
			by[y].Hours += r.Hours
		case r.Kind == KindEnterprise && r.EnterpriseConfirmed:
			by[y].Days += r.Days
		}
	}
	out := make([]YearHours, 0, len(by))
	for _, v := range by {
		if v.Hours > 0 || v.Days > 0 { // a year with only a certificate shows no growth bar
			out = append(out, *v)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}
