package demo

import (
	"fmt"
	"math"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

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
	partner := p.apprenticePartners()
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
	p.placeInterns()
}

// apprenticePartners gives each apprenticeship major one enterprise of its
// department to train with (one not yet taken by another major, when
// there is one).
func (p *plan) apprenticePartners() map[*major]*enterprise {
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
	return partner
}

// placeInterns sends about one in five enrolled third-year students on
// 顶岗实习 with a mentor of their department's enterprises.
func (p *plan) placeInterns() {
	g := p.g
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
