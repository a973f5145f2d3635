package ui_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// A list page must read a fixed number of statements however many rows it
// shows: each page below is rendered with n rows of its kind added and
// with 3n, and both must run the same, pinned, number of statements on
// the real database. A page that starts querying per row fails here.

// growth adds more of what one page lists, numbered from made, and
// returns a text the page must then show.
type growth func(t *testing.T, g *grower, n int) string

// grower is one site's data for growth functions.
type grower struct {
	s     *site
	made  int // rows made so far, to name new ones
	fw    model.Framework
	cycle int64 // the newest cycle growCycles made
}

// listPage is a page, who reads it (named as in school a1, which each
// page's own school replaces), what it lists and its pinned count.
type listPage struct {
	name, user string
	path       func(g *grower) string
	grow       growth
	want       int // statements the page runs
}

func fixed(p string) func(*grower) string { return func(*grower) string { return p } }

var listPages = []listPage{
	{"results", "admin@a1", fixed("/results"), growCycles, 8},
	{"results of a class", "admin@a1", func(g *grower) string { return fmt.Sprintf("/results?cycle=%d&class=%d", g.cycle, g.s.a.ClassA.ID) }, growCycles, 10},
	{"results of a family", "jiazhang@a1", fixed("/results"), growCycles, 9},
	{"appeals", "admin@a1", fixed("/appeals"), growCycles, 8},
	{"reports", "admin@a1", func(g *grower) string { return fmt.Sprintf("/reports?class=%d", g.s.a.ClassA.ID) }, growCycles, 10},
	{"reports of a family", "jiazhang@a1", fixed("/reports"), growCycles, 8},
	{"platform schools", "root", fixed("/platform/schools"), growSchools, 5},
	{"departments", "admin@a1", fixed("/org/departments"), growDepartments, 9},
	{"batch users page", "admin@a1", fixed("/users/batch"), growClasses, 6},
	{"students", "admin@a1", fixed("/students"), growStudents, 10},
	{"classes", "admin@a1", fixed("/classes"), growClasses, 10},
	{"evidence", "admin@a1", fixed("/evidence"), growEvidence, 9},
	{"studios", "renshi@a1", fixed("/studios"), growStudios, 7},
	{"outcomes", "admin@a1", fixed("/outcomes"), growDestinations, 6},
	{"users", "admin@a1", fixed("/users"), growUsers, 7},
	{"audit log", "admin@a1", fixed("/audit"), growUsers, 6},
	{"cycles", "admin@a1", fixed("/cycles"), growCycles, 7},
	{"teachers", "admin@a1", fixed("/teachers"), growTeachers, 7},
	{"enterprises", "admin@a1", fixed("/enterprises"), growEnterprises, 6},
	{"majors", "admin@a1", fixed("/org/majors"), growMajors, 8},
	{"courses", "admin@a1", fixed("/org/courses"), growCourses, 9},
	{"notifications", "admin@a1", fixed("/notifications"), growNotifications, 5},
	{"portraits of a class", "banzhuren@a1", fixed("/portraits"), growStudents, 14},
	{"students of a head teacher", "banzhuren@a1", fixed("/students"), growStudents, 11},
	{"district recompute jobs", "root", fixed("/district/recompute"), growDistrictJobs, 7},
	{"conduct records", "deyu@a1", fixed("/conduct/records"), growConduct, 6},
	{"conduct queue", "deyu@a1", fixed("/conduct/queue"), growConduct, 6},
	{"class board", "xs1@a1", fixed("/checks?day=" + checkDay), growCheckClasses, 18},
	{"check rankings", "xs1@a1", fixed("/checks/rankings?period=month&day=" + checkDay), growCheckClasses, 11},
	{"check entry", "zhizhou@a1", fixed("/checks/entry?day=" + checkDay), growCheckClasses, 13},
	{"conduct of a family", "jiazhang@a1", fixed("/family"), growChildConduct, 9},
	{"talk list of a head teacher", "banzhuren@a1", fixed("/conduct/talks"), growConductStudents, 13},
	{"talk list of the school", "deyu@a1", fixed("/conduct/talks"), growConductStudents, 9},
	{"conduct trends of a class", "banzhuren@a1", fixed("/conduct/trends"), growConductStudents, 15},
	{"research outputs", "keyan@a1", fixed("/research/outputs"), growResearch, 9},
	{"research outputs of a teacher", "banzhuren@a1", fixed("/research/outputs/mine"), growResearch, 11},
	{"research review queue", "keyan@a1", fixed("/research/review"), growResearch, 9},
	{"research assessments", "keyan@a1", fixed("/research/assessments"), growResearchAssessments, 6},
	{"research ranking", "keyan@a1", researchRankingPath, growResearchPoints, 9},
	{"development records", "renshi@a1", fixed("/development/records"), growDevelopment, 7},
	{"development records of a teacher", "renke@a1", fixed("/development/records/mine"), growDevelopment, 9}, // + the certificates to renew
	{"development review queue", "renshi@a1", fixed("/development/records/review"), growDevelopment, 6},
	{"development progress", "renshi@a1", fixed("/development/progress"), growDevTeachers, 8},
}

func TestListPagesDoNotQueryPerRow(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			// One database and server per engine; each page gets a school
			// of its own, so what one page grows no other page lists.
			st, counter := testdb.Counted(t, e.Name)
			base := newSite(t, st)
			for i, p := range listPages {
				t.Run(p.name, func(t *testing.T) {
					code := fmt.Sprintf("q%02d", i)
					g := &grower{s: &site{st: st, srv: base.srv, a: testfix.Build(t, st, code, false), b: base.b}}
					c := g.s.login(t, strings.Replace(p.user, "@a1", "@"+code, 1))
					counts := make([]int, 2)
					for i, n := range []int{2, 4} { // 2 rows, then 2+4 = 3×2
						mark := p.grow(t, g, n)
						path := p.path(g)
						if st, body := c.get(path); st != http.StatusOK || !strings.Contains(body, mark) {
							t.Fatalf("%s with %d rows: status %d, %q shown: %v", path, g.made, st, mark, strings.Contains(body, mark))
						}
						counter.Reset()
						c.get(path)
						counts[i] = counter.N()
					}
					if counts[0] != counts[1] {
						t.Fatalf("%s runs %d statements with 2 rows and %d with 6: it queries per row", p.path(g), counts[0], counts[1])
					}
					if counts[0] != p.want {
						t.Errorf("%s runs %d statements, pinned at %d", p.path(g), counts[0], p.want)
					}
				})
			}
		})
	}
}

// growCycles adds n publicised cycles, each with a result for the three
// students of school a1 and an appeal of each.
func growCycles(t *testing.T, g *grower, n int) string {
	ctx, st, f, a := context.Background(), g.s.st, g.s.a, model.SystemActor
	sid := f.School.ID
	if g.fw.ID == 0 {
		g.fw = eval.DefaultFramework()
		must(t, st.SaveFrameworkVersion(ctx, sid, a, &g.fw))
	}
	var name string
	for range n {
		g.made++
		name = fmt.Sprintf("计数周期%02d", g.made)
		c := storage.EvalCycle{Cycle: model.Cycle{TermID: f.Term.ID, Name: name, FrameworkID: g.fw.ID, PeerCount: 3, Seed: 7, PublicityDays: 5}}
		must(t, st.CreateCycle(ctx, sid, a, &c))
		g.cycle = c.ID
		_, err := evalrun.Open(ctx, st, sid, a, c.ID)
		must(t, err)
		must(t, st.MoveCycle(ctx, sid, a, c.ID, model.CycleClosed, false))
		var rs []model.StudentResult
		for i, s := range []model.Student{f.StudentA1, f.StudentA2, f.StudentB1} {
			rs = append(rs, model.StudentResult{StudentID: s.ID, ClassID: s.ClassID, Rated: true, Complete: true, Total: float64(80 + i), Level: model.LevelGood, ScoreLevel: model.LevelGood, Rank: i + 1})
		}
		must(t, st.ReplaceResults(ctx, sid, a, c.ID, rs, 0, nil))
		must(t, st.MoveCycle(ctx, sid, a, c.ID, model.CyclePublicised, false))
		code := eval.Indicators(g.fw)[0].Code
		for _, s := range []model.Student{f.StudentA1, f.StudentA2, f.StudentB1} {
			must(t, st.CreateAppeal(ctx, sid, a, &storage.Appeal{CycleID: c.ID, StudentID: s.ID, IndicatorCode: code, Reason: "计数申诉"}))
		}
	}
	return name
}

func growSchools(t *testing.T, g *grower, n int) string {
	return growEach(g, n, func(k int) string {
		sc := model.School{Code: fmt.Sprintf("count-%02d", k), Name: fmt.Sprintf("计数学校%02d", k)}
		must(t, g.s.st.CreateSchool(context.Background(), &sc))
		return sc.Name
	})
}

// growDepartments adds n departments, each headed by its own account.
func growDepartments(t *testing.T, g *grower, n int) string {
	ctx, st, sid := context.Background(), g.s.st, g.s.a.School.ID
	var head string
	for range n {
		g.made++
		d := model.Department{Name: fmt.Sprintf("计数专业部%02d", g.made)}
		must(t, st.CreateDepartment(ctx, sid, model.SystemActor, &d))
		u := model.User{Username: fmt.Sprintf("head%02d@%s", g.made, g.s.a.School.Code), DisplayName: fmt.Sprintf("计数主任%02d", g.made), PasswordHash: "x", Roles: []string{model.RoleDeptHead}}
		must(t, st.CreateUser(ctx, sid, model.SystemActor, &u))
		must(t, st.SetDepartmentHead(ctx, sid, model.SystemActor, d.ID, u.ID))
		head = u.DisplayName
	}
	return head
}

func growClasses(t *testing.T, g *grower, n int) string {
	f := g.s.a
	return growEach(g, n, func(k int) string {
		c := model.Class{Name: fmt.Sprintf("2026级计数%02d班", k), EntryYear: 2026, MajorID: f.Major.ID, HeadTeacherID: f.TeacherHead.ID}
		must(t, g.s.st.CreateClass(context.Background(), f.School.ID, model.SystemActor, &c))
		return c.Name
	})
}

// addStudent adds an enrolled student of class with a guardian.
func addStudent(t *testing.T, g *grower, classID int64) model.Student {
	ctx, sid := context.Background(), g.s.a.School.ID
	g.made++
	birth := time.Date(2010, 5, 1+g.made%28, 0, 0, 0, 0, time.UTC)
	s := model.Student{StudentNo: fmt.Sprintf("cnt%03d", g.made), Name: fmt.Sprintf("计数生%02d", g.made), Gender: model.Female, ClassID: classID,
		IDNumber: idcheck.MakeIDNumber("500112", birth, 100+g.made, false), BirthDate: birth.Format("2006-01-02")}
	must(t, g.s.st.CreateStudent(ctx, sid, model.SystemActor, &s))
	must(t, g.s.st.AddGuardian(ctx, sid, model.SystemActor, s.ID, &model.Guardian{Name: fmt.Sprintf("计数家长%02d", g.made), Relation: "母亲", Phone: "13900139000"}))
	return s
}

func growStudents(t *testing.T, g *grower, n int) string {
	var s model.Student
	for range n {
		s = addStudent(t, g, g.s.a.ClassA.ID)
	}
	return s.Name
}

func growEvidence(t *testing.T, g *grower, n int) string {
	f := g.s.a
	var title string
	var ev []*model.Evidence
	for range n {
		g.made++
		title = fmt.Sprintf("计数获奖%02d", g.made)
		ev = append(ev, &model.Evidence{StudentID: f.StudentA1.ID, TermID: f.Term.ID, Kind: model.EvidenceCompetition, Title: title,
			Level: model.AwardCity, Prize: model.PrizeFirst, Date: "2026-11-12"})
	}
	must(t, g.s.st.CreateEvidenceVerifiedBulk(context.Background(), f.School.ID, model.SystemActor, ev, "核对证书"))
	return title
}

func growDestinations(t *testing.T, g *grower, n int) string {
	f := g.s.a
	return growEach(g, n, func(k int) string {
		employer := fmt.Sprintf("计数去向单位%02d", k)
		must(t, g.s.st.AddDestination(context.Background(), f.School.ID, model.SystemActor, &model.GraduateDestination{StudentID: f.StudentA1.ID,
			Kind: "employed", Employer: employer, SurveyDate: "2026-08-31"}))
		return employer
	})
}

func growUsers(t *testing.T, g *grower, n int) string {
	return growEach(g, n, func(k int) string {
		u := model.User{Username: fmt.Sprintf("count%02d@%s", k, g.s.a.School.Code), DisplayName: fmt.Sprintf("计数账号%02d", k), PasswordHash: "x", Roles: []string{model.RoleAcademic}}
		must(t, g.s.st.CreateUser(context.Background(), g.s.a.School.ID, model.SystemActor, &u))
		return u.Username
	})
}

func growTeachers(t *testing.T, g *grower, n int) string {
	f := g.s.a
	return growEach(g, n, func(k int) string {
		tt := model.Teacher{StaffNo: fmt.Sprintf("CT%03d", k), Name: fmt.Sprintf("计数教师%02d", k), Gender: model.Male, DepartmentID: f.Department.ID}
		must(t, g.s.st.CreateTeacher(context.Background(), f.School.ID, model.SystemActor, &tt))
		return tt.Name
	})
}

func growEnterprises(t *testing.T, g *grower, n int) string {
	return growEach(g, n, func(k int) string {
		e := model.Enterprise{Name: fmt.Sprintf("计数企业%02d有限公司", k), CreditCode: idcheck.MakeCreditCode(fmt.Sprintf("91500000MA7U%05d", g.s.a.School.ID*100+int64(k)))}
		must(t, g.s.st.CreateEnterprise(context.Background(), g.s.a.School.ID, model.SystemActor, &e))
		return e.Name
	})
}

func growMajors(t *testing.T, g *grower, n int) string {
	f := g.s.a
	return growEach(g, n, func(k int) string {
		m := model.Major{Code: fmt.Sprintf("6601%02d", 10+k), Name: fmt.Sprintf("计数专业%02d", k), CategoryID: f.Major.CategoryID, DepartmentID: f.Department.ID}
		must(t, g.s.st.CreateMajor(context.Background(), f.School.ID, model.SystemActor, &m))
		return m.Name
	})
}

func growCourses(t *testing.T, g *grower, n int) string {
	f := g.s.a
	return growEach(g, n, func(k int) string {
		c := model.Course{Code: fmt.Sprintf("CNT%02d", k), Name: fmt.Sprintf("计数课程%02d", k), Kind: "专业核心课", MajorID: f.Major.ID}
		must(t, g.s.st.CreateCourse(context.Background(), f.School.ID, model.SystemActor, &c))
		return c.Name
	})
}

func growNotifications(t *testing.T, g *grower, n int) string {
	return growEach(g, n, func(k int) string {
		text := fmt.Sprintf("计数通知%02d", k)
		must(t, g.s.st.AddNotifications(context.Background(), g.s.a.School.ID, []int64{g.s.a.Users[model.RoleSchoolAdmin].ID}, "appeal_submitted", text, "/appeals"))
		return text
	})
}

// growEach adds n rows, each with the next number, and returns the last
// one's text.
func growEach(g *grower, n int, add func(k int) string) string {
	var last string
	for range n {
		g.made++
		last = add(g.made)
	}
	return last
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// TestBatchAccountsReadOnce opens the accounts of a class of 2 students
// (and their parents) and of a class of 6: the reads are the same, only
// each account's own writes are added.
func TestBatchAccountsReadOnce(t *testing.T) {
	for _, e := range testdb.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			st, counter := testdb.Counted(t, e.Name)
			g := &grower{s: newSite(t, st)}
			c := g.s.login(t, "admin@a1")
			counts := make([]int, 2)
			for i, n := range []int{2, 6} {
				growClasses(t, g, 1)
				classes, _, err := st.Classes(context.Background(), g.s.a.School.ID, storage.ClassFilter{ListQuery: model.AllRows()})
				must(t, err)
				class := classes[0].ID
				for _, k := range classes {
					class = max(class, k.ID)
				}
				var last model.Student
				for range n {
					last = addStudent(t, g, class)
				}
				counter.Reset()
				status, body, _ := c.postForm("/users/batch", url.Values{"class_id": {fmt.Sprint(class)}, "guardians": {"on"}})
				counts[i] = counter.N()
				if status != http.StatusOK || !strings.HasPrefix(body, "PK") {
					t.Fatalf("batch of %d: status %d, %.200s", n, status, body)
				}
				taken, err := st.UsernamesTaken(context.Background(), []string{last.StudentNo + "@a1", "p" + last.StudentNo + "@a1"})
				must(t, err)
				if len(taken) != 2 {
					t.Fatalf("accounts of %s: %v", last.StudentNo, taken)
				}
			}
			const perAccount = 5 // the statements creating one account (its login name, its row, its roles cleared and set, its audit line)
			if got := (counts[1] - counts[0]) / 8; got != perAccount || (counts[1]-counts[0])%8 != 0 {
				t.Errorf("8 more accounts cost %d more statements (%d, %d), not 8×%d", counts[1]-counts[0], counts[0], counts[1], perAccount)
			}
			if want := 10 + 4*perAccount; counts[0] != want {
				t.Errorf("a batch of 4 accounts runs %d statements, pinned at %d", counts[0], want)
			}
		})
	}
}
