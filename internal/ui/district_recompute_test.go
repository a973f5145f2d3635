package ui_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestDistrictRecompute: a district admin starts a recompute of their
// district and watches it finish; another district's admin gets 404 for
// it, and school accounts cannot start one.
func TestDistrictRecompute(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		testfix.BuildCycles(t, st, s.a)
		var ds [2]model.District
		hash, _ := auth.HashPassword(testfix.Password)
		for i, code := range []string{"yz", "jb"} {
			ds[i] = model.District{Code: code, Name: code + "区教委"}
			if err := st.CreateDistrict(ctx, &ds[i]); err != nil {
				t.Fatal(err)
			}
			u := model.User{Username: "qu-" + code, DisplayName: "区教委", PasswordHash: hash, Roles: []string{model.RoleDistrictAdmin}, DistrictID: ds[i].ID}
			if err := st.CreateUser(ctx, model.PlatformSchoolID, model.SystemActor, &u); err != nil {
				t.Fatal(err)
			}
		}
		sa := s.a.School
		sa.DistrictID = ds[0].ID
		if err := st.UpdateSchool(ctx, model.SystemActor, sa); err != nil {
			t.Fatal(err)
		}
		for _, u := range []string{"admin@a1", "jiaowu@a1"} {
			c := s.login(t, u)
			if code, _ := c.get("/district/recompute"); code != 403 {
				t.Errorf("%s GET /district/recompute: %d", u, code)
			}
			if code, _, _ := c.postForm("/district/recompute", url.Values{"term": {"2026-2027/1"}}); code != 403 {
				t.Errorf("%s started a district job: %d", u, code)
			}
		}
		qu := s.login(t, "qu-yz")
		if code, body := qu.get("/district/recompute"); code != 200 || !strings.Contains(body, "2026-2027学年第一学期") {
			t.Fatalf("district admin page: %d", code)
		}
		code, _, loc := qu.postForm("/district/recompute", url.Values{"term": {"2026-2027/1"}, "district": {itoa(ds[1].ID)}})
		if code != 303 || !strings.HasPrefix(loc, "/district/recompute/") {
			t.Fatalf("start: %d → %q", code, loc)
		}
		jobID := strings.TrimPrefix(loc, "/district/recompute/")
		j, err := st.DistrictJobs(ctx, ds[0].ID, false, 5)
		if err != nil || len(j) != 1 || j[0].Total != 1 {
			t.Fatalf("the job is not of the admin's own district (one school), whatever the form said: %+v %v", j, err)
		}
		var body string
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
			if code, body = qu.get(loc); code != 200 {
				t.Fatalf("progress page: %d", code)
			}
			if strings.Contains(body, `data-state="done"`) && !strings.Contains(body, "hx-trigger") {
				break
			}
		}
		if !strings.Contains(body, `<span class="job-count">1 / 1</span>`) || !strings.Contains(body, "测试学校a1") || strings.Contains(body, "测试学校b1") {
			t.Fatalf("finished job page does not show 1 / 1 for school a1 only:\n%s", body)
		}
		if code, _ := s.login(t, "qu-jb").get(loc); code != 404 {
			t.Errorf("another district's admin sees the job: %d", code)
		}
		if code, _ := s.login(t, "root").get(loc); code != 200 {
			t.Errorf("platform admin job page: %d", code)
		}
		if code, _ := qu.get("/district/recompute/99999" + jobID); code != 404 {
			t.Errorf("unknown job: %d", code)
		}
	})
}
