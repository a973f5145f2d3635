package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// checkDay is a Friday of the fixture term, in the past: publishing it
// awards its week's 流动红旗.
const checkDay = "2026-09-11"

// checkItems gives school a the default items and returns 卫生 with its
// first preset reason.
func checkItems(t *testing.T, s *site) (storage.CheckItem, storage.CheckReason) {
	t.Helper()
	ctx, sid := context.Background(), s.a.School.ID
	must(t, s.st.AdoptDefaultCheckItems(ctx, sid, model.SystemActor))
	items, err := s.st.CheckItems(ctx, sid, true)
	must(t, err)
	for _, it := range items {
		if it.Name == "卫生" {
			return it, it.Reasons[0]
		}
	}
	t.Fatal("no 卫生")
	return storage.CheckItem{}, storage.CheckReason{}
}

// TestChecksThroughTheRouter: a duty teacher enters one reason for two
// classes in one save, the council's entry shows who made it, only the
// 德育处 publishes (by default), readers see the board only once the day
// is published, the class page and the ranking follow, and every way out
// of one's remit is refused.
func TestChecksThroughTheRouter(t *testing.T) {
	s := newSite(t, testdb.SQLite(t))
	hy, reason := checkItems(t, s)
	a, sid := s.a, s.a.School.ID
	duty, council, deyu := s.login(t, "zhizhou@a1"), s.login(t, "xsh@a1"), s.login(t, "deyu@a1")
	student, parent, head := s.login(t, "xs1@a1"), s.login(t, "jiazhang@a1"), s.login(t, "banzhuren@a1")

	if st, body := duty.get("/checks/entry?day=" + checkDay + "&item=" + fmt.Sprint(hy.ID)); st != http.StatusOK || !strings.Contains(body, a.ClassA.Name) || !strings.Contains(body, reason.Text) {
		t.Fatalf("entry page: %d", st)
	}
	form := url.Values{"day": {checkDay}, "item": {fmt.Sprint(hy.ID)}, "class": {fmt.Sprint(a.ClassA.ID), fmt.Sprint(a.ClassB.ID)}, "reason_id": {fmt.Sprint(reason.ID)}}
	if st, _, loc := duty.postForm("/checks/entries", form); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/checks/entry?day="+checkDay) {
		t.Fatalf("save: %d %s", st, loc)
	}
	own := url.Values{"day": {checkDay}, "item": {fmt.Sprint(hy.ID)}, "class": {fmt.Sprint(a.ClassA.ID)}, "reason": {"窗台有灰"}, "points": {"-0.5"}}
	if st, _, _ := council.postForm("/checks/entries", own); st != http.StatusSeeOther {
		t.Fatalf("council save: %d", st)
	}
	checksRefusedKindly(t, s, duty, hy.ID, reason.ID)
	es, err := s.st.CheckEntriesOfDay(context.Background(), sid, checkDay)
	must(t, err)
	if len(es) != 3 || !es[2].ByCouncil && !es[0].ByCouncil && !es[1].ByCouncil {
		t.Fatalf("entries %+v", es)
	}
	if _, body := duty.get("/checks/entry?day=" + checkDay); !strings.Contains(body, "xsh@a1") || !strings.Contains(body, "学生会") {
		t.Error("the entry list does not say who entered what")
	}
	// Before publication: a checker corrects; a council member changes
	// only their own entries.
	var dutyEntry, councilEntry int64
	for _, e := range es {
		if e.ByCouncil {
			councilEntry = e.ID
		} else {
			dutyEntry = e.ID
		}
	}
	if st, _, _ := council.postForm(fmt.Sprintf("/checks/entries/%d/delete", dutyEntry), nil); st != http.StatusForbidden {
		t.Errorf("a council member deleted a teacher's entry: %d", st)
	}
	if st, _, _ := duty.postForm(fmt.Sprintf("/checks/entries/%d/correct", councilEntry), url.Values{"points": {"-0.5"}, "reason": {"窗台有灰"}}); st != http.StatusSeeOther {
		t.Errorf("a duty teacher's correction before publication: %d", st)
	}
	// Before publication the board hides the day from readers.
	if _, body := student.get("/checks?day=" + checkDay); !strings.Contains(body, "该日检查结果尚未公布") || strings.Contains(body, reason.Text) {
		t.Error("a student sees an unpublished day")
	}
	if st, _, _ := duty.postForm("/checks/days/"+checkDay+"/publish", nil); st != http.StatusForbidden {
		t.Errorf("a duty teacher published without the school's leave: %d", st)
	}
	if st, _, loc := deyu.postForm("/checks/days/2026-09-14/publish", nil); st != http.StatusSeeOther || !strings.HasPrefix(loc, "/checks/entry") {
		t.Errorf("publishing a day without entries: %d %s", st, loc)
	}
	if st, _, loc := deyu.postForm("/checks/days/"+checkDay+"/publish", nil); st != http.StatusSeeOther || loc != "/checks?day="+checkDay {
		t.Fatalf("publish: %d %s", st, loc)
	}
	for name, c := range map[string]*client{"student": student, "parent": parent, "head teacher": head} {
		st, body := c.get("/checks?day=" + checkDay)
		if st != http.StatusOK || !strings.Contains(body, a.ClassA.Name) || !strings.Contains(body, "窗台有灰") || strings.Contains(body, a.StudentA1.Name) {
			t.Errorf("%s board: %d", name, st)
		}
	}
	// Class B lost 1, class A 1.5: B first, and B holds the week's flag.
	if _, body := parent.get("/checks/rankings?day=" + checkDay); !strings.Contains(body, "99") || !strings.Contains(body, "98.5") || !strings.Contains(body, `class="flag"`) {
		t.Error("the week's ranking or its flag is missing")
	}
	if _, body := head.get("/checks?day=" + checkDay); !strings.Contains(body, fmt.Sprintf(`href="/checks/classes/%d"`, a.ClassA.ID)) || !strings.Contains(body, "我的班级") {
		t.Error("the head teacher's board does not link their class")
	}
	if st, body := head.get(fmt.Sprintf("/checks/classes/%d?day=%s", a.ClassA.ID, checkDay)); st != http.StatusOK || !strings.Contains(body, "窗台有灰") || !strings.Contains(body, "98.5") {
		t.Errorf("head teacher's class page: %d", st)
	}
	checksAfterPublication(t, s, duty, deyu, es[0].ID)
	checksOutOfRemit(t, s, es)
}

// checksOutOfRemit: students, parents and the other school reach nothing
// of the checks they may not, and a council member confirms nothing.
// checksRefusedKindly: an entry without a class, for a future day or for
// another school's class comes back to the form with its problem.
func checksRefusedKindly(t *testing.T, s *site, duty *client, item, reason int64) {
	a := s.a
	hy := storage.CheckItem{ID: item}
	rs := storage.CheckReason{ID: reason}
	for _, bad := range []url.Values{
		{"day": {checkDay}, "item": {fmt.Sprint(hy.ID)}, "reason_id": {fmt.Sprint(rs.ID)}},
		{"day": {"2099-01-02"}, "item": {fmt.Sprint(hy.ID)}, "class": {fmt.Sprint(a.ClassA.ID)}, "reason_id": {fmt.Sprint(rs.ID)}},
		{"day": {checkDay}, "item": {fmt.Sprint(hy.ID)}, "class": {fmt.Sprint(s.b.ClassA.ID)}, "reason_id": {fmt.Sprint(rs.ID)}},
	} {
		if st, body, _ := duty.postForm("/checks/entries", bad); st != http.StatusUnprocessableEntity || !strings.Contains(body, "请") && !strings.Contains(body, "不能") {
			t.Errorf("bad entry %v: %d", bad, st)
		}
	}
}

// checksAfterPublication: a checker can no longer delete; the 德育处
// corrects with a reason.
func checksAfterPublication(t *testing.T, s *site, duty, deyu *client, id int64) {
	sid := s.a.School.ID
	if st, _, _ := duty.postForm(fmt.Sprintf("/checks/entries/%d/delete", id), nil); st != http.StatusSeeOther {
		t.Errorf("delete after publication: %d", st)
	}
	if st, _, _ := deyu.postForm(fmt.Sprintf("/checks/entries/%d/correct", id), url.Values{"points": {"-0.5"}, "reason": {"黑板未擦"}, "why": {"复核"}}); st != http.StatusSeeOther {
		t.Errorf("correct: %d", st)
	}
	if got, _ := s.st.CheckEntryByID(context.Background(), sid, id); got.Points != -0.5 {
		t.Errorf("after correction %+v", got)
	}
}

func checksOutOfRemit(t *testing.T, s *site, es []storage.CheckEntry) {
	a := s.a
	student, parent := s.login(t, "xs1@a1"), s.login(t, "jiazhang@a1")
	duty, council := s.login(t, "zhizhou@a1"), s.login(t, "xsh@a1")
	for _, c := range []struct {
		c      *client
		method string
		path   string
		want   int
	}{
		{student, "GET", "/checks/entry", http.StatusForbidden},
		{parent, "POST", "/checks/entries", http.StatusForbidden},
		{duty, "GET", "/checks/items", http.StatusForbidden},
		{council, "POST", "/checks/days/" + checkDay + "/confirm", http.StatusForbidden},
		{s.login(t, "admin@b1"), "POST", fmt.Sprintf("/checks/entries/%d/delete", es[1].ID), http.StatusNotFound},
		{s.login(t, "admin@b1"), "GET", fmt.Sprintf("/checks/classes/%d", a.ClassA.ID), http.StatusNotFound},
	} {
		var st int
		if c.method == "GET" {
			st, _ = c.c.get(c.path)
		} else {
			st, _, _ = c.c.postForm(c.path, url.Values{"day": {checkDay}})
		}
		if st != c.want {
			t.Errorf("%s %s: %d, want %d", c.method, c.path, st, c.want)
		}
	}
}

// TestCheckItemsPage: the 德育处 adopts the defaults, edits an item's
// preset reasons, and a bad line is refused with its line number.
func TestCheckItemsPage(t *testing.T) {
	s := newSite(t, testdb.SQLite(t))
	deyu := s.login(t, "deyu@a1")
	if _, body := deyu.get("/checks/items"); !strings.Contains(body, "使用默认检查项目") {
		t.Fatal("no defaults button on an empty setup")
	}
	if st, _, _ := deyu.postForm("/checks/items/defaults", nil); st != http.StatusSeeOther {
		t.Fatalf("defaults: %d", st)
	}
	st, body, _ := deyu.postForm("/checks/items", url.Values{"name": {"课间操"}, "max_daily": {"3"}, "active": {"1"}, "reasons": {"队列不齐 -0.5\n缺人"}})
	if st != http.StatusUnprocessableEntity || !strings.Contains(body, "第 2 行") {
		t.Errorf("a bad reason line: %d", st)
	}
	if st, _, _ := deyu.postForm("/checks/items", url.Values{"name": {"课间操"}, "max_daily": {"3"}, "active": {"1"}, "reasons": {"队列不齐 -0.5"}}); st != http.StatusSeeOther {
		t.Errorf("save: %d", st)
	}
	if st, _, _ := deyu.postForm("/checks/settings", url.Values{"base_score": {"100"}, "flags_per_grade": {"2"}, "duty_publish": {"1"}}); st != http.StatusSeeOther {
		t.Errorf("settings: %d", st)
	}
	set, _ := s.st.CheckSettingsOf(context.Background(), s.a.School.ID)
	if set.FlagsPerGrade != 2 || !set.DutyPublish {
		t.Errorf("settings %+v", set)
	}
	items, _ := s.st.CheckItems(context.Background(), s.a.School.ID, true)
	if len(items) != 6 {
		t.Errorf("%d items, want 6", len(items))
	}
}

// growCheckClasses adds n classes, each with an enrolled student and a
// deduction on checkDay, which is then published: the board, the rankings
// and the entry page list every class.
func growCheckClasses(t *testing.T, g *grower, n int) string {
	ctx, st, f := context.Background(), g.s.st, g.s.a
	items, err := st.CheckItems(ctx, f.School.ID, true)
	must(t, err)
	if len(items) == 0 {
		must(t, st.AdoptDefaultCheckItems(ctx, f.School.ID, model.SystemActor))
		items, err = st.CheckItems(ctx, f.School.ID, true)
		must(t, err)
	}
	var ids []int64
	name := growEach(g, n, func(k int) string {
		c := model.Class{Name: fmt.Sprintf("2026级量化%02d班", k), EntryYear: 2026, MajorID: f.Major.ID}
		must(t, st.CreateClass(ctx, f.School.ID, model.SystemActor, &c))
		addStudent(t, g, c.ID)
		ids = append(ids, c.ID)
		return c.Name
	})
	day, err := st.CheckDay(ctx, f.School.ID, checkDay)
	must(t, err)
	why := ""
	if day.Published {
		why = "补录"
	}
	_, err = st.AddCheckEntries(ctx, f.School.ID, model.SystemActor, storage.CheckBatch{Day: checkDay, ItemID: items[0].ID, ClassIDs: ids, Points: -1, Reason: "课堂喧哗", Why: why})
	must(t, err)
	if !day.Published {
		must(t, st.PublishCheckDay(ctx, f.School.ID, model.SystemActor, checkDay, checkDay))
	}
	return name
}

// TestDutyTeacherPublishesWhenAllowed: with the school's leave a duty
// teacher publishes the day they checked; a council member never does.
func TestDutyTeacherPublishesWhenAllowed(t *testing.T) {
	s := newSite(t, testdb.SQLite(t))
	hy, reason := checkItems(t, s)
	ctx, sid := context.Background(), s.a.School.ID
	must(t, s.st.SaveCheckSettings(ctx, sid, model.SystemActor, storage.CheckSettings{BaseScore: 100, FlagsPerGrade: 1, DutyPublish: true}))
	_, err := s.st.AddCheckEntries(ctx, sid, model.SystemActor, storage.CheckBatch{Day: "2026-09-10", ItemID: hy.ID, ClassIDs: []int64{s.a.ClassA.ID}, Points: reason.Points, Reason: reason.Text})
	must(t, err)
	if st, _, _ := s.login(t, "xsh@a1").postForm("/checks/days/2026-09-10/publish", nil); st != http.StatusForbidden {
		t.Errorf("a council member published: %d", st)
	}
	if st, _, loc := s.login(t, "zhizhou@a1").postForm("/checks/days/2026-09-10/publish", nil); st != http.StatusSeeOther || loc != "/checks?day=2026-09-10" {
		t.Errorf("the duty teacher could not publish: %d %s", st, loc)
	}
	if d, _ := s.st.CheckDay(ctx, sid, "2026-09-10"); !d.Published {
		t.Error("the day is not published")
	}
}
