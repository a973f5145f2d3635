package eval

import (
	"encoding/json"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"zhijiao/internal/model"
)

func class(n int, first int64) []int64 {
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = first + int64(i)*7 // not consecutive, to catch index/ID mix-ups
	}
	return ids
}

// TestAssignBalance checks every class size from 0 to 50 against every k
// from 1 to 8: nobody rates themself, no pair twice, everyone rates and is
// rated by exactly k (or everyone else when the class is small).
func TestAssignBalance(t *testing.T) {
	for n := 0; n <= 50; n++ {
		for k := 1; k <= 8; k++ {
			ids := class(n, 1000)
			pairs := Assign(ids, k, uint64(n*100+k))
			want := k
			if n <= k+1 {
				want = n - 1
			}
			if n < 2 {
				want = 0
			}
			out, in := map[int64]int{}, map[int64]int{}
			seen := map[PeerPair]bool{}
			for _, p := range pairs {
				if p.Rater == p.Student {
					t.Fatalf("n=%d k=%d: %d rates themself", n, k, p.Rater)
				}
				if seen[p] {
					t.Fatalf("n=%d k=%d: pair %v twice", n, k, p)
				}
				seen[p] = true
				out[p.Rater]++
				in[p.Student]++
			}
			if len(pairs) != n*want {
				t.Fatalf("n=%d k=%d: %d pairs, want %d", n, k, len(pairs), n*want)
			}
			for _, id := range ids {
				if out[id] != want || in[id] != want {
					t.Fatalf("n=%d k=%d: student %d rates %d, rated by %d, want %d", n, k, id, out[id], in[id], want)
				}
			}
		}
	}
}

func TestAssignEdgeCases(t *testing.T) {
	if p := Assign([]int64{5}, 4, 1); len(p) != 0 {
		t.Errorf("class of 1: %v", p)
	}
	if p := Assign([]int64{5, 6}, 4, 1); !reflect.DeepEqual(p, []PeerPair{{5, 6}, {6, 5}}) {
		t.Errorf("class of 2: %v", p)
	}
	// k+1 students: everyone rates the other k.
	if p := Assign(class(5, 1), 4, 1); len(p) != 20 {
		t.Errorf("class of k+1: %d pairs", len(p))
	}
	if p := Assign(class(10, 1), 0, 1); len(p) != 0 {
		t.Errorf("k = 0: %v", p)
	}
	// A student listed twice is one student.
	if p := Assign([]int64{1, 2, 2, 3}, 1, 1); len(p) != 3 {
		t.Errorf("duplicates: %v", p)
	}
}

func TestAssignDeterministic(t *testing.T) {
	ids := class(45, 1)
	a := Assign(ids, 4, 42)
	shuffled := slices.Clone(ids)
	rand.New(rand.NewPCG(9, 9)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	if b := Assign(shuffled, 4, 42); !reflect.DeepEqual(a, b) {
		t.Fatal("the order of the roster changes the assignment")
	}
	if !slices.IsSortedFunc(a, func(x, y PeerPair) int {
		if x.Rater != y.Rater {
			return int(x.Rater - y.Rater)
		}
		return int(x.Student - y.Student)
	}) {
		t.Fatal("pairs not sorted")
	}
	if c := Assign(ids, 4, 43); reflect.DeepEqual(a, c) {
		t.Fatal("another seed gives the same assignment")
	}
	// Pinned output: a change of algorithm would silently reshuffle the
	// peers of open cycles, so it must show up here.
	got := Assign(class(6, 1), 2, 2026)
	b, _ := json.Marshal(got)
	const want = `[{"rater":1,"student":15},{"rater":1,"student":36},{"rater":8,"student":22},{"rater":8,"student":29},{"rater":15,"student":1},{"rater":15,"student":36},{"rater":22,"student":8},{"rater":22,"student":29},{"rater":29,"student":8},{"rater":29,"student":22},{"rater":36,"student":1},{"rater":36,"student":15}]`
	if string(b) != want {
		t.Errorf("pinned assignment changed:\n%s", b)
	}
}

// TestAssignSpread: over many seeds, every classmate is about equally
// likely to be chosen, so the assignment is not the circle's neighbours.
func TestAssignSpread(t *testing.T) {
	ids := class(20, 1)
	counts := map[int64]int{}
	const seeds = 2000
	for s := range uint64(seeds) {
		for _, p := range Assign(ids, 4, s) {
			if p.Rater == ids[0] {
				counts[p.Student]++
			}
		}
	}
	// Each of 19 classmates is expected 2000×4/19 ≈ 421 times.
	for _, id := range ids[1:] {
		if c := counts[id]; c < 340 || c > 500 {
			t.Errorf("classmate %d chosen %d times, want about 421", id, c)
		}
	}
}

func TestTasks(t *testing.T) {
	in := TaskInput{
		CycleID: 3, Seed: 11, PeerCount: 2,
		Classes: []ClassRoster{
			{ClassID: 1, HeadTeacherID: 100, StudentIDs: []int64{1, 2, 3, 4}},
			{ClassID: 2, StudentIDs: []int64{5}}, // no head teacher, alone
		},
		Teaching: []Teaching{{TeacherID: 200, ClassID: 1}, {TeacherID: 200, ClassID: 1}, {TeacherID: 201, ClassID: 2}, {TeacherID: 202, ClassID: 9}},
		Mentors:  []Apprenticeship{{MentorID: 300, StudentID: 2}, {MentorID: 301, StudentID: 99}},
		Parents:  []Guardianship{{GuardianID: 400, StudentID: 1}, {GuardianID: 401, StudentID: 1}, {GuardianID: 402, StudentID: 5}},
	}
	tasks := Tasks(in)
	count := map[model.RaterRole]int{}
	for _, task := range tasks {
		count[task.Role]++
		if task.CycleID != 3 {
			t.Fatalf("task without cycle: %+v", task)
		}
		if task.Role == model.RaterPeer && (task.StudentID == 5 || task.RaterID == task.StudentID) {
			t.Fatalf("bad peer task %+v", task)
		}
	}
	want := map[model.RaterRole]int{
		model.RaterSelf: 5, model.RaterPeer: 8, model.RaterHeadTeacher: 4,
		model.RaterSubjectTeacher: 5, // 200 → class 1 once (two rows), 201 → class 2
		model.RaterMentor:         1, // 301's apprentice is not in the cycle
		model.RaterParent:         3,
	}
	if !reflect.DeepEqual(count, want) {
		t.Errorf("tasks per role %v, want %v", count, want)
	}
	if !reflect.DeepEqual(tasks, Tasks(in)) {
		t.Error("Tasks is not deterministic")
	}
	// Adding a class leaves the peers of the others alone.
	in2 := in
	in2.Classes = append([]ClassRoster{{ClassID: 7, StudentIDs: class(30, 500)}}, in.Classes...)
	peersOf := func(ts []model.RatingTask) []model.RatingTask {
		var out []model.RatingTask
		for _, t := range ts {
			if t.Role == model.RaterPeer && t.StudentID < 500 {
				out = append(out, t)
			}
		}
		return out
	}
	if !reflect.DeepEqual(peersOf(tasks), peersOf(Tasks(in2))) {
		t.Error("adding a class reshuffled another class's peers")
	}
}

// TestParallelMatchesSerial: the result with many processors is byte for
// byte the result with one.
func TestParallelMatchesSerial(t *testing.T) {
	in := syntheticSchool(DefaultFramework(), 14, 45, 5) // 630 students: two workers or more
	in.Policy = DefaultEvidencePolicy()
	prev := runtime.GOMAXPROCS(1)
	serial, _ := Compute(in, Options{CycleID: 1, TermID: 1})
	runtime.GOMAXPROCS(max(prev, 4))
	par, _ := Compute(in, Options{CycleID: 1, TermID: 1})
	runtime.GOMAXPROCS(prev)
	a, _ := json.Marshal(serial)
	b, _ := json.Marshal(par)
	if string(a) != string(b) {
		t.Fatal("parallel compute differs from serial")
	}
}
