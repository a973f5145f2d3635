package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"zhijiao/internal/eval"
	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
	"zhijiao/internal/ui"
)

// idFor fills a route's {id} with the id of the fixture object the path is
// about, in school f.
func idFor(path string, f *testfix.School) string {
	switch {
	case strings.HasPrefix(path, "/students/"), strings.HasPrefix(path, "/portraits/students/"):
		return itoa(f.StudentA1.ID)
	case strings.HasPrefix(path, "/classes/"), strings.HasPrefix(path, "/checks/classes/"):
		return itoa(f.ClassA.ID)
	case strings.HasPrefix(path, "/teachers/"):
		return itoa(f.TeacherHead.ID)
	case strings.HasPrefix(path, "/enterprises/"):
		return itoa(f.Enterprise.ID)
	case strings.HasPrefix(path, "/users/"):
		return itoa(f.Users["victim"].ID)
	case strings.HasPrefix(path, "/org/majors/"):
		return itoa(f.Major.ID)
	case strings.HasPrefix(path, "/org/departments/"):
		return itoa(f.Department.ID)
	case strings.HasPrefix(path, "/cycles/"):
		return "1"
	case strings.HasPrefix(path, "/org/terms/"):
		return itoa(f.Term.ID)
	case strings.HasPrefix(path, "/frameworks/"):
		return itoa(frameworkIDs[f])
	case strings.HasPrefix(path, "/research/outputs/"):
		return itoa(researchOutputIDs[f])
	case strings.HasPrefix(path, "/research/assessments/"):
		return itoa(researchIDs[f][0])
	case strings.HasPrefix(path, "/development/records/"):
		return itoa(developmentIDs[f])
	case strings.HasPrefix(path, "/research/rules/"):
		return itoa(researchIDs[f][1])
	case strings.HasPrefix(path, "/studios/"):
		return itoa(studioIDs[f])
	}
	return "1"
}

// frameworkIDs holds each fixture school's framework for the matrix.
var frameworkIDs = map[*testfix.School]int64{}

// researchOutputIDs holds each fixture school's research output (the head
// teacher's and the subject teacher's paper) for the matrix.
var researchOutputIDs = map[*testfix.School]int64{}

// developmentIDs holds each fixture school's development record (the head
// teacher's self-reported certificate) for the matrix.
var developmentIDs = map[*testfix.School]int64{}

// researchIDs holds each fixture school's 科研考核 and rule version.
var researchIDs = map[*testfix.School][2]int64{}

// studioIDs holds each fixture school's 工作室.
var studioIDs = map[*testfix.School]int64{}

func fill(path string, f *testfix.School) string {
	p := strings.ReplaceAll(path, "{id}", idFor(path, f))
	p = strings.ReplaceAll(p, "{kind}", "students")
	p = strings.ReplaceAll(p, "{cycle}", "1")
	p = strings.ReplaceAll(p, "{role}", "self")
	p = strings.ReplaceAll(p, "{student}", itoa(f.StudentA1.ID))
	p = strings.ReplaceAll(p, "{token}", strings.Repeat("0", 32))
	p = strings.ReplaceAll(p, "{class}", itoa(f.ClassA.ID))
	p = strings.ReplaceAll(p, "{x}", "1")
	p = strings.ReplaceAll(p, "{file}", "1")
	p = strings.ReplaceAll(p, "{appeal}", "1")
	return strings.TrimSuffix(p, "{$}")
}

// TestEveryRoleEveryRoute: every account of the fixture school tries every
// route of the site. A route its roles do not grant answers 403; a
// platform page answers 403 to school accounts; a school page sends the
// platform account away; and every route that names an object, tried with
// the other school's object, answers 404 — for every role, the school
// admin included. No route answers 5xx.
func TestEveryRoleEveryRoute(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		s := newSite(t, st)
		// Account routes act on a spare account, so resetting its password
		// or roles does not lock the tested accounts out.
		for _, f := range []*testfix.School{s.a, s.b} {
			v := model.User{Username: "victim@" + f.School.Code, DisplayName: "备用", PasswordHash: "x", Roles: []string{model.RoleStudent}, StudentID: f.StudentA2.ID}
			if err := st.CreateUser(context.Background(), f.School.ID, model.SystemActor, &v); err != nil {
				t.Fatal(err)
			}
			f.Users["victim"] = v
			fw := eval.DefaultFramework()
			if err := st.SaveFrameworkVersion(context.Background(), f.School.ID, model.SystemActor, &fw); err != nil {
				t.Fatal(err)
			}
			frameworkIDs[f] = fw.ID
			o := model.ResearchOutput{Kind: "case", Title: "课堂革命典型案例", Level: "市级", DatedOn: "2026-05-10",
				Contributors: []model.ResearchContributor{{TeacherID: f.TeacherHead.ID}, {TeacherID: f.TeacherSubject.ID}}}
			if err := st.CreateResearchOutput(context.Background(), f.School.ID, model.SystemActor, &o, storage.ResearchWrite{}); err != nil {
				t.Fatal(err)
			}
			researchOutputIDs[f] = o.ID
			ra, err := st.CreateResearchAssessment(context.Background(), f.School.ID, model.SystemActor, storage.NewResearchAssessment{TermID: f.Term.ID})
			if err != nil {
				t.Fatal(err)
			}
			researchIDs[f] = [2]int64{ra.ID, ra.RuleSetID}
			dr := model.DevelopmentRecord{TeacherID: f.TeacherHead.ID, Kind: "certificate", Title: "数控车工", StartsOn: "2025-06-01", Issuer: "市人社局", Number: "S1"}
			if err := st.CreateDevelopmentRecord(context.Background(), f.School.ID, model.SystemActor, &dr, storage.DevelopmentWrite{}); err != nil {
				t.Fatal(err)
			}
			developmentIDs[f] = dr.ID
			studioIDs[f] = testfix.AddStudio(t, st, f, "矩阵工作室")
		}
		srv, err := ui.New(context.Background(), st, ui.Options{})
		if err != nil {
			t.Fatal(err)
		}
		authz := srv.Authorizer()
		routes := srv.Routes()
		users := make([]string, 0, len(s.a.Users))
		for k := range s.a.Users {
			if k != "victim" {
				users = append(users, k)
			}
		}
		sort.Strings(users)
		checked := 0
		for _, key := range users {
			u := s.a.Users[key]
			c := s.login(t, u.Username)
			for _, rt := range routes {
				if rt.Path == "/password" || (rt.Path == "/{$}" && rt.Method == "GET") {
					continue
				}
				perm := rt.Perm
				if strings.Contains(rt.Path, "{kind}") {
					perm = importer.Kinds[roster.KindStudents]
					if strings.HasPrefix(rt.Path, "/export/") {
						perm = "student:export"
					}
					if strings.Contains(rt.Path, "/template/") || strings.Contains(rt.Path, "/errors/") {
						perm = ""
					}
				}
				platformUser := u.SchoolID == model.PlatformSchoolID
				allowed := perm == "" || authz.Can(&u, perm)
				want := 0
				switch {
				case rt.Platform && !platformUser:
					want = http.StatusForbidden
				case rt.School && platformUser:
					want = http.StatusSeeOther
					if rt.Method == "POST" {
						want = http.StatusForbidden
					}
				case !allowed:
					want = http.StatusForbidden
				}
				code := call(c, rt.Method, fill(rt.Path, s.a))
				checked++
				if code >= 500 {
					t.Errorf("%s %s %s: %d", u.Username, rt.Method, rt.Path, code)
				}
				if want != 0 && code != want {
					t.Errorf("%s %s %s: %d, want %d", u.Username, rt.Method, rt.Path, code, want)
				}
				// The other school's objects are never reachable.
				if want == 0 && rt.School && strings.Contains(rt.Path, "{id}") {
					if code := call(c, rt.Method, fill(rt.Path, s.b)); code != http.StatusNotFound {
						t.Errorf("%s %s %s with school b's object: %d, want 404", u.Username, rt.Method, rt.Path, code)
					}
				}
			}
		}
		if checked < 100 {
			t.Fatalf("only %d route checks ran", checked)
		}
	})
}

// call sends an empty same-origin request and returns the status.
func call(c *client, method, path string) int {
	if method == "GET" {
		code, _ := c.get(path)
		return code
	}
	code, _, _ := c.postForm(path, url.Values{})
	return code
}

// TestRouteTableNamesTheRightPermission checks the table itself against the
// shape of the site, so a route added or edited with a missing or wrong
// permission fails here even though the matrix above trusts the table.
func TestRouteTableNamesTheRightPermission(t *testing.T) {
	st := testdb.SQLite(t)
	srv, err := ui.New(context.Background(), st, ui.Options{})
	if err != nil {
		t.Fatal(err)
	}
	resource := map[string]string{"students": "student", "classes": "class", "teachers": "teacher", "org": "org",
		"enterprises": "enterprise", "users": "user", "audit": "audit", "tokens": "token", "platform": "platform", "import": "student", "cycles": "cycle", "rate": "rating", "evidence": "evidence", "results": "result", "appeals": "appeal",
		"frameworks": "framework", "evidence-rules": "framework", "portraits": "portrait", "kpi": "kpi", "district": "district",
		"outcomes": "outcome", "surveys": "survey", "reports": "report", "checks": "check", "family": "conduct", "conduct": "conduct",
		"research": "research", "development": "development", "studios": "studio"}
	// Routes whose permission depends on the roster kind in the path
	// (checked by kindAllowed against importer.Kinds), and the pages every
	// account has (its own notifications included).
	byKind := map[string]bool{"/import/{kind}": true, "/import/template/{kind}": true, "/import/errors/{token}": true, "/export/{kind}": true}
	own := map[string]bool{"/notifications": true, "/notifications/read": true}
	// A teacher's 科研 tab is the research area's page under the teacher's.
	crossArea := map[string]string{"/teachers/{id}/research": "research"}
	resource["development"] = "development"
	// The teacher's portrait is the development area's page under the teacher's.
	crossArea["/teachers/{id}/portrait"], crossArea["/teachers/{id}/portrait.pdf"] = "development", "development"
	for _, rt := range srv.Routes() {
		if rt.Path == "/{$}" || rt.Path == "/password" || byKind[rt.Path] || (own[rt.Path] && rt.Perm == "") {
			continue
		}
		seg := strings.SplitN(strings.TrimPrefix(rt.Path, "/"), "/", 2)[0]
		res, ok := resource[seg]
		if a, cross := crossArea[rt.Path]; cross {
			res, ok = a, true
		}
		if !ok {
			t.Errorf("%s %s: no resource known for /%s", rt.Method, rt.Path, seg)
			continue
		}
		if !strings.HasPrefix(rt.Perm, res+":") {
			t.Errorf("%s %s needs %q, want a %s:… permission", rt.Method, rt.Path, rt.Perm, res)
		}
		writes := rt.Method == "POST" || strings.HasSuffix(rt.Path, "/new") || strings.HasSuffix(rt.Path, "/edit")
		if writes && strings.HasSuffix(rt.Perm, ":read") {
			t.Errorf("%s %s changes data with only %q", rt.Method, rt.Path, rt.Perm)
		}
	}
}
