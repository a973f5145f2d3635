package demo

import (
	"fmt"
	"math"

	"zhijiao/internal/model"
)

// A plan is one whole school in memory, drawn from the generator before a
// single row is written: the order of draws never depends on database ids,
// so the same seed gives the same school on SQLite and on PostgreSQL.
type plan struct {
	code, name string
	g          *gen

	depts       []*dept
	majors      []*major
	public      []*model.Course // by p* index
	teachers    []*teacher
	classes     []*class
	students    []*student
	enterprises []*enterprise
	mentors     []*mentor
	placements  []*placement
	show        showcase
	// The graduated cohort (graduates.go): classes and students only.
	gradClasses []*class
	graduated   []*student
}

type dept struct {
	def     *deptDef
	m       model.Department
	head    *teacher
	classes int
}

type major struct {
	no      int // 1-based position in the catalogue, part of the 学号
	def     *majorDef
	dept    *dept
	m       model.Major
	courses []*model.Course
}

// Teachers fall into buckets by what they teach: one per public course,
// then one per department for its professional courses.
const professionalBucket = 100

type teacher struct {
	t        model.Teacher
	capacity float64 // how many classes, relatively, this teacher takes on
	dept     *dept
	bucket   int // p* for public courses, professionalBucket+dept index otherwise
	load     int
	taught   []*class
	heads    *class
	headsDep *dept
	u        model.User
}

type class struct {
	c        model.Class
	year     int
	major    *major
	dept     *dept
	no       int // number within (cohort, major): 1班, 2班
	size     int
	head     *teacher
	students []*student
	lessons  []*lesson
}

type lesson struct {
	course  *model.Course
	bucket  int
	teacher *teacher
	ta      model.TeachingAssignment
}

type student struct {
	s         model.Student
	class     *class
	guardians []*guardian
	changes   []change
	placement *placement
	u         model.User
}

type change struct {
	status       model.EnrollmentStatus
	date, reason string
}

type guardian struct {
	g model.Guardian
	u model.User
}

type enterprise struct {
	e       model.Enterprise
	dept    *dept
	mentors []*mentor
}

type mentor struct {
	m        model.Mentor
	no       int
	ent      *enterprise
	students []*student
	u        model.User
}

type placement struct {
	st       *student
	mentor   *mentor
	p        model.Placement
	kind     string
	from, to string
}

// showcase is who the printed logins point at: one connected story (a
// class, its head teacher, a subject teacher, a student of it who is an
// apprentice, the student's mentor and parent, the department head).
type showcase struct {
	class    *class
	student  *student
	subject  *teacher
	mentor   *mentor
	deptHead *teacher
}

// Cohorts by entry year; the current term is the first term of 2026-2027.
var entryYears = []int{2024, 2025, 2026}

const (
	today           = "2026-11-28"
	internshipStart = "2026-11-02"
	internshipEnd   = "2027-06-30"
)

// largestRemainder splits total into len(ws) whole parts proportional to
// ws, ties going to the earlier entry.
func largestRemainder(total int, ws []float64) []int {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	out := make([]int, len(ws))
	if sum == 0 || total <= 0 {
		return out
	}
	rem := make([]float64, len(ws))
	given := 0
	for i, w := range ws {
		q := float64(total) * w / sum
		out[i] = int(math.Floor(q))
		rem[i] = q - float64(out[i])
		given += out[i]
	}
	for ; given < total; given++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		out[best]++
		rem[best] = -1
	}
	return out
}

func newPlan(code, name string, students int, g *gen) *plan {
	p := &plan{code: code, name: name, g: g}
	p.organisation()
	p.layoutClasses(students)
	p.fillStudents()
	p.planLessons()
	p.hireTeachers(students)
	p.assignLessons()
	p.chooseHeads()
	p.partners()
	p.place()
	p.chooseShowcase()
	p.graduates()
	return p
}

// organisation: departments, majors, courses (fixed catalogue).
func (p *plan) organisation() {
	for i := range departments {
		d := &departments[i]
		p.depts = append(p.depts, &dept{def: d, m: model.Department{Name: d.name, Description: d.desc}})
	}
	for i, name := range publicCourses {
		p.public = append(p.public, &model.Course{Code: fmt.Sprintf("G%02d", i+1), Name: name.name, Kind: "公共基础课"})
	}
	for i := range majors {
		d := &majors[i]
		m := &major{no: i + 1, def: d, dept: p.depts[d.dept],
			m: model.Major{Code: d.code, Name: d.name, ShortName: d.short, Apprenticeship: d.apprenticeship}}
		for k, c := range d.core {
			m.courses = append(m.courses, &model.Course{Code: fmt.Sprintf("%s-%02d", d.code, k+1), Name: c, Kind: "专业核心课"})
		}
		p.majors = append(p.majors, m)
	}
}

// layoutClasses decides how many classes each cohort and major has, their
// programs and sizes (40–52 for a school of normal size).
func (p *plan) layoutClasses(total int) {
	g := p.g
	n := int(math.Round(float64(total) / 48.4))
	if n < 1 && total > 0 {
		n = 1
	}
	perCohort := largestRemainder(n, []float64{0.31, 0.33, 0.36})
	for ci, year := range entryYears {
		ws := make([]float64, len(p.majors))
		for i, m := range p.majors {
			ws[i] = m.def.weight * (0.75 + 0.5*g.r.Float64())
		}
		counts := largestRemainder(perCohort[ci], ws)
		for i, m := range p.majors {
			for k := 1; k <= counts[i]; k++ {
				prog := model.Program3Year
				switch x := g.r.Float64(); {
				case x < 0.72:
				case x < 0.84:
					prog = model.Program3p2
				case x < 0.94:
					prog = model.Program5Year
				default:
					if m.def.allow34 {
						prog = model.Program3p4
					}
				}
				c := &class{year: year, major: m, dept: m.dept, no: k}
				c.c = model.Class{Name: fmt.Sprintf("%d级%s%d班", year, m.def.name, k), EntryYear: year, Program: prog}
				m.dept.classes++
				p.classes = append(p.classes, c)
			}
		}
	}
	// Sizes: proportional to a jittered weight (the oldest cohort has lost
	// a few students), then nudged into 40–52 where the average allows.
	ws := make([]float64, len(p.classes))
	for i, c := range p.classes {
		f := map[int]float64{2024: 0.97, 2025: 1.0, 2026: 1.03}[c.year]
		ws[i] = f * (0.9 + 0.2*g.r.Float64())
	}
	sizes := largestRemainder(total, ws)
	lo, hi := 40, 52
	if len(sizes) > 0 && (total < lo*len(sizes) || total > hi*len(sizes)) {
		lo, hi = 0, math.MaxInt
	}
	for {
		minI, maxI := 0, 0
		for i := range sizes {
			if sizes[i] < sizes[minI] {
				minI = i
			}
			if sizes[i] > sizes[maxI] {
				maxI = i
			}
		}
		if len(sizes) == 0 || (sizes[minI] >= lo && sizes[maxI] <= hi) {
			break
		}
		sizes[maxI]--
		sizes[minI]++
	}
	for i, c := range p.classes {
		c.size = sizes[i]
	}
}

// chooseShowcase picks the connected set of people the printed logins
// point at.
func (p *plan) chooseShowcase() {
	var best *class
	count := func(c *class) int {
		n := 0
		for _, st := range c.students {
			if st.placement != nil && st.placement.kind == model.PlacementApprenticeship {
				n++
			}
		}
		return n
	}
	for _, c := range p.classes {
		if best == nil || count(c) > count(best) {
			best = c
		}
	}
	if best != nil && count(best) == 0 {
		for _, c := range p.classes {
			if c.year == 2025 && len(c.students) > 0 {
				best = c
				break
			}
		}
	}
	if best == nil {
		return
	}
	sc := &p.show
	sc.class = best
	for _, pass := range []func(st *student) bool{
		func(st *student) bool { return st.placement != nil && len(st.guardians) == 2 },
		func(st *student) bool { return len(st.guardians) == 2 },
		func(st *student) bool { return true },
	} {
		for _, st := range best.students {
			if sc.student == nil && enrolled(st) && pass(st) {
				sc.student = st
			}
		}
	}
	if sc.student != nil && sc.student.placement != nil {
		sc.mentor = sc.student.placement.mentor
	} else {
		for _, m := range p.mentors { // the busiest mentor
			if sc.mentor == nil || len(m.students) > len(sc.mentor.students) {
				sc.mentor = m
			}
		}
	}
	for _, l := range best.lessons {
		if t := l.teacher; sc.subject == nil && t.heads == nil && t.headsDep == nil {
			sc.subject = t
		}
	}
	for _, t := range p.teachers {
		if sc.subject == nil && t.heads == nil && t.headsDep == nil {
			sc.subject = t
		}
	}
	sc.deptHead = best.dept.head
	for _, d := range p.depts {
		if sc.deptHead == nil && d.head != nil {
			sc.deptHead = d.head
		}
	}
}
