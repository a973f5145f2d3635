package ui_test

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// frameworkForm is what the edit page posts for f, unchanged.
func frameworkForm(f model.Framework) url.Values {
	v := url.Values{"name": {f.Name}, "description": {f.Description}}
	for i, d := range f.Dimensions {
		v.Set(fmt.Sprintf("d.%d.weight", i), fmt.Sprint(d.Weight))
		for j, ind := range d.Indicators {
			k := fmt.Sprintf("i.%d.%d.", i, j)
			v.Set(k+"name", ind.Name)
			v.Set(k+"weight", fmt.Sprint(ind.Weight))
			v.Set(k+"scale", string(ind.Scale.Kind))
			for _, role := range model.RaterRoles {
				if w, ok := ind.RoleWeights[role]; ok {
					v.Set(k+"role."+string(role), fmt.Sprint(w))
				}
			}
		}
	}
	for k, t := range f.Grading.Thresholds {
		v.Set(fmt.Sprintf("g.%d.min", k), fmt.Sprint(t.Min))
		if t.MaxPercent > 0 {
			v.Set(fmt.Sprintf("g.%d.quota", k), fmt.Sprint(t.MaxPercent))
		}
	}
	return v
}

func versions(t *testing.T, st *storage.Storage, school int64, code string) []storage.FrameworkSummary {
	t.Helper()
	vs, err := st.FrameworkVersions(context.Background(), school, code)
	if err != nil {
		t.Fatal(err)
	}
	return vs
}

func getFile(t *testing.T, c *client, path string) (int, []byte, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, c.base+path, nil)
	resp, err := c.http.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(resp.Body)
	return resp.StatusCode, buf.Bytes(), resp.Header.Get("Content-Disposition")
}

func TestFrameworkPages(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		admin := s.login(t, s.a.Users[model.RoleSchoolAdmin].Username)

		// No framework yet: the adopt button.
		code, body := admin.get("/frameworks")
		if code != 200 || !strings.Contains(body, "使用默认中职评价方案") {
			t.Fatalf("list: %d %s", code, body)
		}
		code, _, loc := admin.postForm("/frameworks/default", url.Values{})
		if code != http.StatusSeeOther || !strings.HasPrefix(loc, "/frameworks/") {
			t.Fatalf("adopt: %d %q", code, loc)
		}
		def, err := st.DefaultFramework(ctx, sid)
		if err != nil || def.Version != 1 || def.Code != "default" {
			t.Fatalf("default after adopt: %+v %v", def.Version, err)
		}
		id := itoa(def.ID)
		// Adopting twice is refused.
		if code, _, _ := admin.postForm("/frameworks/default", url.Values{}); code != http.StatusConflict {
			t.Errorf("second adopt: %d", code)
		}

		code, body = admin.get("/frameworks/" + id)
		body = html.UnescapeString(body)
		for _, want := range []string{"思想品德", "自评 10% · 互评 20% · 班主任 40%", "理想信念", "<details", "版本历史"} {
			if code != 200 || !strings.Contains(body, want) {
				t.Errorf("tree: %d, missing %q", code, want)
			}
		}
		if code, body := admin.get("/frameworks/" + id + "/edit"); code != 200 || !strings.Contains(body, `name="i.0.0.role.self"`) {
			t.Errorf("edit form: %d", code)
		}

		// Bad weights: refused with the engine's Chinese message, nothing written.
		bad := frameworkForm(def)
		bad.Set("d.0.weight", "30")
		bad.Set("i.0.0.role.self", "abc")
		code, body, _ = admin.postForm("/frameworks/"+id+"/versions", bad)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "自评权重不是有效的数字") {
			t.Errorf("bad number: %d", code)
		}
		bad.Set("i.0.0.role.self", "10")
		code, body, _ = admin.postForm("/frameworks/"+id+"/versions", bad)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "各维度权重合计为 110，应为 100") || !strings.Contains(body, `value="30"`) {
			t.Errorf("bad weights: %d %s", code, body)
		}
		if n := len(versions(t, st, sid, "default")); n != 1 {
			t.Fatalf("a refused edit wrote: %d versions", n)
		}

		// A valid edit makes version 2 and leaves version 1 as it was.
		good := frameworkForm(def)
		good.Set("i.0.0.weight", "30")
		good.Set("i.0.1.weight", "20")
		good.Set("i.0.0.name", "思想品德修养")
		good.Set("g.0.quota", "")
		code, _, loc = admin.postForm("/frameworks/"+id+"/versions", good)
		if code != http.StatusSeeOther {
			t.Fatalf("good edit: %d", code)
		}
		vs := versions(t, st, sid, "default")
		if len(vs) != 2 || vs[0].Version != 2 || loc != "/frameworks/"+itoa(vs[0].ID) {
			t.Fatalf("versions after edit: %+v, %q", vs, loc)
		}
		v1, _ := st.Framework(ctx, sid, def.ID)
		v2, _ := st.Framework(ctx, sid, vs[0].ID)
		if !reflect.DeepEqual(v1.Dimensions, eval.DefaultFramework().Dimensions) || !reflect.DeepEqual(v1.Grading, eval.DefaultFramework().Grading) {
			t.Error("version 1 changed")
		}
		if in := v2.Dimensions[0].Indicators[0]; in.Weight != 30 || in.Name != "思想品德修养" || len(in.ObservationPoints) != 2 {
			t.Errorf("version 2: %+v", in)
		}
		if v2.Grading.Thresholds[0].MaxPercent != 0 {
			t.Error("quota not cleared")
		}

		// JSON round trip: export, import as version 3, same tree.
		code, data, disp := getFile(t, admin, "/frameworks/"+itoa(v2.ID)+"/export.json")
		if code != 200 || !strings.Contains(disp, "filename*=UTF-8''") {
			t.Fatalf("export json: %d %q", code, disp)
		}
		if code, body := admin.postFile("/frameworks/import", "方案.json", data); code != http.StatusSeeOther {
			t.Fatalf("import json: %d %s", code, body)
		}
		vs = versions(t, st, sid, "default")
		v3, _ := st.Framework(ctx, sid, vs[0].ID)
		if len(vs) != 3 || !reflect.DeepEqual(v3.Dimensions, v2.Dimensions) || !reflect.DeepEqual(v3.Grading, v2.Grading) {
			t.Fatalf("json round trip: %d versions", len(vs))
		}

		// xlsx round trip.
		code, data, disp = getFile(t, admin, "/frameworks/"+itoa(v2.ID)+"/export.xlsx")
		if code != 200 || !strings.Contains(disp, ".xlsx") {
			t.Fatalf("export xlsx: %d", code)
		}
		if code, body := admin.postFile("/frameworks/import", "方案.xlsx", data); code != http.StatusSeeOther {
			t.Fatalf("import xlsx: %d %s", code, body)
		}
		vs = versions(t, st, sid, "default")
		v4, _ := st.Framework(ctx, sid, vs[0].ID)
		if len(vs) != 4 || !reflect.DeepEqual(v4.Dimensions, v2.Dimensions) || !reflect.DeepEqual(v4.Grading, v2.Grading) || v4.Name != v2.Name {
			t.Fatalf("xlsx round trip: %d versions\n%+v\n%+v", len(vs), v4.Dimensions[0], v2.Dimensions[0])
		}
		// A broken xlsx row is named.
		x, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		x.SetCellValue("指标", "E3", "很多")
		var buf bytes.Buffer
		x.WriteTo(&buf)
		code, body = admin.postFile("/frameworks/import", "方案.xlsx", buf.Bytes())
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 3 行") {
			t.Errorf("bad xlsx: %d", code)
		}
		if code, _ := admin.postFile("/frameworks/import", "方案.txt", []byte("x")); code != http.StatusUnprocessableEntity {
			t.Errorf("txt import: %d", code)
		}
		if n := len(versions(t, st, sid, "default")); n != 4 {
			t.Errorf("refused imports wrote: %d versions", n)
		}

		// Setting another version default.
		if code, _, _ := admin.postForm("/frameworks/"+itoa(v2.ID)+"/default", url.Values{}); code != http.StatusSeeOther {
			t.Errorf("set default: %d", code)
		}
		if d, _ := st.DefaultFramework(ctx, sid); d.ID != v2.ID {
			t.Errorf("default is %d, want %d", d.ID, v2.ID)
		}

		// The other school never reaches these ids.
		other := s.login(t, s.b.Users[model.RoleSchoolAdmin].Username)
		for _, p := range []string{"/frameworks/" + id, "/frameworks/" + id + "/edit", "/frameworks/" + id + "/export.json", "/frameworks/" + id + "/export.xlsx"} {
			if code, _ := other.get(p); code != http.StatusNotFound {
				t.Errorf("school b GET %s: %d", p, code)
			}
		}
		for _, p := range []string{"/frameworks/" + id + "/versions", "/frameworks/" + id + "/default"} {
			if code, _, _ := other.postForm(p, frameworkForm(def)); code != http.StatusNotFound {
				t.Errorf("school b POST %s: %d", p, code)
			}
		}
		if n := len(versions(t, st, sid, "default")); n != 4 {
			t.Errorf("school b wrote: %d versions", n)
		}

		// Roles: student affairs reads, does not edit; a head teacher does neither.
		sa := s.login(t, s.a.Users[model.RoleStudentAffairs].Username)
		if code, _ := sa.get("/frameworks/" + id); code != 200 {
			t.Errorf("student affairs read: %d", code)
		}
		if code, _ := sa.get("/frameworks/" + id + "/edit"); code != http.StatusForbidden {
			t.Errorf("student affairs edit: %d", code)
		}
		if code, _, _ := sa.postForm("/frameworks/"+id+"/versions", good); code != http.StatusForbidden {
			t.Errorf("student affairs save: %d", code)
		}
		ht := s.login(t, s.a.Users[model.RoleHeadTeacher].Username)
		if code, _ := ht.get("/frameworks"); code != http.StatusForbidden {
			t.Errorf("head teacher list: %d", code)
		}
	})
}

func TestEvidenceRulesPage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		sid := s.a.School.ID
		admin := s.login(t, s.a.Users[model.RoleSchoolAdmin].Username)

		code, body := admin.get("/evidence-rules")
		body = html.UnescapeString(body)
		if code != 200 || !strings.Contains(body, "国家级 一等奖 → 技能竞赛(J03) +10") || !strings.Contains(body, "采用默认加分规则") {
			t.Fatalf("rules: %d %s", code, body)
		}
		if code, _, _ := admin.postForm("/evidence-rules/default", url.Values{}); code != http.StatusSeeOther {
			t.Fatalf("adopt: %d", code)
		}
		p, v, err := st.EvidencePolicy(ctx, sid, 0)
		if err != nil || v != 1 || len(p.Rules) != len(eval.DefaultEvidencePolicy().Rules) {
			t.Fatalf("adopted: v%d %d rules %v", v, len(p.Rules), err)
		}
		if code, body := admin.get("/evidence-rules/edit"); code != 200 || !strings.Contains(body, `name="r.0.indicator"`) {
			t.Fatalf("edit form: %d", code)
		}

		form := url.Values{"term_cap": {"30"}}
		form.Set("r.0.kind", "competition")
		form.Set("r.0.level", "国家级")
		form.Set("r.0.prize", "一等奖")
		form.Set("r.0.indicator", "ZZZ")
		form.Set("r.0.mode", "fixed")
		form.Set("r.0.points", "12")
		form.Set("r.1.kind", "service")
		form.Set("r.1.indicator", "D05")
		form.Set("r.1.mode", "per_hour")
		form.Set("r.1.points", "1")
		form.Set("r.1.delete", "1")
		form.Set("r.2.mode", "fixed") // a blank row
		form.Set("c.0.indicator", "J03")
		form.Set("c.0.max_bonus", "15")
		code, body, _ = admin.postForm("/evidence-rules", form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "第 1 条加分规则的指标“ZZZ”不在评价方案中") {
			t.Errorf("unknown indicator: %d", code)
		}
		if _, v, _ := st.EvidencePolicy(ctx, sid, 0); v != 1 {
			t.Fatalf("a refused table wrote version %d", v)
		}
		form.Set("r.0.indicator", "J03")
		// A typed 0 is never "no cap", and a table needs a term cap.
		for field, want := range map[string]string{"c.0.max_deduction": "指标“J03”的扣分上限不能为 0（不限请留空）", "term_cap": "学期加分上限不能为 0（不限请留空）"} {
			bad := url.Values{}
			for k, v := range form {
				bad[k] = v
			}
			bad.Set(field, "0")
			if code, body, _ := admin.postForm("/evidence-rules", bad); code != http.StatusUnprocessableEntity || !strings.Contains(body, want) {
				t.Errorf("%s = 0: %d", field, code)
			}
		}
		noCap := url.Values{}
		for k, v := range form {
			noCap[k] = v
		}
		noCap.Set("term_cap", "")
		if code, body, _ := admin.postForm("/evidence-rules", noCap); code != http.StatusUnprocessableEntity || !strings.Contains(body, "请设置学期加分上限") {
			t.Errorf("no term cap: %d", code)
		}
		if code, _, _ := admin.postForm("/evidence-rules", form); code != http.StatusSeeOther {
			t.Fatalf("save: %d", code)
		}
		p, v, _ = st.EvidencePolicy(ctx, sid, 0)
		if v != 2 || len(p.Rules) != 1 || p.Rules[0].Points != 12 || p.TermCap != 30 || len(p.Caps) != 1 || p.Caps[0].MaxBonus != 15 {
			t.Errorf("saved: v%d %+v", v, p)
		}
		if old, _, _ := st.EvidencePolicy(ctx, sid, 1); len(old.Rules) != len(eval.DefaultEvidencePolicy().Rules) {
			t.Error("version 1 changed")
		}

		sa := s.login(t, s.a.Users[model.RoleStudentAffairs].Username)
		if code, _ := sa.get("/evidence-rules"); code != 200 {
			t.Errorf("student affairs read: %d", code)
		}
		if code, _, _ := sa.postForm("/evidence-rules", form); code != http.StatusForbidden {
			t.Errorf("student affairs save: %d", code)
		}
		ht := s.login(t, s.a.Users[model.RoleHeadTeacher].Username)
		if code, _ := ht.get("/evidence-rules"); code != http.StatusForbidden {
			t.Errorf("head teacher: %d", code)
		}
	})
}
