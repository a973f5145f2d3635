package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestEnterprisePages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		ents, _, _ := st.Enterprises(ctx, sid, model.ListQuery{})
		entB, _, _ := st.Enterprises(ctx, s.b.School.ID, model.ListQuery{})
		ent := ents[0]
		a := s.login(t, "admin@a1")
		code, body := a.get("/enterprises?q=汽车")
		expect(t, "list", code, 200, body, "测试汽车服务有限公司", ent.CreditCode)
		code, body = a.get("/enterprises/" + itoa(ent.ID))
		expect(t, "detail", code, 200, body, "周师傅", "张一", s.a.StudentA1.StudentNo, "现代学徒制", "2026年9月1日")
		notFound(t, "admin", a, "/enterprises/"+itoa(entB[0].ID))

		// A credit code with a wrong check character is refused with the
		// checker's own Chinese message; nothing is written.
		good := idcheck.MakeCreditCode("91500000MA5UXY812")
		bad := good[:17] + string("0123456789ABCDEFGHJKLMNPQRTUWXY"[(strings.IndexByte("0123456789ABCDEFGHJKLMNPQRTUWXY", good[17])+1)%31])
		_, wantErr := idcheck.CreditCode(bad)
		form := url.Values{"name": {"重庆某某机电有限公司"}, "credit_code": {bad}, "industry": {"机械制造"}}
		code, body, _ = a.postForm("/enterprises", form)
		expect(t, "bad credit code", code, http.StatusUnprocessableEntity, body, wantErr.Error())
		form.Set("credit_code", good)
		form.Set("phone", "12345")
		code, body, _ = a.postForm("/enterprises", form)
		expect(t, "bad phone", code, http.StatusUnprocessableEntity, body, "联系电话")
		if _, n, _ := st.Enterprises(ctx, sid, model.ListQuery{}); n != 1 {
			t.Fatal("a rejected enterprise was written")
		}
		form.Set("phone", "023-68881234")
		code, _, loc := a.postForm("/enterprises", form)
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/enterprises/") {
			t.Fatalf("create enterprise: %d", code)
		}
		code, _, _ = a.postForm("/enterprises", form)
		if code != http.StatusUnprocessableEntity {
			t.Fatalf("duplicate credit code: %d", code)
		}

		// Mentors and placements.
		code, body, _ = a.postForm(loc+"/mentors", url.Values{"name": {""}})
		expect(t, "nameless mentor", code, http.StatusUnprocessableEntity, body, "导师姓名不能为空")
		if code, _, _ := a.postForm(loc+"/mentors", url.Values{"name": {"吴工"}, "title": {"车间主任"}}); code != http.StatusSeeOther {
			t.Fatalf("create mentor: %d", code)
		}
		newEnt := strings.TrimPrefix(loc, "/enterprises/")
		var entID int64
		for _, e := range func() []model.Enterprise { l, _, _ := st.Enterprises(ctx, sid, model.ListQuery{}); return l }() {
			if itoa(e.ID) == newEnt {
				entID = e.ID
			}
		}
		ms, _ := st.Mentors(ctx, sid, entID)
		if len(ms) != 1 {
			t.Fatalf("mentors %+v", ms)
		}
		oldMentor, _ := st.Mentors(ctx, sid, ent.ID)
		place := url.Values{"student_no": {s.b.StudentA2.StudentNo}, "mentor_id": {itoa(oldMentor[0].ID)}, "kind": {"参观"}, "start_date": {"2026-10-01"}, "end_date": {"2026-09-01"}}
		code, body, _ = a.postForm(loc+"/placements", place)
		expect(t, "bad placement", code, http.StatusUnprocessableEntity, body, "不存在", "请选择本企业的企业导师", "请选择类型", "结束日期不能早于开始日期")
		if p, _ := st.PlacementsOfEnterprise(ctx, sid, entID); len(p) != 0 {
			t.Fatal("a rejected placement was written")
		}
		place = url.Values{"student_no": {s.a.StudentA2.StudentNo}, "mentor_id": {itoa(ms[0].ID)}, "kind": {"顶岗实习"}, "start_date": {"2026-10-01"}}
		if code, _, _ := a.postForm(loc+"/placements", place); code != http.StatusSeeOther {
			t.Fatalf("create placement: %d", code)
		}
		code, body = a.get(loc)
		expect(t, "placements", code, 200, body, "张二", "吴工", "顶岗实习")
		if code, _, _ := a.postForm("/enterprises/"+itoa(entB[0].ID)+"/mentors", url.Values{"name": {"越界"}}); code != http.StatusNotFound {
			t.Fatalf("mentor for school b's enterprise: %d", code)
		}

		// The academic office reads but does not manage; teachers see nothing.
		j := s.login(t, "jiaowu@a1")
		code, _ = j.get("/enterprises")
		expect(t, "academic office list", code, 200, "")
		forbidden(t, "jiaowu", j, "/enterprises/new")
		if code, _, _ := j.postForm("/enterprises", form); code != http.StatusForbidden {
			t.Fatalf("academic office creates an enterprise: %d", code)
		}
		forbidden(t, "banzhuren", s.login(t, "banzhuren@a1"), "/enterprises", "/enterprises/"+itoa(ent.ID))
	})
}
