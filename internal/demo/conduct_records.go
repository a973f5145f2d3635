package demo

import (
	"context"
	"errors"
	"hash/fnv"
	"math/rand/v2"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// conductGen draws this term's 德育 records (docs/conduct.md section 2):
// head teachers record their own classes most weeks, duty teachers and the
// student council walk the whole school. Records of the last ten days by
// the council still wait for a teacher, and recent big bonuses for the
// 德育处; older ones were decided. Its own random stream, so the rest of
// the school does not depend on it.
type conductGen struct {
	r       *rand.Rand
	p       *plan
	term    model.Term
	set     conduct.Settings
	praise  []conduct.Descriptor
	deduct  []conduct.Descriptor
	office  int64
	duty    []*teacher
	council []*student
	out     []storage.ConductLoad
}

// seedConduct gives the school the default descriptors and a term of
// records, loaded in one transaction; it returns how many.
func seedConduct(ctx context.Context, st *storage.Storage, sc model.School, seed int64, p *plan) (int, error) {
	if _, err := st.AdoptDefaultDescriptors(ctx, sc.ID, model.SystemActor); err != nil {
		return 0, err
	}
	ds, err := st.ConductDescriptors(ctx, sc.ID, true)
	if err != nil {
		return 0, err
	}
	term, err := st.CurrentTerm(ctx, sc.ID)
	if err != nil {
		return 0, err
	}
	h := fnv.New64a()
	h.Write([]byte(p.code + "/conduct"))
	g := &conductGen{r: rand.New(rand.NewPCG(uint64(seed), h.Sum64())), p: p, term: term, set: conduct.DefaultSettings()}
	if u, err := st.UserByUsername(ctx, "deyu@"+p.code); err == nil {
		g.office = u.ID
	} else if !errors.Is(err, storage.ErrNotFound) {
		return 0, err
	}
	for _, d := range ds {
		if d.Points > 0 {
			g.praise = append(g.praise, d)
		} else {
			g.deduct = append(g.deduct, d)
		}
	}
	g.pickRecorders()
	g.draw()
	return len(g.out), st.LoadConduct(ctx, sc.ID, model.Actor{Username: "demo"}, g.out, "demo")
}

// pickRecorders takes the term's duty teachers and student council, the
// accounts that hold those roles (write.go).
func (g *conductGen) pickRecorders() {
	g.duty, g.council = g.p.dutyTeachers(), g.p.councilMembers()
}

// atSchool are a class's students still enrolled.
func atSchool(c *class) []*student {
	var out []*student
	for _, s := range c.students {
		if enrolled(s) {
			out = append(out, s)
		}
	}
	return out
}

// draw walks the term week by week up to today.
func (g *conductGen) draw() {
	end := day(today)
	for w := day(g.term.StartDate); !w.After(end); w = w.AddDate(0, 0, 7) {
		date := func() string {
			d := w.AddDate(0, 0, g.r.IntN(5))
			if d.After(end) {
				d = end
			}
			return d.Format("2006-01-02")
		}
		for _, c := range g.p.classes {
			if c.head != nil && g.r.Float64() < 0.6 {
				g.event(c, model.RoleHeadTeacher, c.head.u.ID, date(), 0.55)
			}
		}
		for range 6 {
			if len(g.duty) > 0 {
				g.event(g.someClass(), model.RoleDutyTeacher, g.duty[g.r.IntN(len(g.duty))].u.ID, date(), 0.15)
			}
		}
		for range 5 {
			if len(g.council) > 0 {
				g.event(g.someClass(), model.RoleStudentCouncil, g.council[g.r.IntN(len(g.council))].u.ID, date(), 0.3)
			}
		}
	}
}

func (g *conductGen) someClass() *class { return g.p.classes[g.r.IntN(len(g.p.classes))] }

// event records one descriptor (praise with the given chance) for one to
// four students of a class, with the status a real record would have now.
func (g *conductGen) event(c *class, role string, by int64, date string, praise float64) {
	ss := atSchool(c)
	if len(ss) == 0 {
		return
	}
	list := g.deduct
	if g.r.Float64() < praise {
		list = g.praise
	}
	d := list[g.r.IntN(len(list))]
	status, awaiting := conduct.InitialState(role, d.Points, g.set)
	var reviewer int64
	if status == model.EvidenceVerified {
		reviewer = by
	}
	// Waits older than ten days were decided: the council's by the head
	// teacher, big bonuses by the 德育处.
	if awaiting != conduct.AwaitNone && day(today).Sub(day(date)).Hours() > 240 {
		status, reviewer = model.EvidenceVerified, g.office
		if awaiting == conduct.AwaitConfirm && c.head != nil {
			reviewer = c.head.u.ID
		}
		awaiting = conduct.AwaitNone
	}
	n := 1 + g.r.IntN(min(4, len(ss)))
	for _, i := range g.r.Perm(len(ss))[:n] {
		g.out = append(g.out, storage.ConductLoad{
			Evidence: model.Evidence{StudentID: ss[i].s.ID, TermID: g.term.ID, Title: d.Name, Category: d.Category, Points: d.Points,
				Date: date, Status: status},
			DescriptorID: d.ID, RecorderRole: role, Awaiting: awaiting, RecordedBy: by, ReviewedBy: reviewer,
		})
	}
}
