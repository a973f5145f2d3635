package stats

import (
	"cmp"
	"math"
	"slices"
)

// cells groups ratings by (item, target) for Flags. A semester of a school is 1.2M ratings; hashing a two-id key
// per rating, twice, was most of Flags' time. Instead each id is numbered once (one int64 map lookup per id), and
// the ratings are put in cell order by two counting sorts over those numbers: linear time, no composite keys.
type cells struct {
	raters, targets, items numbering
	rater, target          []int32 // per rating (by position in the input): the numbers of its rater and target
	order                  []int32 // positions of the usable ratings, by item, then target, then input order
	cellEnds               []int32 // end of each (item, target) cell in order
	itemEnds               []int   // end of each item's cells in cellEnds
	skipped                int     // ratings with a value that is not finite
}

// numbering gives ids the numbers 0, 1, 2, … in order of first appearance.
type numbering struct {
	of  map[int64]int32
	ids []int64
	// The last id asked for: ratings usually arrive ordered by some id (a query's ORDER BY), and then most
	// lookups repeat the previous one and skip the map.
	lastID int64
	last   int32
}

func (n *numbering) number(id int64) int32 {
	if len(n.ids) > 0 && id == n.lastID {
		return n.last
	}
	if n.of == nil {
		n.of = make(map[int64]int32)
	}
	x, ok := n.of[id]
	if !ok {
		x = int32(len(n.ids))
		n.of[id] = x
		n.ids = append(n.ids, id)
	}
	n.lastID, n.last = id, x
	return x
}

func groupCells(ratings []Rating) *cells {
	c := &cells{rater: make([]int32, len(ratings)), target: make([]int32, len(ratings))}
	item := make([]int32, len(ratings))
	usable := make([]int32, 0, len(ratings))
	for i, r := range ratings {
		if math.IsNaN(r.Value) || math.IsInf(r.Value, 0) {
			c.skipped++
			continue
		}
		c.rater[i] = c.raters.number(r.Rater)
		c.target[i] = c.targets.number(r.Target)
		item[i] = c.items.number(r.Item)
		usable = append(usable, int32(i))
	}
	// Sorting by target and then, stably, by item leaves each item's ratings ordered by target, and each cell's
	// ratings in input order, which is how "the later record wins" is decided.
	byTarget := countingSort(usable, c.target, len(c.targets.ids))
	c.order = countingSort(byTarget, item, len(c.items.ids))

	for k, pos := range c.order {
		last := k+1 == len(c.order)
		if last || c.target[c.order[k+1]] != c.target[pos] || item[c.order[k+1]] != item[pos] {
			c.cellEnds = append(c.cellEnds, int32(k+1))
		}
		if last || item[c.order[k+1]] != item[pos] {
			c.itemEnds = append(c.itemEnds, len(c.cellEnds))
		}
	}
	return c
}

// countingSort returns positions stably ordered by key[position], whose values are below n.
func countingSort(positions, key []int32, n int) []int32 {
	start := make([]int32, n+1)
	for _, p := range positions {
		start[key[p]+1]++
	}
	for k := 1; k <= n; k++ {
		start[k] += start[k-1]
	}
	out := make([]int32, len(positions))
	for _, p := range positions {
		out[start[key[p]]] = p
		start[key[p]]++
	}
	return out
}

// latest sorts one cell's positions by rater and keeps, for each rater, only the last record in input order.
// It returns the kept positions and how many were superseded.
func (c *cells) latest(cell []int32) (kept []int32, superseded int) {
	slices.SortFunc(cell, func(a, b int32) int {
		if d := cmp.Compare(c.rater[a], c.rater[b]); d != 0 {
			return d
		}
		return cmp.Compare(a, b)
	})
	kept = cell[:0]
	for j, p := range cell {
		if j+1 < len(cell) && c.rater[cell[j+1]] == c.rater[p] {
			superseded++
			continue
		}
		kept = append(kept, p)
	}
	return kept, superseded
}
