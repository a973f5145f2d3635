package demo

import (
	"context"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/notify"
	"zhijiao/internal/storage"
)

// The demo's parents and head teachers in the loop (docs/conduct.md 4):
// a few students of the showcase class, and one of another class, cross
// the default threshold (3 deductions within 30 days), so the printed
// parent has a notice and the head teacher a talk list; two talks are
// recorded, one of them before the student's newest deductions, so that
// student is back on the list. No chance involved: the students are the
// plan's, the records fixed.

// habit is one behaviour record of the demo: points, category, title, day.
type habit struct {
	points     float64
	cat, title string
	on         string
}

var (
	lateMondays = []habit{{-2, "守时守纪", "早操迟到", "2026-11-09"}, {-2, "守时守纪", "早操迟到", "2026-11-16"}, {-2, "守时守纪", "早操迟到", "2026-11-23"},
		{2, "劳动习惯", "主动打扫公共区域", "2026-11-18"}, {1, "学习习惯", "帮助同学补习功课", "2026-11-12"}}
	phoneInClass = []habit{{-2, "文明礼仪", "课堂使用手机", "2026-11-10"}, {-2, "卫生习惯", "宿舍内务不整", "2026-11-19"},
		{-2, "守时守纪", "晚自习迟到", "2026-11-25"}, {2, "文明礼仪", "拾金不昧，归还失物", "2026-10-15"}}
	risingEarly = []habit{{-2, "卫生习惯", "值日未完成", "2026-11-11"}, {-2, "生活习惯", "就寝后讲话", "2026-11-17"}, {-2, "卫生习惯", "值日未完成", "2026-11-18"}}
	risingLate  = []habit{{-2, "生活习惯", "就寝后讲话", "2026-11-23"}, {-2, "卫生习惯", "值日未完成", "2026-11-24"}, {-2, "守时守纪", "早操迟到", "2026-11-26"}}
	otherClass  = []habit{{-2, "生活习惯", "就寝后讲话", "2026-11-13"}, {-2, "生活习惯", "就寝后讲话", "2026-11-20"}, {-2, "守时守纪", "晚自习迟到", "2026-11-27"}}
)

// seedFamily writes the records, raises their notices as of the demo's
// today and records the talks.
func seedFamily(ctx context.Context, st *storage.Storage, sc model.School, p *plan) error {
	show := p.show.class
	if show == nil || p.show.student == nil {
		return nil
	}
	mates := enrolledOf(show, p.show.student)
	var other *student
	for _, c := range p.classes {
		if c != show && c.head != nil {
			if s := enrolledOf(c, nil); len(s) > 0 {
				other = s[0]
				break
			}
		}
	}
	if len(mates) < 2 || other == nil {
		return nil // a tiny demo school: no story to tell
	}
	a := model.Actor{Username: "demo"}
	first := append(append(append(habitsOf(p.show.student, lateMondays), habitsOf(mates[0], phoneInClass)...),
		habitsOf(mates[1], risingEarly)...), habitsOf(other, otherClass)...)
	if err := loadHabits(ctx, st, sc, a, first, []*student{p.show.student, mates[0], mates[1], other}); err != nil {
		return err
	}
	head := a
	if show.head != nil {
		head = model.Actor{UserID: show.head.u.ID, Username: show.head.u.Username}
	}
	for _, t := range []storage.ConductTalk{
		{StudentID: mates[0].s.ID, HeldOn: "2026-11-27", Note: "约定上课前把手机交到讲台，周五再看"},
		{StudentID: mates[1].s.ID, HeldOn: "2026-11-20", Note: "谈了宿舍作息，请家长配合"},
	} {
		if err := st.AddConductTalk(ctx, sc.ID, head, &t); err != nil {
			return fmt.Errorf("演示谈心记录: %w", err)
		}
	}
	// After the talk, mates[1] slips again: back on the list.
	return loadHabits(ctx, st, sc, a, habitsOf(mates[1], risingLate), []*student{mates[1]})
}

// enrolledOf lists a class's enrolled students, leaving out skip.
func enrolledOf(c *class, skip *student) []*student {
	var out []*student
	for _, s := range c.students {
		if s != skip && s.s.EnrollmentStatus == model.StatusEnrolled {
			out = append(out, s)
		}
	}
	return out
}

func habitsOf(s *student, hs []habit) []model.Evidence {
	out := make([]model.Evidence, len(hs))
	for i, h := range hs {
		out[i] = model.Evidence{StudentID: s.s.ID, Kind: model.EvidenceBehaviour, Category: h.cat, Title: h.title, Points: h.points, Date: h.on}
	}
	return out
}

// loadHabits stores verified records through the bulk path (in this
// term) and raises the notices they cross, as of the demo's today.
func loadHabits(ctx context.Context, st *storage.Storage, sc model.School, a model.Actor, es []model.Evidence, who []*student) error {
	term, err := st.CurrentTermID(ctx, sc.ID)
	if err != nil {
		return err
	}
	for i := range es {
		es[i].TermID = term
	}
	if err := st.LoadOutcomes(ctx, sc.ID, a, storage.OutcomeLoad{Evidence: es}, "演示：班主任记录"); err != nil {
		return fmt.Errorf("演示行为记录: %w", err)
	}
	ids := make([]int64, len(who))
	for i, s := range who {
		ids[i] = s.s.ID
	}
	_, err = notify.ConductAlerts(ctx, st, notify.InApp{St: st}, sc.ID, a, ids, day(today))
	return err
}
