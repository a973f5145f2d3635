package eval

import (
	"cmp"
	"fmt"
	"slices"

	"zhijiao/internal/model"
)

// entry is one counted rating, compacted for the per-indicator loop.
type entry struct {
	id    int64
	rater int64
	pts   float64
	role  int8
}

// groupRatings checks every rating once (the ratings and the items of
// the sheets) and buckets the good ones by (student, indicator) with a
// counting sort: bucket key = student×nI + indicator,
// entries[start[key]:start[key+1]]. Two sequential passes over the input
// and no map in the per-indicator loop.
func groupRatings(ratings []model.Rating, sheets []Sheet, pl *plan, stIndex map[int64]int32, cycleID int64, ignore func(string, int64, string)) (start []int32, entries []entry) {
	nI := len(pl.inds)
	total := len(ratings)
	for i := range sheets {
		total += len(sheets[i].Items)
	}
	// Pass 1 checks each rating and copies what the engine needs into a
	// compact entry (32 bytes instead of a whole Rating), so that pass 2
	// scatters small values instead of rereading the input.
	keys := make([]int32, total)
	tmp := make([]entry, total)
	start = make([]int32, len(stIndex)*nI+1)
	ck := ratingCheck{pl: pl, stIndex: stIndex, cycleID: cycleID, ignore: ignore, lastII: -1, lastSI: -1}
	n, i := 0, 0
	add := func(id, cycle int64, role model.RaterRole, rater, student int64, code string, value float64, level string) {
		k := i
		i++
		keys[k] = -1
		key, e, ok := ck.check(id, cycle, role, rater, student, code, value, level)
		if !ok {
			return
		}
		keys[k] = key
		tmp[k] = e
		start[key+1]++
		n++
	}
	for j := range ratings {
		r := &ratings[j]
		add(r.ID, r.CycleID, r.RaterRole, r.RaterID, r.StudentID, r.IndicatorCode, r.Value, r.Level)
	}
	for j := range sheets {
		sh := &sheets[j]
		for _, it := range sh.Items {
			add(sh.ID, sh.CycleID, sh.RaterRole, sh.RaterID, sh.StudentID, it.IndicatorCode, it.Value, it.Level)
		}
	}
	return start, scatter(start, keys, tmp, n)
}

// scatter turns the bucket counts in start into offsets (in place) and
// places each kept entry (key ≥ 0) into its bucket, in input order.
func scatter(start, keys []int32, tmp []entry, n int) []entry {
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	pos := slices.Clone(start[:len(start)-1])
	entries := make([]entry, n)
	for k, key := range keys {
		if key >= 0 {
			entries[pos[key]] = tmp[k]
			pos[key]++
		}
	}
	return entries
}

// ratingCheck decides whether one rating counts and where it goes.
// Ratings usually arrive sorted by student and indicator; remembering
// the last lookups skips most map probes.
type ratingCheck struct {
	pl          *plan
	stIndex     map[int64]int32
	cycleID     int64
	ignore      func(string, int64, string)
	lastCode    string
	lastII      int32
	lastStudent int64
	lastSI      int32
}

// check returns the rating's bucket key and compact entry, or ok=false
// after reporting why it is ignored.
func (c *ratingCheck) check(id, cycle int64, role model.RaterRole, rater, student int64, code string, value float64, level string) (key int32, e entry, ok bool) {
	if c.cycleID != 0 && cycle != c.cycleID {
		c.ignore("rating", id, "评分不属于本评价周期")
		return 0, e, false
	}
	si := c.lastSI
	if student != c.lastStudent || si < 0 {
		if si, ok = c.stIndex[student]; !ok {
			c.ignore("rating", id, fmt.Sprintf("被评学生（ID %d）不在本次评价名单中", student))
			return 0, e, false
		}
		c.lastStudent, c.lastSI = student, si
	}
	ii := c.lastII
	if code != c.lastCode || ii < 0 {
		if ii, ok = c.pl.indIndex[code]; !ok {
			c.ignore("rating", id, fmt.Sprintf("评价方案中没有指标“%s”", code))
			return 0, e, false
		}
		c.lastCode, c.lastII = code, ii
	}
	ip := &c.pl.inds[ii]
	ri := role.Index()
	if ri < 0 || ip.roleW[ri] <= 0 {
		c.ignore("rating", id, fmt.Sprintf("%s不参与指标“%s”的评价", role.Name(), ip.ind.Name))
		return 0, e, false
	}
	p, ok := ScalePoints(ip.ind.Scale, value, level)
	if !ok {
		c.ignore("rating", id, fmt.Sprintf("指标“%s”的评分超出范围：%s", ip.ind.Name, scaleHint(ip.ind.Scale)))
		return 0, e, false
	}
	switch {
	case role == model.RaterPeer && rater == student:
		c.ignore("rating", id, "互评不能评价自己")
		return 0, e, false
	case role == model.RaterSelf && rater != student:
		c.ignore("rating", id, "自评只能由学生本人填写")
		return 0, e, false
	}
	return si*int32(len(c.pl.inds)) + ii, entry{id: id, rater: rater, pts: p, role: int8(ri)}, true
}

// groupEvidence orders record indices by student, then record ID, so that
// each student's records are applied in one fixed order.
func groupEvidence(ev []model.Evidence, stIndex map[int64]int32) (start []int32, order []int32) {
	start = make([]int32, len(stIndex)+1)
	sIdx := make([]int32, len(ev))
	for i := range ev {
		si, ok := stIndex[ev[i].StudentID]
		sIdx[i] = -1
		if ok {
			sIdx[i] = si
			start[si+1]++
			order = append(order, int32(i))
		}
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	slices.SortFunc(order, func(a, b int32) int {
		return cmp.Or(cmp.Compare(sIdx[a], sIdx[b]), cmp.Compare(ev[a].ID, ev[b].ID), cmp.Compare(a, b))
	})
	return start, order
}

// sortEntries is an insertion sort by role, rater, then ID descending;
// buckets hold about ten ratings.
func sortEntries(b []entry) {
	less := func(x, y *entry) bool {
		if x.role != y.role {
			return x.role < y.role
		}
		if x.rater != y.rater {
			return x.rater < y.rater
		}
		return x.id > y.id
	}
	for i := 1; i < len(b); i++ {
		x := b[i]
		j := i - 1
		for j >= 0 && less(&x, &b[j]) {
			b[j+1] = b[j]
			j--
		}
		b[j+1] = x
	}
}
