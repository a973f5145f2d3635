package eval

import (
	"cmp"
	"slices"

	"zhijiao/internal/model"
)

// ClassRoster is one class as the task generator needs it.
type ClassRoster struct {
	ClassID       int64
	HeadTeacherID int64 // teacher ID, 0 when the class has none
	StudentIDs    []int64
}

// Teaching says that a teacher teaches a class this term (one row per
// course is fine: a teacher with two courses in a class rates it once).
type Teaching struct {
	TeacherID int64
	ClassID   int64
}

// Apprenticeship links an enterprise mentor to an apprentice or intern.
type Apprenticeship struct {
	MentorID  int64
	StudentID int64
}

// Guardianship links a parent (guardian) to a child.
type Guardianship struct {
	GuardianID int64
	StudentID  int64
}

// TaskInput is everything known when a cycle opens. Only students listed
// in Classes get tasks; links to other students are ignored (they left,
// or belong to another cycle).
type TaskInput struct {
	CycleID   int64
	Seed      uint64
	PeerCount int // k; 0 means DefaultPeerCount
	Classes   []ClassRoster
	Teaching  []Teaching
	Mentors   []Apprenticeship
	Parents   []Guardianship
}

// Tasks lists who rates whom in a cycle: every student rates themself;
// peers by Assign inside each class; the head teacher rates the class;
// each subject teacher rates each class they teach; mentors rate their
// apprentices and interns; parents get a task for their child (a comment,
// plus ratings where the framework gives parents a weight — see
// IndicatorsFor). Each (role, rater, student) appears once. The list is
// sorted by role (RaterRoles order), rater, student, and depends only on
// the input values.
func Tasks(in TaskInput) []model.RatingTask {
	k := in.PeerCount
	if k <= 0 {
		k = DefaultPeerCount
	}
	classOf := map[int64]int64{}
	var out []model.RatingTask
	add := func(role model.RaterRole, rater, student int64) {
		out = append(out, model.RatingTask{CycleID: in.CycleID, Role: role, RaterID: rater, StudentID: student})
	}
	for _, c := range in.Classes {
		for _, s := range c.StudentIDs {
			classOf[s] = c.ClassID
			add(model.RaterSelf, s, s)
			if c.HeadTeacherID != 0 {
				add(model.RaterHeadTeacher, c.HeadTeacherID, s)
			}
		}
		for _, p := range Assign(c.StudentIDs, k, classSeed(in.Seed, c.ClassID)) {
			add(model.RaterPeer, p.Rater, p.Student)
		}
	}
	byClass := map[int64][]int64{}
	for _, c := range in.Classes {
		byClass[c.ClassID] = append(byClass[c.ClassID], c.StudentIDs...)
	}
	for _, t := range in.Teaching {
		if t.TeacherID == 0 {
			continue
		}
		for _, s := range byClass[t.ClassID] {
			add(model.RaterSubjectTeacher, t.TeacherID, s)
		}
	}
	for _, m := range in.Mentors {
		if _, ok := classOf[m.StudentID]; ok && m.MentorID != 0 {
			add(model.RaterMentor, m.MentorID, m.StudentID)
		}
	}
	for _, g := range in.Parents {
		if _, ok := classOf[g.StudentID]; ok && g.GuardianID != 0 {
			add(model.RaterParent, g.GuardianID, g.StudentID)
		}
	}
	slices.SortFunc(out, func(a, b model.RatingTask) int {
		return cmp.Or(
			cmp.Compare(a.Role.Index(), b.Role.Index()),
			cmp.Compare(a.RaterID, b.RaterID),
			cmp.Compare(a.StudentID, b.StudentID))
	})
	return slices.Compact(out)
}

// classSeed gives every class its own stream from the cycle's seed, so that
// adding a class never reshuffles the peers of another (splitmix64 mix).
func classSeed(seed uint64, classID int64) uint64 {
	z := seed ^ (uint64(classID) * 0x9e3779b97f4a7c15)
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
