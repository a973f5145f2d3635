package demo

import (
	"fmt"
	"math"

	"zhijiao/internal/model"
)

// The class of 2023 left in July 2026: its students stay in the database
// as 毕业 (no accounts, no guardians), because the 数据画像 counts them —
// 双证书获取率 and the first destination survey are about graduates.
const (
	graduateYear = 2023
	graduatedOn  = "2026-07-01"
)

// graduates draws the graduated cohort, about as large as the oldest one
// still at school. It runs after everything else in newPlan, so the rest
// of the school is drawn exactly as before it existed.
func (p *plan) graduates() {
	g := p.g
	var oldest int
	for _, c := range p.classes {
		if c.year == entryYears[0] {
			oldest += c.size
		}
	}
	if oldest == 0 {
		return
	}
	n := int(math.Round(float64(oldest) * 0.97 / 46))
	ws := make([]float64, len(p.majors))
	for i, m := range p.majors {
		ws[i] = m.def.weight
	}
	perMajor := largestRemainder(max(n, 1), ws)
	sizes := largestRemainder(int(float64(oldest)*0.97), func() []float64 {
		var w []float64
		for _, k := range perMajor {
			for range k {
				w = append(w, 0.9+0.2*g.r.Float64())
			}
		}
		return w
	}())
	// Each graduated class keeps its head teacher, who has since taken a
	// class of the new cohort (of the same major where there is one).
	var newHeads []*teacher
	headOf := map[*major][]*teacher{}
	for _, c := range p.classes {
		if c.year == entryYears[len(entryYears)-1] && c.head != nil {
			headOf[c.major] = append(headOf[c.major], c.head)
			newHeads = append(newHeads, c.head)
		}
	}
	ci := 0
	for mi, m := range p.majors {
		for k := 1; k <= perMajor[mi]; k++ {
			c := &class{year: graduateYear, major: m, dept: m.dept, no: k, size: sizes[ci]}
			if hs := headOf[m]; len(hs) >= k {
				c.head = hs[k-1]
			} else if len(newHeads) > 0 {
				c.head = newHeads[ci%len(newHeads)]
			}
			ci++
			c.c = model.Class{Name: fmt.Sprintf("%d级%s%d班", graduateYear, m.def.name, k), EntryYear: graduateYear, Program: model.Program3Year}
			for seat := 1; seat <= c.size; seat++ {
				male := !g.chance(m.def.female)
				age := []int{15, 16, 17}[g.weighted([]float64{0.74, 0.23, 0.03})]
				birth := g.dateBetween(day(fmt.Sprintf("%d-09-02", graduateYear-age-1)), day(fmt.Sprintf("%d-09-01", graduateYear-age)))
				id, eth := g.identity(birth, male)
				gender := model.Female
				if male {
					gender = model.Male
				}
				st := &student{class: c}
				no := fmt.Sprintf("%d%02d%02d%02d", graduateYear, m.no, k, seat)
				st.s = model.Student{
					StudentNo: no, Name: g.name(g.surname(), male, true),
					Gender: gender, IDType: model.IDResident, IDNumber: id, RegistrationNo: registrationNo(no),
					BirthDate: birth.Format("2006-01-02"), Ethnicity: eth, EnrollmentStatus: model.StatusEnrolled,
				}
				st.changes = []change{{model.StatusGraduated, graduatedOn, "修业期满，准予毕业"}}
				c.students = append(c.students, st)
				p.graduated = append(p.graduated, st)
			}
			p.gradClasses = append(p.gradClasses, c)
		}
	}
}
