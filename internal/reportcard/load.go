package reportcard

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/report"
	"zhijiao/internal/storage"
)

// ErrNoResult is a student without a result in the cycle (joined the class
// after the cycle opened, or the cycle has not been computed).
var ErrNoResult = errors.New("本评价周期没有该生的评价结果")

// Loader builds cards. It caches what many cards of one school share
// (school, terms, frameworks, class averages), so one Loader serves one
// request or one batch job, not the whole process: results change.
type Loader struct {
	St *storage.Storage
	// VerifyBase is the site's public address ("https://pj.example.edu.cn");
	// the QR code encodes VerifyBase + "/verify/" + code.
	VerifyBase string
	// Now is the clock for the issue date; nil means time.Now.
	Now func() time.Time

	schools map[int64]model.School
	terms   map[int64]map[int64]model.Term
	frames  map[[2]int64]model.Framework
	avgs    map[[3]int64]classAvg
	// class holds the full results of the last class read (batches go
	// class by class), so a card does not read its student's result again.
	classKey [3]int64
	class    map[int64]model.StudentResult
}

// classAvg is a class's mean total and mean score per dimension code.
type classAvg struct {
	total float64
	dims  map[string]float64
}

// Zone is where dates are printed: the schools' zone.
var Zone = storage.SchoolZone

func (l *Loader) now() time.Time {
	if l.Now != nil {
		return l.Now()
	}
	return time.Now()
}

func (l *Loader) school(ctx context.Context, id int64) (model.School, error) {
	if sc, ok := l.schools[id]; ok {
		return sc, nil
	}
	sc, err := l.St.School(ctx, id)
	if err != nil {
		return sc, err
	}
	if l.schools == nil {
		l.schools = map[int64]model.School{}
	}
	l.schools[id] = sc
	return sc, nil
}

func (l *Loader) term(ctx context.Context, schoolID, termID int64) (model.Term, error) {
	if l.terms == nil {
		l.terms = map[int64]map[int64]model.Term{}
	}
	if _, ok := l.terms[schoolID]; !ok {
		ts, err := l.St.Terms(ctx, schoolID)
		if err != nil {
			return model.Term{}, err
		}
		m := map[int64]model.Term{}
		for _, t := range ts {
			m[t.ID] = t
		}
		l.terms[schoolID] = m
	}
	t, ok := l.terms[schoolID][termID]
	if !ok {
		return t, storage.ErrNotFound
	}
	return t, nil
}

func (l *Loader) framework(ctx context.Context, schoolID, id int64) (model.Framework, error) {
	k := [2]int64{schoolID, id}
	if f, ok := l.frames[k]; ok {
		return f, nil
	}
	f, err := l.St.Framework(ctx, schoolID, id)
	if err != nil {
		return f, err
	}
	if l.frames == nil {
		l.frames = map[[2]int64]model.Framework{}
	}
	l.frames[k] = f
	return f, nil
}

func (l *Loader) classAvg(ctx context.Context, schoolID, cycleID, classID int64) (classAvg, error) {
	k := [3]int64{schoolID, cycleID, classID}
	if a, ok := l.avgs[k]; ok {
		return a, nil
	}
	all, err := l.St.ClassResults(ctx, schoolID, cycleID, classID)
	if err != nil {
		return classAvg{}, err
	}
	l.classKey, l.class = k, all
	// Means of the complete students' scores only, as the class's portrait
	// (storage's result_means) takes them: a dimension nobody rated is not
	// a 0, and a 待补评 student's partial scores do not count.
	a := classAvg{dims: map[string]float64{}}
	n := map[string]int{}
	rated := 0
	for _, r := range all {
		if !r.Rated || r.Incomplete {
			continue
		}
		a.total += r.Total
		rated++
		for _, d := range r.Dimensions {
			if d.Rated {
				a.dims[d.Code] += d.Score
				n[d.Code]++
			}
		}
	}
	if rated > 0 {
		a.total /= float64(rated)
	}
	for c := range a.dims {
		a.dims[c] /= float64(n[c])
	}
	if l.avgs == nil {
		l.avgs = map[[3]int64]classAvg{}
	}
	l.avgs[k] = a
	return a, nil
}

// build fills a card (without its code) and what the verification page
// shows of it.
// cardCore is what a card and its verification both rest on: the
// student, their result, the school, the term and the framework, and the
// levels the verification page shows.
type cardCore struct {
	stu    model.Student
	res    model.StudentResult
	school model.School
	term   model.Term
	f      model.Framework
	shown  ShownTerm
}

// core reads a card's core: what Verify compares, without the class
// averages, evidence and comments only the printed card needs.
func (l *Loader) core(ctx context.Context, schoolID int64, c storage.EvalCycle, studentID int64) (cardCore, error) {
	var k cardCore
	if !c.State.HasResults() {
		return k, ErrNoResult
	}
	var err error
	if k.stu, err = l.St.Student(ctx, schoolID, studentID); err != nil {
		return k, err
	}
	res, ok := l.class[studentID]
	if !ok || l.classKey != [3]int64{schoolID, c.ID, res.ClassID} {
		res, err = l.St.StudentResult(ctx, schoolID, c.ID, studentID)
		if errors.Is(err, storage.ErrNotFound) {
			return k, ErrNoResult
		}
		if err != nil {
			return k, err
		}
	}
	k.res = res
	if k.school, err = l.school(ctx, schoolID); err != nil {
		return k, err
	}
	if k.term, err = l.term(ctx, schoolID, c.TermID); err != nil {
		return k, err
	}
	if k.f, err = l.framework(ctx, schoolID, c.FrameworkID); err != nil {
		return k, err
	}
	k.shown = ShownTerm{Term: k.term.Name(), Level: string(res.Level)}
	if res.Incomplete {
		k.shown.Level = report.IncompleteMark
	}
	for _, d := range res.Dimensions {
		lv := ""
		if d.Rated {
			lv = string(eval.LevelFor(k.f.Grading, d.Score))
		}
		k.shown.Dimensions = append(k.shown.Dimensions, DimLevel{Name: d.Name, Level: lv})
	}
	return k, nil
}

func (l *Loader) build(ctx context.Context, schoolID int64, c storage.EvalCycle, studentID int64) (report.Card, ShownTerm, error) {
	var card report.Card
	k, err := l.core(ctx, schoolID, c, studentID)
	if err != nil {
		return card, k.shown, err
	}
	stu, res, shown := k.stu, k.res, k.shown
	avg, err := l.classAvg(ctx, schoolID, c.ID, res.ClassID)
	if err != nil {
		return card, shown, err
	}
	className := stu.ClassName
	if res.ClassID != stu.ClassID {
		// The card is of the class the student was rated in.
		if cl, err := l.St.Class(ctx, schoolID, res.ClassID); err == nil {
			className = cl.Name
		}
	}
	card = report.Card{
		SchoolName: k.school.Name,
		Term:       shown.Term,
		Student: report.Student{Name: stu.Name, StudentNo: stu.StudentNo, ClassName: className, MajorName: stu.MajorName,
			Gender: string(stu.Gender), IDNumber: stu.IDNumber, EntryYear: stu.EntryYear},
		Total: res.Total, TotalClassAvg: avg.total, Level: shown.Level, Incomplete: res.Incomplete,
	}
	for i, d := range res.Dimensions {
		card.Dimensions = append(card.Dimensions, report.Dim{Name: d.Name, Score: d.Score, ClassAvg: avg.dims[d.Code], Level: shown.Dimensions[i].Level, Missing: !d.Rated})
	}
	ev, err := l.St.VerifiedEvidenceOf(ctx, schoolID, c.TermID, studentID)
	if err != nil {
		return card, shown, err
	}
	for _, e := range ev {
		card.Evidence = append(card.Evidence, EvidenceLine(e))
	}
	cs, err := l.St.ReportComments(ctx, schoolID, c.ID, []int64{studentID})
	if err != nil {
		return card, shown, err
	}
	card.Comments = Comments(cs)
	t := l.now().In(Zone)
	card.IssueDate = fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	return card, shown, nil
}

// EvidenceLine formats a verified record for the card: date, kind, title
// and whatever grades it (level, prize, category, hours).
func EvidenceLine(e model.Evidence) string {
	parts := []string{}
	if e.Date != "" {
		parts = append(parts, e.Date)
	}
	parts = append(parts, "【"+e.Kind.Name()+"】"+e.Title)
	for _, s := range []string{e.Category, e.Level, e.Prize} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if e.Hours > 0 {
		parts = append(parts, fmt.Sprintf("%g 小时", e.Hours))
	}
	return strings.Join(parts, " ")
}

// commentRoles name the roles on the card; the rater is never named.
var commentRoles = map[model.RaterRole]string{model.RaterHeadTeacher: "班主任", model.RaterSubjectTeacher: "任课教师", model.RaterMentor: "企业导师"}

// Comments turns stored comments into the card's 评语: the head teacher's
// first, then subject teachers', then mentors'; one paragraph per role,
// the same sentence never twice.
func Comments(cs []storage.ReportComment) []report.Comment {
	var out []report.Comment
	for _, role := range []model.RaterRole{model.RaterHeadTeacher, model.RaterSubjectTeacher, model.RaterMentor} {
		var texts []string
		seen := map[string]bool{}
		for _, c := range cs {
			t := strings.TrimSpace(c.Text)
			if c.Role != role || t == "" || seen[t] {
				continue
			}
			seen[t] = true
			texts = append(texts, t)
		}
		if len(texts) > 0 {
			out = append(out, report.Comment{Role: commentRoles[role], Text: strings.Join(texts, "\n")})
		}
	}
	return out
}

// Card builds one student's card of one cycle and issues (or reuses) its
// verification code.
func (l *Loader) Card(ctx context.Context, schoolID int64, c storage.EvalCycle, studentID int64) (report.Card, error) {
	card, st, err := l.build(ctx, schoolID, c, studentID)
	if err != nil {
		return card, err
	}
	shown := Shown{Name: card.Student.Name, School: card.SchoolName, Terms: []ShownTerm{st}}
	text, digest := shown.encode()
	code, err := l.St.IssueReportCode(ctx, schoolID, studentID, c.ID, digest, text, NewCode)
	if err != nil {
		return card, err
	}
	card.VerifyCode = Format(code)
	card.VerifyURL = strings.TrimRight(l.VerifyBase, "/") + "/verify/" + code
	card.VerifySite = strings.TrimRight(l.VerifyBase, "/") + "/verify"
	return card, nil
}

// Archive builds a student's graduation archive: one card per publicised
// or final cycle with a result, in term order, each with its own term
// code (the archive's cover says every section verifies on its own).
func (l *Loader) Archive(ctx context.Context, schoolID, studentID int64) ([]report.Card, error) {
	cycles, err := l.St.Cycles(ctx, schoolID, 0)
	if err != nil {
		return nil, err
	}
	type item struct {
		start string
		id    int64
		card  report.Card
	}
	var items []item
	for _, c := range cycles {
		if !c.State.FamilyMayView() {
			continue
		}
		card, err := l.Card(ctx, schoolID, c, studentID)
		if errors.Is(err, ErrNoResult) {
			continue
		}
		if err != nil {
			return nil, err
		}
		t, _ := l.term(ctx, schoolID, c.TermID)
		items = append(items, item{t.StartDate, c.ID, card})
	}
	if len(items) == 0 {
		return nil, ErrNoResult
	}
	// Oldest term first; cycles of one term by id.
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(strings.Compare(a.start, b.start), cmp.Compare(a.id, b.id))
	})
	out := make([]report.Card, len(items))
	for i, it := range items {
		out[i] = it.card
	}
	return out, nil
}
