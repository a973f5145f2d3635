package mfrm

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Rating is one score a rater gave a student on an indicator. Ids are the caller's; the three facets have separate
// id spaces, so a classmate may have the same id as a student and as a rater.
type Rating struct {
	Student, Rater, Item int64
	Score                float64
}

// MaxCategories bounds the number of distinct scores: a rating scale has a handful of levels, and 0–100 points must
// first be turned into levels (or steps) before a rating-scale model means anything.
const MaxCategories = 20

// The errors of Fit; test for them with errors.Is (a disconnected design is a *DisconnectedError).
var (
	ErrNoRatings      = errors.New("多面 Rasch：没有评分")
	ErrOneCategory    = errors.New("多面 Rasch：所有评分都相同，至少需要 2 个不同的分数")
	ErrManyCategories = fmt.Errorf("多面 Rasch：不同的分数超过 %d 个，请先把分数换成等级", MaxCategories)
	ErrNotFinite      = errors.New("多面 Rasch：评分中有缺失值或无穷大")
)

// Facet names a facet in a DisconnectedError.
type Facet string

// The three facets.
const (
	Students Facet = "学生"
	Raters   Facet = "评分者"
	Items    Facet = "指标"
)

// DisconnectedError reports a design whose elements fall into separate subsets: within a pairing of two facets (A
// and B), the elements of A and B connected by at least one rating. Each subset lists the ids of both facets.
type DisconnectedError struct {
	A, B    Facet
	Subsets []Subset
}

// Subset is one connected group of a pairing.
type Subset struct {
	A, B []int64 // ids of facet A and of facet B in the group, ascending
}

func (e *DisconnectedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "多面 Rasch：设计不连通，%s与%s分成 %d 个互不相连的子集，子集之间的宽严与水平无法比较", e.A, e.B, len(e.Subsets))
	for i, s := range e.Subsets {
		if i == 3 {
			fmt.Fprintf(&b, "；……")
			break
		}
		fmt.Fprintf(&b, "；子集 %d：%d 个%s、%d 个%s", i+1, len(s.A), e.A, len(s.B), e.B)
	}
	return b.String()
}

// data is the ratings numbered for estimation.
type data struct {
	students, raters, items []int64 // ids by number
	s, r, i                 []int32 // per observation
	x                       []int8  // category 0..m
	values                  []float64
}

func (d *data) m() int { return len(d.values) - 1 }

// prepare numbers the ids and turns scores into categories.
func prepare(ratings []Rating) (*data, error) {
	if len(ratings) == 0 {
		return nil, ErrNoRatings
	}
	d := &data{}
	for _, rt := range ratings {
		if math.IsNaN(rt.Score) || math.IsInf(rt.Score, 0) {
			return nil, ErrNotFinite
		}
		d.values = append(d.values, rt.Score)
	}
	slices.Sort(d.values)
	d.values = slices.Compact(d.values)
	switch {
	case len(d.values) < 2:
		return nil, ErrOneCategory
	case len(d.values) > MaxCategories:
		return nil, ErrManyCategories
	}
	sn, rn, in := map[int64]int32{}, map[int64]int32{}, map[int64]int32{}
	num := func(m map[int64]int32, ids *[]int64, id int64) int32 {
		x, ok := m[id]
		if !ok {
			x = int32(len(*ids))
			m[id] = x
			*ids = append(*ids, id)
		}
		return x
	}
	n := len(ratings)
	d.s, d.r, d.i, d.x = make([]int32, n), make([]int32, n), make([]int32, n), make([]int8, n)
	for k, rt := range ratings {
		d.s[k] = num(sn, &d.students, rt.Student)
		d.r[k] = num(rn, &d.raters, rt.Rater)
		d.i[k] = num(in, &d.items, rt.Item)
		c, _ := slices.BinarySearch(d.values, rt.Score)
		d.x[k] = int8(c)
	}
	return d, nil
}

// connected checks the three pairings of facets and returns the first that splits into subsets.
func (d *data) connected() error {
	pairings := []struct {
		a, b       Facet
		ea, eb     []int32
		idsA, idsB []int64
	}{
		{Students, Raters, d.s, d.r, d.students, d.raters},
		{Students, Items, d.s, d.i, d.students, d.items},
		{Raters, Items, d.r, d.i, d.raters, d.items},
	}
	for _, p := range pairings {
		if err := components(p.a, p.b, p.ea, p.eb, p.idsA, p.idsB); err != nil {
			return err
		}
	}
	return nil
}

// components finds the connected components of the bipartite graph whose edges are the observations' (a, b) pairs,
// by union–find over the len(idsA)+len(idsB) nodes.
func components(fa, fb Facet, ea, eb []int32, idsA, idsB []int64) error {
	na := len(idsA)
	parent := make([]int32, na+len(idsB))
	for k := range parent {
		parent[k] = int32(k)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	groups := len(parent)
	for k := range ea {
		a, b := find(ea[k]), find(int32(na)+eb[k])
		if a != b {
			parent[a] = b
			groups--
		}
	}
	if groups == 1 {
		return nil
	}
	byRoot := map[int32]int{}
	err := &DisconnectedError{A: fa, B: fb}
	for k := range parent {
		root := find(int32(k))
		g, ok := byRoot[root]
		if !ok {
			g = len(err.Subsets)
			byRoot[root] = g
			err.Subsets = append(err.Subsets, Subset{})
		}
		if k < na {
			err.Subsets[g].A = append(err.Subsets[g].A, idsA[k])
		} else {
			err.Subsets[g].B = append(err.Subsets[g].B, idsB[k-na])
		}
	}
	for _, s := range err.Subsets {
		slices.Sort(s.A)
		slices.Sort(s.B)
	}
	return err
}
