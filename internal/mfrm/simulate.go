package mfrm

import (
	"math"
	"math/rand/v2"
)

// Design is a simulated rating cycle shaped like a school's: classes of students, each student rated by Peers
// classmates (a rotation: student k by the next Peers students of the class) and by Teachers teachers, every rater
// rating every indicator. There are as many teachers as classes, and each rates Teachers classes chosen at random,
// so the classes are linked, as subject teachers link them in a school.
type Design struct {
	Classes, ClassSize, Peers, Teachers, Items, Categories int

	AbilitySD, PeerSeveritySD, TeacherSeveritySD, DifficultySD float64 // the spreads of the true values, in logits
}

// Truth is the parameters a simulation drew, by id, for checking what Fit recovers.
type Truth struct {
	Ability, Severity, Difficulty map[int64]float64
	Thresholds                    []float64
	Teachers                      map[int64]bool // the rater ids that are teachers (the others are peers)
}

// PeerRaterBase is added to a student's id to make the rater id of the same student rating a classmate, and
// TeacherRaterBase numbers the teachers: raters are a facet of their own.
const (
	PeerRaterBase    = 1_000_000
	TeacherRaterBase = 2_000_000
)

// Simulate draws true parameters and ratings from the model for the design. Scores are 1..Categories. Severities
// and difficulties are centred, as Fit centres its estimates, so the two are comparable directly.
func Simulate(dz Design, seed uint64) ([]Rating, Truth) {
	rng := rand.New(rand.NewPCG(seed, 0x6d66726d))
	tr := Truth{Ability: map[int64]float64{}, Severity: map[int64]float64{}, Difficulty: map[int64]float64{},
		Teachers: map[int64]bool{}}
	m := dz.Categories - 1
	for h := 1; h <= m; h++ { // equally spaced thresholds from −1.5 to 1.5
		tr.Thresholds = append(tr.Thresholds, -1.5+3*float64(h-1)/math.Max(1, float64(m-1)))
	}
	students := dz.Classes * dz.ClassSize
	for s := range students {
		tr.Ability[int64(s)] = rng.NormFloat64() * dz.AbilitySD
		tr.Severity[PeerRaterBase+int64(s)] = rng.NormFloat64() * dz.PeerSeveritySD
	}
	for t := range dz.Classes {
		id := TeacherRaterBase + int64(t)
		tr.Severity[id] = rng.NormFloat64() * dz.TeacherSeveritySD
		tr.Teachers[id] = true
	}
	for i := range dz.Items {
		tr.Difficulty[int64(i)] = rng.NormFloat64() * dz.DifficultySD
	}
	centre(tr.Severity)
	centre(tr.Difficulty)

	var out []Rating
	p := make([]float64, m+1)
	g := expNeg(append([]float64{0}, tr.Thresholds...))
	rate := func(s, r int64) {
		for i := range int64(dz.Items) {
			probs(tr.Ability[s]-tr.Severity[r]-tr.Difficulty[i], g, p)
			u, k := rng.Float64(), 0
			for ; k < m && u >= p[k]; k++ {
				u -= p[k]
			}
			out = append(out, Rating{Student: s, Rater: r, Item: i, Score: float64(k + 1)})
		}
	}
	// Teaching slot t (a subject) pairs the classes with the teachers by a permutation: every teacher rates
	// Teachers classes, and the classes are linked the way a school's timetable links them.
	// Slot 0 is the head teacher (one per class) and slot 1 links class c with class c+1, so that even a small
	// simulated school is connected; the further slots are random.
	slots := make([][]int, dz.Teachers)
	for t := range slots {
		slots[t] = rng.Perm(dz.Classes)
		for c := range slots[t] {
			switch t {
			case 0:
				slots[t][c] = c
			case 1:
				slots[t][c] = (c + 1) % dz.Classes
			}
		}
	}
	for c := range dz.Classes {
		for k := range dz.ClassSize {
			s := int64(c*dz.ClassSize + k)
			for j := 1; j <= dz.Peers; j++ {
				rate(s, PeerRaterBase+int64(c*dz.ClassSize+(k+j)%dz.ClassSize))
			}
			seen := map[int]bool{}
			for t := range dz.Teachers {
				if teacher := slots[t][c]; !seen[teacher] { // one teacher in two slots of a class rates once
					seen[teacher] = true
					rate(s, TeacherRaterBase+int64(teacher))
				}
			}
		}
	}
	return out, tr
}

func centre(m map[int64]float64) {
	s := 0.0
	for _, v := range m {
		s += v
	}
	for k := range m {
		m[k] -= s / float64(len(m))
	}
}

// SchoolDesign is the cycle of the benchmark and of the simulation reported in the documentation: n students in
// classes of 50, each rated by 4 classmates and 3 teachers on 10 indicators of a 5-level scale.
func SchoolDesign(n int) Design {
	return Design{Classes: max(1, n/50), ClassSize: min(n, 50), Peers: 4, Teachers: 3, Items: 10, Categories: 5,
		AbilitySD: 1, PeerSeveritySD: 0.5, TeacherSeveritySD: 0.5, DifficultySD: 0.7}
}
