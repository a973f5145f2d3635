package api

import (
	"context"
	"strconv"
	"testing"

	"zhijiao/internal/model"
)

// TestDistrictRecomputeJobs: a district admin queues a recompute of their
// own district over the API (whatever district the body names) and reads
// its progress; another district's admin gets 404 and a school account
// 403; a job without a term is refused with the reason.
func TestDistrictRecomputeJobs(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		var ds [2]model.District
		var toks [2]string
		for i, code := range []string{"yz", "jb"} {
			ds[i] = model.District{Code: code, Name: code + "区教委"}
			if err := e.st.CreateDistrict(ctx, &ds[i]); err != nil {
				t.Fatal(err)
			}
			u := model.User{Username: "qu-" + code, DisplayName: "区教委", PasswordHash: "x", Roles: []string{model.RoleDistrictAdmin}, DistrictID: ds[i].ID}
			if err := e.st.CreateUser(ctx, model.PlatformSchoolID, model.SystemActor, &u); err != nil {
				t.Fatal(err)
			}
			toks[i], _ = e.newToken(u)
		}
		sa := e.a.School
		sa.DistrictID = ds[0].ID
		if err := e.st.UpdateSchool(ctx, model.SystemActor, sa); err != nil {
			t.Fatal(err)
		}
		if r := e.do("POST", "/district/recompute-jobs", e.tokens["a1/school_admin"], map[string]any{"year_name": "2026-2027", "semester": 1}); r.Code != 403 {
			t.Errorf("a school admin queued a district job: %d", r.Code)
		}
		if r := e.do("POST", "/district/recompute-jobs", toks[0], map[string]any{"year_name": "2026-2027", "semester": 0}); r.Code != 422 || r.json()["error"] != "请选择学期" {
			t.Errorf("a job without a term: %d %s", r.Code, r.Body)
		}
		r := e.do("POST", "/district/recompute-jobs", toks[0], map[string]any{"year_name": "2026-2027", "semester": 1, "district_id": ds[1].ID})
		if r.Code != 404 {
			t.Errorf("a district admin queued another district's job: %d %s", r.Code, r.Body)
		}
		r = e.do("POST", "/district/recompute-jobs", toks[0], map[string]any{"year_name": "2026-2027", "semester": 1})
		if r.Code != 202 {
			t.Fatalf("queue: %d %s", r.Code, r.Body)
		}
		job := r.json()
		id := strconv.FormatInt(int64(job["id"].(float64)), 10)
		if job["total"].(float64) != 1 || job["district_id"].(float64) != float64(ds[0].ID) || job["term"] != "2026-2027学年第一学期" {
			t.Errorf("the job: %v", job)
		}
		if r := e.do("GET", "/district/recompute-jobs/"+id, toks[1], nil); r.Code != 404 {
			t.Errorf("another district's admin reads the job: %d", r.Code)
		}
		if r := e.do("GET", "/district/recompute-jobs", toks[1], nil); r.Code != 200 || len(r.ids()) != 0 {
			t.Errorf("another district's list: %d %s", r.Code, r.Body)
		}
		if r := e.do("GET", "/district/recompute-jobs", toks[0], nil); r.Code != 200 || len(r.ids()) != 1 {
			t.Errorf("own list: %d %s", r.Code, r.Body)
		}
		r = e.do("GET", "/district/recompute-jobs/"+id, toks[0], nil)
		if r.Code != 200 {
			t.Fatalf("show: %d %s", r.Code, r.Body)
		}
		schools := r.json()["schools"].([]any)
		if len(schools) != 1 || schools[0].(map[string]any)["school_id"].(float64) != float64(e.a.School.ID) {
			t.Errorf("the job's schools: %v", schools)
		}
	})
}
