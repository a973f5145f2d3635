package demo

import (
	"fmt"
	"math"
	"time"

	"zhijiao/internal/idcheck"
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

// fillStudents draws every student with guardians and 学籍 history.
func (p *plan) fillStudents() {
	g := p.g
	now := day(today)
	for _, c := range p.classes {
		y := c.year
		for seat := 1; seat <= c.size; seat++ {
			male := !g.chance(c.major.def.female)
			// Entry at 15 mostly, 16 often, 17 rarely (age on 1 September).
			age := []int{15, 16, 17}[g.weighted([]float64{0.74, 0.23, 0.03})]
			birth := g.dateBetween(day(fmt.Sprintf("%d-09-02", y-age-1)), day(fmt.Sprintf("%d-09-01", y-age)))
			id, eth := g.identity(birth, male)
			sur := g.surname()
			st := &student{class: c}
			gender := model.Female
			if male {
				gender = model.Male
			}
			no := fmt.Sprintf("%d%02d%02d%02d", y, c.major.no, c.no, seat)
			st.s = model.Student{
				StudentNo:        no,
				Name:             g.name(sur, male, true),
				Gender:           gender,
				IDType:           model.IDResident,
				IDNumber:         id,
				RegistrationNo:   registrationNo(no),
				BirthDate:        birth.Format("2006-01-02"),
				Ethnicity:        eth,
				EnrollmentStatus: model.StatusEnrolled,
			}
			if g.chance(0.85) {
				st.s.Phone = g.mobile()
			}
			p.family(st, sur)
			p.history(st, now)
			c.students = append(c.students, st)
			p.students = append(p.students, st)
		}
	}
}

// family draws one or two guardians: mostly both parents, some single
// parents, some grandparents (many Chongqing parents work away from home).
func (p *plan) family(st *student, sur string) {
	g := p.g
	add := func(name, rel string) {
		st.guardians = append(st.guardians, &guardian{g: model.Guardian{Name: name, Phone: g.mobile(), Relation: rel}})
	}
	father := func() {
		s := sur
		if g.chance(0.03) {
			s = "" // the child took the mother's surname
		}
		add(g.name(s, true, false), "父亲")
	}
	mother := func() { add(g.name("", false, false), "母亲") }
	switch x := g.r.Float64(); {
	case x < 0.06:
		if g.chance(0.5) {
			add(g.name(sur, true, false), "其他")
		} else {
			add(g.name("", false, false), "其他")
		}
	case x < 0.13:
		mother()
	case x < 0.19:
		father()
	default:
		father()
		mother()
	}
}

// history draws the few 休学/转出/退学 changes, more in older cohorts.
func (p *plan) history(st *student, now time.Time) {
	g := p.g
	y := st.class.year
	from := day(fmt.Sprintf("%d-10-08", y))
	if !from.Before(now) {
		return
	}
	rates := map[int][4]float64{ // withdrawn, transferred, suspended, suspended-and-back
		2024: {0.016, 0.010, 0.008, 0.005},
		2025: {0.010, 0.008, 0.006, 0.003},
		2026: {0.004, 0.003, 0.002, 0},
	}[y]
	x := g.r.Float64()
	date := g.dateBetween(from, now.AddDate(0, 0, -7))
	d := date.Format("2006-01-02")
	switch {
	case x < rates[0]:
		st.changes = append(st.changes, change{model.StatusWithdrawn, d, g.pick(reasonsWithdrawn)})
	case x < rates[0]+rates[1]:
		st.changes = append(st.changes, change{model.StatusTransferred, d, g.pick(reasonsTransferred)})
	case x < rates[0]+rates[1]+rates[2]:
		st.changes = append(st.changes, change{model.StatusSuspended, d, g.pick(reasonsSuspended)})
	case x < rates[0]+rates[1]+rates[2]+rates[3]:
		back := date.AddDate(1, 0, 0)
		if back.After(now) {
			return
		}
		st.changes = append(st.changes, change{model.StatusSuspended, d, g.pick(reasonsSuspended)},
			change{model.StatusEnrolled, back.Format("2006-01-02"), "休学期满复学"})
	}
	// The row is written 在籍; the changes are then recorded through the
	// dated history, which sets the current status.
}

// planLessons decides the courses of each class this term: public courses
// by year of study plus 1–4 of its major's core courses, 6–9 in all.
func (p *plan) planLessons() {
	g := p.g
	for _, c := range p.classes {
		var pub []int
		core := c.major.courses
		var cs []*model.Course
		switch c.year {
		case 2026:
			pub = []int{pChinese, pMath, pEnglish, pPolitics, pPE, pIT}
			if g.chance(0.5) {
				pub = append(pub, pArt)
			}
			cs = core[:min(len(core), g.between(1, 2))]
		case 2025:
			pub = []int{pChinese, pMath, pEnglish, pPolitics, pPE}
			if g.chance(0.6) {
				pub = append(pub, pHistory)
			}
			k := g.between(2, 3)
			for i := 0; i < k && i < len(core); i++ {
				cs = append(cs, core[(1+i)%len(core)])
			}
		default:
			pub = []int{pChinese, pPolitics, pPE}
			if g.chance(0.5) {
				pub = append(pub, []int{pMath, pEnglish}[g.intn(2)])
			}
			k := min(len(core), g.between(3, 4))
			cs = core[len(core)-k:]
		}
		for _, i := range pub {
			c.lessons = append(c.lessons, &lesson{course: p.public[i], bucket: i})
		}
		for _, co := range cs {
			c.lessons = append(c.lessons, &lesson{course: co, bucket: professionalBucket + c.major.def.dept})
		}
	}
}

// hireTeachers makes about one teacher per 15 students, split over the
// buckets in proportion to the lessons they must cover.
func (p *plan) hireTeachers(students int) {
	g := p.g
	total := max(24, int(math.Round(float64(students)/15)))
	buckets := make([]int, 0, len(publicCourses)+len(p.depts))
	for i := range publicCourses {
		buckets = append(buckets, i)
	}
	for i := range p.depts {
		buckets = append(buckets, professionalBucket+i)
	}
	need := make([]float64, len(buckets))
	for _, c := range p.classes {
		for _, l := range c.lessons {
			for i, b := range buckets {
				if b == l.bucket {
					need[i]++
				}
			}
		}
	}
	counts := largestRemainder(total, need)
	deptWeights := make([]float64, len(p.depts))
	for i, d := range p.depts {
		deptWeights[i] = float64(d.classes) + 0.5
	}
	now := day(today)
	for i, b := range buckets {
		if need[i] > 0 && counts[i] == 0 {
			counts[i] = 1
		}
		for k := 0; k < counts[i]; k++ {
			t := &teacher{bucket: b, capacity: 0.6 + 1.2*g.r.Float64()}
			var female, dual float64
			if b >= professionalBucket {
				t.dept = p.depts[b-professionalBucket]
				female, dual = t.dept.def.female, 0.9
			} else {
				t.dept = p.depts[g.weighted(deptWeights)]
				female, dual = publicCourses[b].female, publicCourses[b].dual*1.2
			}
			male := !g.chance(female)
			age := 23 + g.intn(17) + g.intn(18) // 23–57, most in their thirties and forties
			birth := g.dateBetween(now.AddDate(-age-1, 0, 1), now.AddDate(-age, 0, 0))
			id, _ := g.identity(birth, male)
			gender := model.Female
			if male {
				gender = model.Male
			}
			t.t = model.Teacher{Name: g.name("", male, false), Gender: gender, Title: p.title(age, b >= professionalBucket),
				DualQualified: g.chance(dual), Phone: g.mobile(), IDNumber: id}
			p.teachers = append(p.teachers, t)
		}
	}
	// 工号 follow hiring order, not subjects.
	g.shuffle(len(p.teachers), func(i, j int) { p.teachers[i], p.teachers[j] = p.teachers[j], p.teachers[i] })
	for i, t := range p.teachers {
		t.t.StaffNo = fmt.Sprintf("T%04d", i+1)
	}
}

// title draws a 职称 that fits the age: 助理讲师 when young, 讲师 then
// 高级讲师 with the years, 正高级讲师 rare; 实习指导教师 for some
// professional teachers.
func (p *plan) title(age int, professional bool) string {
	names := []string{"正高级讲师", "高级讲师", "讲师", "助理讲师", "实习指导教师"}
	var ws []float64
	switch {
	case age < 28:
		ws = []float64{0, 0, 0.10, 0.85, 0.05}
	case age < 35:
		ws = []float64{0, 0.05, 0.60, 0.30, 0.05}
	case age < 45:
		ws = []float64{0.01, 0.30, 0.58, 0.07, 0.04}
	default:
		ws = []float64{0.06, 0.60, 0.31, 0, 0.03}
	}
	if !professional {
		ws[4] = 0
	}
	return names[p.g.weighted(ws)]
}

// assignLessons gives each lesson the teacher of its bucket with the most
// room left (load against a personal capacity, so some teach one or two
// classes and others four or five), preferring the class's department.
func (p *plan) assignLessons() {
	byBucket := map[int][]*teacher{}
	for _, t := range p.teachers {
		byBucket[t.bucket] = append(byBucket[t.bucket], t)
	}
	for _, c := range p.classes {
		for _, l := range c.lessons {
			var best *teacher
			bestScore := math.Inf(1)
			for _, t := range byBucket[l.bucket] {
				s := float64(t.load+1) / t.capacity
				if t.dept != c.dept {
					s += 0.6
				}
				if len(t.taught) > 0 && t.taught[len(t.taught)-1] == c {
					s += 0.3
				}
				if s < bestScore {
					best, bestScore = t, s
				}
			}
			l.teacher = best
			best.load++
			if len(best.taught) == 0 || best.taught[len(best.taught)-1] != c {
				best.taught = append(best.taught, c)
			}
		}
	}
}

// chooseHeads names a head (专业部主任) for each department and a 班主任 for
// each class; nobody does both, nobody heads two classes.
func (p *plan) chooseHeads() {
	g := p.g
	for _, d := range p.depts {
		var senior, any []*teacher
		for _, t := range p.teachers {
			if t.dept != d || t.bucket < professionalBucket {
				continue
			}
			any = append(any, t)
			if t.t.Title == "高级讲师" || t.t.Title == "正高级讲师" {
				senior = append(senior, t)
			}
		}
		if len(senior) > 0 {
			any = senior
		}
		if len(any) > 0 {
			d.head = any[g.intn(len(any))]
			d.head.headsDep = d
		}
	}
	free := func(t *teacher) bool { return t.heads == nil && t.headsDep == nil }
	for _, c := range p.classes {
		order := make([]*lesson, len(c.lessons))
		copy(order, c.lessons)
		g.shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		prefs := []func(t *teacher) bool{
			func(t *teacher) bool { return t.bucket >= professionalBucket },
			func(t *teacher) bool { return t.bucket == pChinese || t.bucket == pMath || t.bucket == pEnglish },
			func(t *teacher) bool { return true },
		}
		for _, ok := range prefs {
			for _, l := range order {
				if c.head == nil && free(l.teacher) && ok(l.teacher) {
					c.head = l.teacher
				}
			}
		}
		if c.head == nil { // everyone teaching the class is taken: any free teacher, own department first
			for pass := 0; pass < 2 && c.head == nil; pass++ {
				for _, t := range p.teachers {
					if free(t) && (pass == 1 || t.dept == c.dept) {
						c.head = t
						break
					}
				}
			}
		}
		if c.head != nil {
			c.head.heads = c
		}
	}
}

// partners draws the 30 partner enterprises and their mentors.
func (p *plan) partners() {
	g := p.g
	names := make([]string, len(tradeNames))
	copy(names, tradeNames)
	g.shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	next := 0
	for _, d := range p.depts {
		for i := range d.def.enterprises {
			def := &d.def.enterprises[i]
			trade := names[next%len(names)]
			next++
			kind := "91" // 工商登记的企业
			if def.nonProfit {
				kind = "52" // 民政登记的民办非企业单位
			}
			region := cityDistricts[g.intn(len(cityDistricts))] // registered in the city, not a county
			e := &enterprise{dept: d, e: model.Enterprise{
				Name:       fmt.Sprintf(def.pattern, trade),
				CreditCode: idcheck.MakeCreditCode(kind + region + g.orgCode()),
				Industry:   def.industry,
				Contact:    g.name("", g.chance(0.5), false),
				Phone:      g.landline(),
				Address:    fmt.Sprintf("重庆市渝州区%s%d号", g.pick(roads), g.between(1, 388)),
			}}
			titles := make([]string, len(def.titles))
			copy(titles, def.titles)
			g.shuffle(len(titles), func(i, j int) { titles[i], titles[j] = titles[j], titles[i] })
			n := []int{1, 2, 3}[g.weighted([]float64{0.3, 0.45, 0.25})]
			for k := 0; k < n; k++ {
				m := &mentor{ent: e, no: len(p.mentors) + 1}
				m.m = model.Mentor{Name: g.name("", !g.chance(d.def.female), false), Title: titles[k%len(titles)], Phone: g.mobile()}
				e.mentors = append(e.mentors, m)
				p.mentors = append(p.mentors, m)
			}
			p.enterprises = append(p.enterprises, e)
		}
	}
}

func enrolled(st *student) bool {
	return len(st.changes) == 0 || st.changes[len(st.changes)-1].status == model.StatusEnrolled
}

// place puts about a class's worth of apprentices (现代学徒制) with mentors
// of their major's partner enterprise, and sends some third-year students
// on 顶岗实习.
func (p *plan) place() {
	g := p.g
	target := max(6, int(math.Round(48*float64(len(p.students))/3000)))
	var appClasses []*class
	for _, year := range []int{2025, 2026, 2024} {
		for _, c := range p.classes {
			if c.year == year && c.major.def.apprenticeship {
				appClasses = append(appClasses, c)
			}
		}
		if len(appClasses) > 0 {
			break
		}
	}
	// Each apprenticeship major trains with one enterprise of its department.
	partner := map[*major]*enterprise{}
	used := map[*enterprise]bool{}
	for _, m := range p.majors {
		if !m.def.apprenticeship {
			continue
		}
		for _, e := range p.enterprises {
			if e.dept == m.dept && !used[e] {
				partner[m], used[e] = e, true
				break
			}
		}
		if partner[m] == nil {
			for _, e := range p.enterprises {
				if e.dept == m.dept {
					partner[m] = e
					break
				}
			}
		}
	}
	quota := largestRemainder(target, func() []float64 {
		ws := make([]float64, len(appClasses))
		for i := range ws {
			ws[i] = 1
		}
		return ws
	}())
	for i, c := range appClasses {
		e := partner[c.major]
		if e == nil || len(e.mentors) == 0 {
			continue
		}
		idx := make([]int, len(c.students))
		for k := range idx {
			idx[k] = k
		}
		g.shuffle(len(idx), func(a, b int) { idx[a], idx[b] = idx[b], idx[a] })
		taken := 0
		for _, k := range idx {
			st := c.students[k]
			if taken >= quota[i] {
				break
			}
			if !enrolled(st) {
				continue
			}
			m := leastBusy(e.mentors)
			p.addPlacement(st, m, model.PlacementApprenticeship, fmt.Sprintf("%d-09-01", min(c.year+1, 2026)), fmt.Sprintf("%d-06-30", c.year+3))
			taken++
		}
	}
	// 顶岗实习: about one in five enrolled third-year students.
	for _, c := range p.classes {
		if c.year != 2024 {
			continue
		}
		var ms []*mentor
		for _, e := range p.enterprises {
			if e.dept == c.dept {
				ms = append(ms, e.mentors...)
			}
		}
		if len(ms) == 0 {
			ms = p.mentors
		}
		for _, st := range c.students {
			if st.placement != nil || !enrolled(st) || !g.chance(0.2) || len(ms) == 0 {
				continue
			}
			p.addPlacement(st, leastBusy(ms), model.PlacementInternship, internshipStart, internshipEnd)
		}
	}
}

func leastBusy(ms []*mentor) *mentor {
	best := ms[0]
	for _, m := range ms[1:] {
		if len(m.students) < len(best.students) {
			best = m
		}
	}
	return best
}

func (p *plan) addPlacement(st *student, m *mentor, kind, from, to string) {
	pl := &placement{st: st, mentor: m, kind: kind, from: from, to: to}
	st.placement = pl
	m.students = append(m.students, st)
	p.placements = append(p.placements, pl)
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
