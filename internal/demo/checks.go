package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"slices"

	"zhijiao/internal/conduct"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// The demo school's class 量化 (docs/conduct.md section 3): the default
// five items, every school day of this term up to today checked, every day
// published and every week's 流动红旗 awarded. A few classes are clearly
// better and a couple clearly worse, so the rankings tell a story. Its own
// random stream, so nothing else of the school depends on it.

// checkHolidays are the school days off this term: 中秋 and the 国庆 week.
var checkHolidays = []string{"2026-09-25", "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"}

// checkRates is how likely a class of average conduct loses points on an
// item on a day; the council checks 两操 and 仪容仪表, the duty teacher
// the rest.
var checkRates = map[string]float64{"纪律": 0.22, "两操": 0.18, "仪容仪表": 0.12, "卫生": 0.22, "宿舍": 0.12}

func councilItem(name string) bool { return name == "两操" || name == "仪容仪表" }

// dutyTeachers are the term's 值周教师: the first four teachers who head
// neither a class nor a department and are not the showcase's subject
// teacher. The first checks classes every day and is the printed login;
// all four hold the role and record behaviour on their rounds.
func (p *plan) dutyTeachers() []*teacher {
	var out []*teacher
	for _, t := range p.teachers {
		if t.heads == nil && t.headsDep == nil && t != p.show.subject && len(out) < 4 {
			out = append(out, t)
		}
	}
	return out
}

// dutyTeacher is the printed 值周教师, or nil.
func (p *plan) dutyTeacher() *teacher {
	if ts := p.dutyTeachers(); len(ts) > 0 {
		return ts[0]
	}
	return nil
}

// councilMembers are the 学生会干部: an enrolled student of the oldest
// grade at school (not the showcase student), the printed login, then the
// first enrolled student of each class until there are eight.
func (p *plan) councilMembers() []*student {
	var first *student
	for _, st := range p.students {
		if enrolled(st) && st != p.show.student && (first == nil || st.class.year < first.class.year) {
			first = st
		}
	}
	if first == nil {
		return nil
	}
	out := []*student{first}
	for _, c := range p.classes {
		if s := atSchool(c); len(s) > 0 && s[0] != first && s[0] != p.show.student && len(out) < 8 {
			out = append(out, s[0])
		}
	}
	return out
}

// councilMember is the printed 学生会干部, or nil.
func (p *plan) councilMember() *student {
	if ss := p.councilMembers(); len(ss) > 0 {
		return ss[0]
	}
	return nil
}

// checkLogins are the two checkers' demo logins.
func (p *plan) checkLogins() []Login {
	var out []Login
	if t := p.dutyTeacher(); t != nil {
		out = append(out, Login{Role: model.RoleDutyTeacher, RoleName: "值周教师", Username: t.u.Username, Password: Password,
			Note: fmt.Sprintf("值周教师 %s，在手机上录入每日检查（班级量化）", t.t.Name)})
	}
	if st := p.councilMember(); st != nil {
		out = append(out, Login{Role: model.RoleStudentCouncil, RoleName: "学生会干部", Username: st.u.Username, Password: Password,
			Note: fmt.Sprintf("%s 学生会干部 %s，检查两操和仪容仪表", st.class.c.Name, st.s.Name)})
	}
	return out
}

// seedChecks writes the term's checks through storage.LoadChecks.
func seedChecks(ctx context.Context, st *storage.Storage, sc model.School, seed int64, p *plan) error {
	a := model.SystemActor
	if err := st.AdoptDefaultCheckItems(ctx, sc.ID, a); err != nil {
		return err
	}
	items, err := st.CheckItems(ctx, sc.ID, true)
	if err != nil {
		return err
	}
	classes, err := st.CheckClasses(ctx, sc.ID)
	if err != nil || len(classes) == 0 {
		return err
	}
	h := fnv.New64a()
	h.Write([]byte(p.code + "/checks"))
	r := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	quality := checkQuality(r, len(classes))
	var duty, council model.Actor
	if t := p.dutyTeacher(); t != nil {
		duty = model.Actor{UserID: t.u.ID, Username: t.u.Username}
	}
	if s := p.councilMember(); s != nil {
		council = model.Actor{UserID: s.u.ID, Username: s.u.Username}
	}
	var entries []storage.CheckLoadEntry
	var days []string
	for d := day("2026-09-01"); d.Format("2006-01-02") < today; d = d.AddDate(0, 0, 1) {
		ds := d.Format("2006-01-02")
		if !conduct.SchoolDay(ds) || slices.Contains(checkHolidays, ds) {
			continue
		}
		days = append(days, ds)
		for ci, c := range classes {
			for _, it := range items {
				by, isCouncil := duty, false
				if councilItem(it.Name) {
					by, isCouncil = council, true
				}
				for _, rs := range drawReasons(r, it, checkRates[it.Name]*quality[ci]) {
					entries = append(entries, storage.CheckLoadEntry{Day: ds, ItemID: it.ID, ClassID: c.ID, Points: rs.Points, Reason: rs.Text, By: by, ByCouncil: isCouncil})
				}
			}
		}
	}
	_, err = st.LoadChecks(ctx, sc.ID, a, entries, days)
	return err
}

// checkQuality gives each class a factor on the deduction rates: most
// between 0.7 and 1.5, the first three drawn clearly better (0.45), two
// clearly worse (2.2).
func checkQuality(r *rand.Rand, n int) []float64 {
	q := make([]float64, n)
	for i := range q {
		q[i] = 0.7 + 0.8*r.Float64()
	}
	order := r.Perm(n)
	for k, i := range order {
		switch {
		case k < 3:
			q[i] = 0.45
		case k < 5:
			q[i] = 2.2
		}
	}
	return q
}

// drawReasons draws a class's entries on one item and day: a deduction
// with probability rate, sometimes a second, and now and then praise for
// a class that rarely loses points.
func drawReasons(r *rand.Rand, it storage.CheckItem, rate float64) []storage.CheckReason {
	var neg, pos []storage.CheckReason
	for _, rs := range it.Reasons {
		if rs.Points < 0 {
			neg = append(neg, rs)
		} else {
			pos = append(pos, rs)
		}
	}
	var out []storage.CheckReason
	if len(neg) > 0 && r.Float64() < rate {
		out = append(out, neg[r.IntN(len(neg))])
		if r.Float64() < rate/2 {
			out = append(out, neg[r.IntN(len(neg))])
		}
	}
	if len(out) == 0 && len(pos) > 0 && rate < 0.06 && r.Float64() < 0.1 {
		out = append(out, pos[r.IntN(len(pos))])
	}
	return out
}
