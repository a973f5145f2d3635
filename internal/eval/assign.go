package eval

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// DefaultPeerCount is how many classmates each student rates when the
// cycle does not say.
const DefaultPeerCount = 4

// PeerPair says that student Rater rates classmate Student.
type PeerPair struct {
	Rater   int64 `json:"rater"`
	Student int64 `json:"student"`
}

// Assign chooses the peers of one class. With n students and n > k+1, each
// student rates exactly k classmates and is rated by exactly k, never
// themself, never the same classmate twice. With n ≤ k+1 everyone rates
// every classmate (n−1 each). The result depends only on the set of
// students, k and seed — not on the order of students — and is sorted by
// rater, then student.
//
// How: shuffle the class into a circle with a PCG seeded by seed, pick k
// distinct offsets d in 1…n−1 at random, and let the student at position i
// rate the one at i+d (mod n) for each d. Every offset is a rotation, so it
// gives each student exactly one rater and one ratee and never the
// student themself; distinct offsets never repeat a pair. Random offsets
// (rather than 1…k) keep the raters of neighbouring students from being
// almost the same people.
func Assign(students []int64, k int, seed uint64) []PeerPair {
	ids := slices.Clone(students)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	n := len(ids)
	if n < 2 || k <= 0 {
		return nil
	}
	var pairs []PeerPair
	if n <= k+1 {
		pairs = make([]PeerPair, 0, n*(n-1))
		for _, r := range ids {
			for _, s := range ids {
				if r != s {
					pairs = append(pairs, PeerPair{Rater: r, Student: s})
				}
			}
		}
		return pairs
	}
	// The second PCG word is fixed so that Assign(…, seed) is one stream;
	// callers make seeds differ per class (see Tasks).
	rng := rand.New(rand.NewPCG(seed, 0x7a68696a69616f)) // "zhijiao"
	rng.Shuffle(n, func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	offsets := make([]int, n-1)
	for i := range offsets {
		offsets[i] = i + 1
	}
	rng.Shuffle(len(offsets), func(i, j int) { offsets[i], offsets[j] = offsets[j], offsets[i] })
	offsets = offsets[:k]

	pairs = make([]PeerPair, 0, n*k)
	for i, r := range ids {
		for _, d := range offsets {
			pairs = append(pairs, PeerPair{Rater: r, Student: ids[(i+d)%n]})
		}
	}
	slices.SortFunc(pairs, func(a, b PeerPair) int {
		if a.Rater != b.Rater {
			return cmp.Compare(a.Rater, b.Rater)
		}
		return cmp.Compare(a.Student, b.Student)
	})
	return pairs
}
