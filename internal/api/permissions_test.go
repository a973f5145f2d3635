package api

import (
	"fmt"
	"net/http"
	"slices"
	"sort"
	"strings"
	"testing"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/testfix"
)

// caller is one fixture account with what the permissions file and the
// organisation say it may reach; the expectations are written here by
// hand, independently of auth.ScopeOf.
type caller struct {
	key      string // role key in testfix.School.Users
	u        model.User
	own      *testfix.School
	other    *testfix.School
	token    string
	query    string // "?school=a1" for the platform admin
	perms    map[string]bool
	students []int64 // visible students of the own school
	classes  []int64 // visible classes of the own school
}

func (c caller) can(p string) bool { return c.perms["*"] || c.perms[p] }

func sorted(ids ...int64) []int64 { slices.Sort(ids); return ids }

func callers(e *env) []caller {
	rules := auth.Rules()
	var out []caller
	for _, pair := range [][2]*testfix.School{{e.a, e.b}, {e.b, e.a}} {
		f, o := pair[0], pair[1]
		keys := make([]string, 0, len(f.Users))
		for k := range f.Users {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := caller{key: k, u: f.Users[k], own: f, other: o, token: e.tokens[f.School.Code+"/"+k], perms: map[string]bool{}}
			for _, r := range c.u.Roles {
				for _, p := range rules[r] {
					c.perms[p] = true
				}
			}
			all := sorted(f.StudentA1.ID, f.StudentA2.ID, f.StudentB1.ID)
			both := sorted(f.ClassA.ID, f.ClassB.ID)
			switch k {
			case model.RolePlatformAdmin:
				c.query = "?school=" + f.School.Code
				c.students, c.classes = all, both
			case model.RoleSchoolAdmin, model.RoleAcademic, model.RoleStudentAffairs, model.RoleResearch, model.RolePersonnel, model.RoleDeptHead, model.RoleMoralOffice:
				c.students, c.classes = all, both // the department head's department owns both classes
			case model.RoleHeadTeacher:
				c.students, c.classes = sorted(f.StudentA1.ID, f.StudentA2.ID), []int64{f.ClassA.ID}
			case model.RoleSubjectTeacher, model.RoleDutyTeacher: // teaches class B only (the duty teacher is that teacher)
				c.students, c.classes = []int64{f.StudentB1.ID}, []int64{f.ClassB.ID}
			case model.RoleStudentCouncil: // the council member is 陈三 of class B
				c.students = []int64{f.StudentB1.ID}
			case model.RoleMentor, model.RoleStudent, model.RoleParent:
				c.students = []int64{f.StudentA1.ID}
			case "student2":
				c.students = []int64{f.StudentB1.ID}
			default:
				panic("fixture role without expectations: " + k)
			}
			out = append(out, c)
		}
	}
	return out
}

// probe is one request; reach says whether its object is in the caller's
// reach once the permission holds (nil: no object, always reachable).
type probe struct {
	method, path string
	body         func(c caller, n int) any
	perm         string
	ok           int
	reach        func(c caller) bool
	check        func(t *testing.T, c caller, r resp) // on success
	session      bool                                 // call with the web session, not the token
}

func inStudents(id func(c caller) int64) func(c caller) bool {
	return func(c caller) bool { return slices.Contains(c.students, id(c)) }
}

func inClasses(id func(c caller) int64) func(c caller) bool {
	return func(c caller) bool { return slices.Contains(c.classes, id(c)) }
}

func never(c caller) bool { return false }

// sameIDs checks a list holds exactly the expected records, all of the
// caller's school.
func sameIDs(want func(c caller) []int64) func(t *testing.T, c caller, r resp) {
	return func(t *testing.T, c caller, r resp) {
		t.Helper()
		if got := r.ids(); !slices.Equal(got, want(c)) {
			t.Errorf("%s: ids %v, want %v", c.key, got, want(c))
		}
	}
}

func ownSchool(t *testing.T, c caller, r resp) {
	t.Helper()
	for _, it := range r.json()["items"].([]any) {
		if sid, ok := it.(map[string]any)["school_id"]; ok && int64(sid.(float64)) != c.own.School.ID {
			t.Errorf("%s: item of school %v in %s", c.key, sid, r.Body.String())
		}
	}
}

func readProbes() []probe {
	a1 := func(c caller) int64 { return c.own.StudentA1.ID }
	a2 := func(c caller) int64 { return c.own.StudentA2.ID }
	b1 := func(c caller) int64 { return c.own.StudentB1.ID }
	ca := func(c caller) int64 { return c.own.ClassA.ID }
	cb := func(c caller) int64 { return c.own.ClassB.ID }
	return []probe{
		{method: "GET", path: "/me", perm: "profile:read", ok: 200},
		{method: "GET", path: "/school", perm: "school:read", ok: 200},
		{method: "GET", path: "/terms", perm: "school:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/departments", perm: "org:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/majors", perm: "org:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/classes", perm: "class:read", ok: 200, check: sameIDs(func(c caller) []int64 { return c.classes })},
		{method: "GET", path: "/classes/{A}", perm: "class:read", ok: 200, reach: inClasses(ca)},
		{method: "GET", path: "/classes/{B}", perm: "class:read", ok: 200, reach: inClasses(cb)},
		{method: "GET", path: "/classes/{oA}", perm: "class:read", ok: 200, reach: never},
		{method: "GET", path: "/teachers", perm: "teacher:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/teachers/{T}", perm: "teacher:read", ok: 200},
		{method: "GET", path: "/teachers/{oT}", perm: "teacher:read", ok: 200, reach: never},
		{method: "GET", path: "/students", perm: "student:read", ok: 200, check: sameIDs(func(c caller) []int64 { return c.students })},
		{method: "GET", path: "/students?class={A}", perm: "student:read", ok: 200, check: sameIDs(func(c caller) []int64 {
			var out []int64
			for _, s := range c.students {
				if s != c.own.StudentB1.ID {
					out = append(out, s)
				}
			}
			return out
		})},
		{method: "GET", path: "/students/{A1}", perm: "student:read", ok: 200, reach: inStudents(a1)},
		{method: "GET", path: "/students/{A2}", perm: "student:read", ok: 200, reach: inStudents(a2)},
		{method: "GET", path: "/students/{B1}", perm: "student:read", ok: 200, reach: inStudents(b1)},
		{method: "GET", path: "/students/{oA1}", perm: "student:read", ok: 200, reach: never},
		{method: "GET", path: "/students/{A1}/guardians", perm: "student:read", ok: 200, reach: inStudents(a1)},
		{method: "GET", path: "/students/{B1}/guardians", perm: "student:read", ok: 200, reach: inStudents(b1)},
		{method: "GET", path: "/students/{oA1}/guardians", perm: "student:read", ok: 200, reach: never},
		{method: "GET", path: "/students/{A1}/enrollment", perm: "student:read", ok: 200, reach: inStudents(a1)},
		{method: "GET", path: "/students/{A2}/enrollment", perm: "student:read", ok: 200, reach: inStudents(a2)},
		{method: "GET", path: "/students/{oA1}/enrollment", perm: "student:read", ok: 200, reach: never},
		{method: "GET", path: "/students/{A1}/conduct", perm: "conduct:read", ok: 200, reach: inStudents(a1)},
		{method: "GET", path: "/students/{B1}/conduct", perm: "conduct:read", ok: 200, reach: inStudents(b1)},
		{method: "GET", path: "/students/{oA1}/conduct", perm: "conduct:read", ok: 200, reach: never},
		{method: "GET", path: "/conduct/talks", perm: "conduct:talk", ok: 200},
		{method: "GET", path: "/research/rules", perm: "research:read", ok: 200},
		{method: "GET", path: "/research/assessments", perm: "research:read", ok: 200},
		{method: "GET", path: "/research/my-points", perm: "research:claim", ok: 200},
		{method: "GET", path: "/development/progress", perm: "development:record", ok: 200},
		{method: "GET", path: "/development/settings", perm: "development:read", ok: 200},
		{method: "GET", path: "/development/recognitions", perm: "development:read", ok: 200},
		{method: "GET", path: "/enterprises", perm: "enterprise:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/mentors", perm: "enterprise:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/users", perm: "user:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/audit", perm: "audit:read", ok: 200, check: ownSchool},
		{method: "GET", path: "/tokens", perm: "token:manage", ok: 200},
		{method: "GET", path: "/export/students?format=csv", perm: "student:export", ok: 200},
		{method: "GET", path: "/export/teachers?format=csv", perm: "teacher:export", ok: 200},
		{method: "GET", path: "/export/classes?format=csv", perm: "class:read", ok: 200},
	}
}

func writeProbes() []probe {
	a1 := func(c caller) int64 { return c.own.StudentA1.ID }
	ca := func(c caller) int64 { return c.own.ClassA.ID }
	return []probe{
		{method: "POST", path: "/students", perm: "student:manage", ok: 201, body: func(c caller, n int) any {
			return map[string]any{"student_no": fmt.Sprintf("NEW-%d", n), "name": "新生", "gender": "女", "class_id": c.own.ClassA.ID}
		}},
		{method: "PATCH", path: "/students/{A1}", perm: "student:manage", ok: 200, reach: inStudents(a1),
			body: func(c caller, n int) any { return map[string]any{"ethnicity": "汉族"} }},
		{method: "PATCH", path: "/students/{oA1}", perm: "student:manage", ok: 200, reach: never,
			body: func(c caller, n int) any { return map[string]any{"ethnicity": "汉族"} }},
		{method: "POST", path: "/students/{A1}/enrollment", perm: "student:manage", ok: 201, reach: inStudents(a1),
			body: func(c caller, n int) any {
				return map[string]any{"status": "在籍", "effective_date": "2026-09-02", "reason": "核对"}
			}},
		{method: "POST", path: "/students/{oA1}/enrollment", perm: "student:manage", ok: 201, reach: never,
			body: func(c caller, n int) any { return map[string]any{"status": "休学", "effective_date": "2026-09-02"} }},
		{method: "POST", path: "/classes", perm: "class:manage", ok: 201, body: func(c caller, n int) any {
			return map[string]any{"name": fmt.Sprintf("2026级新班%d", n), "major_id": c.own.Major.ID, "entry_year": 2026}
		}},
		{method: "PATCH", path: "/classes/{A}", perm: "class:manage", ok: 200, reach: inClasses(ca),
			body: func(c caller, n int) any { return map[string]any{"program": "三年制中职"} }},
		{method: "PATCH", path: "/classes/{oA}", perm: "class:manage", ok: 200, reach: never,
			body: func(c caller, n int) any { return map[string]any{"program": "3+2"} }},
		{method: "POST", path: "/teachers", perm: "teacher:manage", ok: 201, body: func(c caller, n int) any {
			return map[string]any{"staff_no": fmt.Sprintf("N%d", n), "name": "新老师"}
		}},
		{method: "PATCH", path: "/teachers/{T}", perm: "teacher:manage", ok: 200,
			body: func(c caller, n int) any { return map[string]any{"title": "讲师"} }},
		{method: "PATCH", path: "/teachers/{oT}", perm: "teacher:manage", ok: 200, reach: never,
			body: func(c caller, n int) any { return map[string]any{"title": "讲师"} }},
		{method: "POST", path: "/tokens", perm: "token:manage", ok: 201, session: true,
			body: func(c caller, n int) any { return map[string]any{"name": "脚本"} }},
		{method: "DELETE", path: "/tokens/{otherToken}", perm: "token:manage", ok: 204, reach: never},
		{method: "POST", path: "/import/students", perm: "student:import", ok: 422},
		{method: "POST", path: "/import/teachers", perm: "teacher:import", ok: 422},
		{method: "POST", path: "/import/classes", perm: "class:manage", ok: 422},
	}
}

// fill replaces the {placeholders} of a probe path for a caller.
func fill(e *env, c caller, path string) string {
	f, o := c.own, c.other
	other := "parent"
	if c.key == other {
		other = "student"
	}
	r := strings.NewReplacer(
		"{A1}", id(f.StudentA1.ID), "{A2}", id(f.StudentA2.ID), "{B1}", id(f.StudentB1.ID), "{oA1}", id(o.StudentA1.ID),
		"{A}", id(f.ClassA.ID), "{B}", id(f.ClassB.ID), "{oA}", id(o.ClassA.ID),
		"{T}", id(f.TeacherOther.ID), "{oT}", id(o.TeacherOther.ID),
		"{otherToken}", id(e.tokIDs[f.School.Code+"/"+other]),
	)
	p := r.Replace(path)
	if c.query != "" {
		sep := "?"
		if strings.Contains(p, "?") {
			sep = "&"
		}
		p += sep + strings.TrimPrefix(c.query, "?")
	}
	return p
}

// TestEveryRoleEveryEndpoint calls every endpoint as every fixture account
// of both schools and expects what the permissions file and the scope say:
// 403 without the permission, 404 for objects outside the scope or of the
// other school, success otherwise. Reads run first, while the fixture is
// untouched, so list contents can be compared exactly.
func TestEveryRoleEveryEndpoint(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		badFile := []byte("学号,姓名,性别,班级\r\nX-1,坏行,男,没有这个班\r\n")
		n := 0
		for _, phase := range [][]probe{readProbes(), writeProbes()} {
			for _, c := range callers(e) {
				for _, p := range phase {
					n++
					path := fill(e, c, p.path)
					want := p.ok
					switch {
					case !c.can(p.perm):
						want = http.StatusForbidden
					case p.reach != nil && !p.reach(c):
						want = http.StatusNotFound
					}
					var r resp
					if strings.HasPrefix(p.path, "/import/") {
						r = e.upload(path, c.token, badFile)
					} else {
						var body any
						if p.body != nil {
							body = p.body(c, n)
						}
						if p.session {
							r = e.do(p.method, path, "", body, sessionHeader, id(c.u.ID))
						} else {
							r = e.do(p.method, path, c.token, body)
						}
					}
					what := c.own.School.Code + "/" + c.key + " " + p.method + " " + path
					if r.Code != want {
						t.Errorf("%s: status %d, want %d: %s", what, r.Code, want, strings.TrimSpace(r.Body.String()))
						continue
					}
					if want == p.ok && p.check != nil {
						p.check(t, c, r)
					}
					if r.Code >= 400 {
						if m := r.json(); m["error"] == "" {
							t.Errorf("%s: error without message: %s", what, r.Body.String())
						}
					}
				}
			}
		}
	})
}
