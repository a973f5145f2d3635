package ui_test

import (
	"net/http"
	"net/url"
	"regexp"
	"testing"
	"time"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestAuditPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		a := s.login(t, "admin@a1")
		edit := url.Values{"name": {"2026级数控1班（新）"}, "major_id": {itoa(s.a.Major.ID)}, "entry_year": {"2026"}, "program": {"三年制中职"}, "head_teacher_id": {itoa(s.a.TeacherHead.ID)}}
		if code, _, _ := a.postForm("/classes/"+itoa(s.a.ClassA.ID), edit); code != http.StatusSeeOther {
			t.Fatalf("edit class: %d", code)
		}
		code, body := a.get("/audit?entity=class&action=update")
		// The diff shows the changed name, before and after, and nothing
		// that did not change.
		expect(t, "class update", code, 200, body, "修改", "班级", "/classes/"+itoa(s.a.ClassA.ID), "<td>名称</td>", "2026级数控1班</td>", "2026级数控1班（新）</td>")
		lacks(t, "unchanged fields", body, "<td>学制</td>", "<td>入学年份</td>")
		if !regexp.MustCompile(`\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}`).MatchString(body) {
			t.Fatal("times are not shown as 2026年3月1日 14:05")
		}
		// A create shows its values; student ID numbers are masked.
		code, body = a.get("/audit?entity=student&action=create")
		expect(t, "student create", code, 200, body, s.a.StudentA1.StudentNo, "<td>证件号码</td>")
		lacks(t, "ID masked", body, s.a.StudentA1.IDNumber)
		// Search by the acting user; date range.
		code, body = a.get("/audit?user=admin")
		expect(t, "by user", code, 200, body, "admin@a1", "登录")
		lacks(t, "by user", body, ">system<")
		code, body = a.get("/audit?user=admin@b1")
		expect(t, "user of school b", code, http.StatusUnprocessableEntity, body, "找不到操作人账号")
		code, body = a.get("/audit?q=" + url.QueryEscape("订单"))
		expect(t, "content search", code, 200, body, "没有符合条件的日志")
		tomorrow := time.Now().AddDate(0, 0, 1).Format("2006-01-02")
		code, body = a.get("/audit?from=" + tomorrow)
		expect(t, "future range", code, 200, body, "没有符合条件的日志")
		today := time.Now().Format("2006-01-02")
		code, body = a.get("/audit?entity=class&from=" + today + "&to=" + today)
		expect(t, "today", code, 200, body, "2026级数控1班（新）")
		code, body = a.get("/audit?from=2026/01/01")
		expect(t, "bad date", code, http.StatusUnprocessableEntity, body, "开始日期格式")
		// Nothing of school b shows.
		lacks(t, "tenancy", body, "测试学校b1", "@b1")
		for _, u := range []string{"jiaowu@a1", "banzhuren@a1", "xs1@a1"} {
			forbidden(t, u, s.login(t, u), "/audit")
		}
	})
}
