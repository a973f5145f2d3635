package demo

import (
	"fmt"
	"time"

	"zhijiao/internal/model"
)

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
