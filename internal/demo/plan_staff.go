package demo

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"

	"zhijiao/internal/model"
)

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
			name, title := g.name("", male, false), p.title(age, b >= professionalBucket)
			// The old 双师型 checkbox's draw: 双师型 is a recognition now
			// (development.go), but the draw stays so every later one, and
			// so the whole demo, is as it was.
			_ = g.chance(dual)
			t.t = model.Teacher{Name: name, Gender: gender, Title: title, Phone: g.mobile(), IDNumber: id}
			p.teachers = append(p.teachers, t)
		}
	}
	// 工号 follow hiring order, not subjects.
	g.shuffle(len(p.teachers), func(i, j int) { p.teachers[i], p.teachers[j] = p.teachers[j], p.teachers[i] })
	for i, t := range p.teachers {
		t.t.StaffNo = fmt.Sprintf("T%04d", i+1)
		t.t.HiredOn = p.hireDay(i, t)
	}
}

// hireDay is a teacher's 入职日期: this year's August for the newcomers
// development.go gives no history (so progress flags new 专业课 teachers
// without practice), otherwise a year between graduating at 22 (1990 at
// the earliest) and last year, mostly late August before term, some
// other months for transfers. It draws from its own stream, a hash of
// the school and the teacher's place, so the other draws stay as they
// were.
func (p *plan) hireDay(i int, t *teacher) string {
	h := fnv.New64a()
	h.Write([]byte(p.code + "/hired"))
	r := rand.New(rand.NewPCG(h.Sum64(), uint64(i)))
	if isNewcomer(i) {
		return fmt.Sprintf("%s-08-%02d", today[:4], 20+r.IntN(9))
	}
	born, _ := strconv.Atoi(t.t.IDNumber[6:10])
	year, _ := strconv.Atoi(today[:4])
	first, last := max(born+22, 1990), year-1
	y := first + r.IntN(max(last-first, 0)+1)
	if r.Float64() < 0.8 {
		return fmt.Sprintf("%04d-08-%02d", y, 15+r.IntN(17))
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, 1+r.IntN(12), 1+r.IntN(28))
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
