package demo_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/demo"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

func TestMain(m *testing.M) {
	code := m.Run()
	testdb.Cleanup()
	os.Exit(code)
}

// fingerprint lists every student as 学号 name ID-number, in 学号 order.
func fingerprint(t *testing.T, s *storage.Storage, schoolID int64) []string {
	t.Helper()
	var out []string
	err := s.AllStudents(context.Background(), schoolID, storage.StudentFilter{}, func(st model.Student) error {
		out = append(out, st.StudentNo+" "+st.Name+" "+st.IDNumber+" "+string(st.EnrollmentStatus))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDeterministicAcrossDatabases(t *testing.T) {
	ctx := context.Background()
	o := demo.Options{Students: 600, Seed: 7}
	var prints [][]string
	var logins [][]demo.Login
	for _, e := range testdb.Engines() {
		s := e.Open(t)
		r, err := demo.Generate(ctx, s, o, nil)
		if err != nil {
			t.Fatalf("%s: %v", e.Name, err)
		}
		prints = append(prints, fingerprint(t, s, r.Schools[0].ID))
		logins = append(logins, r.Logins)
	}
	// 600 at school and about 190 who graduated last July.
	if n := len(prints[0]); n < 600+150 || n > 600+210 {
		t.Fatalf("%d students, want 600 and the graduates", n)
	}
	if !slices.Equal(prints[0], prints[1]) {
		t.Fatalf("same seed, different students:\n%v\n%v", prints[0][:3], prints[1][:3])
	}
	if !slices.Equal(logins[0], logins[1]) {
		t.Fatalf("same seed, different logins:\n%v\n%v", logins[0], logins[1])
	}

	// Another seed, or another code, gives other people.
	s := testdb.SQLite(t)
	r, err := demo.Generate(ctx, s, demo.Options{Students: 600, Seed: 8}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if other := fingerprint(t, s, r.Schools[0].ID); slices.Equal(other, prints[0]) {
		t.Fatal("seed 8 gave the same students as seed 7")
	}
	r, err = demo.Generate(ctx, s, demo.Options{SchoolCode: "other", Students: 600, Seed: 7}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if other := fingerprint(t, s, r.Schools[0].ID); other[0] == prints[0][0] {
		t.Fatal("another school code gave the same first student")
	}
}

// check verifies a generated school: counts, checksums, realism rules, and
// every role login with its roles and links.
func check(t *testing.T, s *storage.Storage, r *demo.Result, students int, full bool) {
	t.Helper()
	ctx := context.Background()
	sc := r.Schools[0]
	id := sc.ID
	if sc.DistrictID == 0 {
		t.Error("the school belongs to no district")
	}

	cats, err := s.MajorCategories(ctx, id)
	if err != nil || len(cats) != 9 {
		t.Fatalf("categories %d, %v", len(cats), err)
	}
	majors, total, err := s.Majors(ctx, id, storage.MajorFilter{ListQuery: model.ListQuery{PerPage: 100}})
	if err != nil || total != 23 {
		t.Fatalf("majors %d, %v", total, err)
	}
	apprentice := 0
	for _, m := range majors {
		if err := storage.ValidateMajorCode(m.Code, m.Code[:2]); err != nil {
			t.Error(err)
		}
		if m.Apprenticeship {
			apprentice++
		}
		if m.DepartmentID == 0 {
			t.Errorf("major %s has no department", m.Name)
		}
	}
	if apprentice != 5 {
		t.Errorf("%d apprenticeship majors, want 5", apprentice)
	}
	depts, err := s.Departments(ctx, id)
	if err != nil || len(depts) < 5 || len(depts) > 6 {
		t.Fatalf("departments %d, %v", len(depts), err)
	}
	terms, err := s.Terms(ctx, id)
	if err != nil || len(terms) != 6 {
		t.Fatalf("terms %d, %v", len(terms), err)
	}
	cur, err := s.CurrentTerm(ctx, id)
	if err != nil || cur.Name() != "2026-2027学年第一学期" || cur.StartDate != "2026-09-01" || cur.EndDate != "2027-01-20" {
		t.Fatalf("current term %+v %q, %v", cur, cur.Name(), err)
	}

	// Classes: sizes, head teachers, programs.
	all, _, err := s.Classes(ctx, id, storage.ClassFilter{ListQuery: model.AllRows()})
	if err != nil {
		t.Fatal(err)
	}
	// The class of 2023 has graduated: its classes stay, apart from the
	// school's current ones.
	var classes []model.Class
	graduatedClasses := 0
	for _, c := range all {
		if c.EntryYear == 2023 {
			graduatedClasses++
			continue
		}
		classes = append(classes, c)
	}
	nClasses := len(classes)
	if full && (graduatedClasses < 15 || graduatedClasses > 22) {
		t.Errorf("%d graduated classes, want 15–22", graduatedClasses)
	}
	if full && (nClasses < 55 || nClasses > 65) {
		t.Errorf("%d classes, want 55–65", nClasses)
	}
	programs := map[model.Program]int{}
	years := map[int]int{}
	for _, c := range classes {
		if c.HeadTeacherID == 0 {
			t.Errorf("class %s has no head teacher", c.Name)
		}
		programs[c.Program]++
		years[c.EntryYear]++
		if !strings.HasPrefix(c.Name, fmt.Sprint(c.EntryYear)+"级") || !strings.HasSuffix(c.Name, "班") {
			t.Errorf("class name %q", c.Name)
		}
	}
	if len(years) != 3 {
		t.Errorf("cohorts %v", years)
	}
	if full && (programs[model.Program3Year] < nClasses/2 || len(programs) < 3) {
		t.Errorf("programs %v", programs)
	}

	// Teachers.
	teachers, nTeachers, err := s.Teachers(ctx, id, storage.TeacherFilter{ListQuery: model.AllRows()})
	if err != nil {
		t.Fatal(err)
	}
	if full && (nTeachers < 180 || nTeachers > 220) {
		t.Errorf("%d teachers, want 180–220", nTeachers)
	}
	dual, titles := 0, map[string]int{}
	for _, te := range teachers {
		if _, _, err := idcheck.IDNumber(te.IDNumber); err != nil {
			t.Errorf("teacher %s: %v", te.StaffNo, err)
		}
		if _, err := idcheck.Phone(te.Phone); err != nil || len(te.Phone) != 11 {
			t.Errorf("teacher %s phone %q: %v", te.StaffNo, te.Phone, err)
		}
		if te.DualQualified {
			dual++
		}
		titles[te.Title]++
	}
	// 双师型 is the current recognition (development.go: about half).
	if f := float64(dual) / float64(nTeachers); f < 0.3 || f > 0.7 {
		t.Errorf("双师型 share %.2f", f)
	}
	if full && (titles["讲师"] < titles["正高级讲师"] || titles["高级讲师"] == 0 || titles["助理讲师"] == 0) {
		t.Errorf("titles %v", titles)
	}
	ta, err := s.TeachingAssignments(ctx, id, storage.TeachingFilter{TermID: cur.ID})
	if err != nil {
		t.Fatal(err)
	}
	perClass := map[int64]int{}
	perTeacher := map[int64]map[int64]bool{}
	for _, a := range ta {
		perClass[a.ClassID]++
		if perTeacher[a.TeacherID] == nil {
			perTeacher[a.TeacherID] = map[int64]bool{}
		}
		perTeacher[a.TeacherID][a.ClassID] = true
	}
	for _, c := range classes {
		if n := perClass[c.ID]; n < 6 || n > 9 {
			t.Errorf("class %s has %d course×teacher pairs", c.Name, n)
		}
	}
	for tid, cs := range perTeacher {
		if len(cs) > 8 {
			t.Errorf("teacher %d teaches %d classes", tid, len(cs))
		}
	}

	// Students: checksums, birth dates, 学籍号, gender mix.
	n, female, byMajor := 0, 0, map[string][2]int{}
	statuses := map[model.EnrollmentStatus]int{}
	var changed int64
	graduates := 0
	err = s.AllStudents(ctx, id, storage.StudentFilter{}, func(st model.Student) error {
		if st.EntryYear == 2023 {
			if st.EnrollmentStatus != model.StatusGraduated {
				t.Errorf("graduate %s is %s", st.StudentNo, st.EnrollmentStatus)
			}
			graduates++
			return nil
		}
		n++
		norm, birth, err := idcheck.IDNumber(st.IDNumber)
		if err != nil || norm != st.IDNumber {
			t.Errorf("student %s ID %q: %v", st.StudentNo, st.IDNumber, err)
		}
		if birth != st.BirthDate {
			t.Errorf("student %s birth %s, ID says %s", st.StudentNo, st.BirthDate, birth)
		}
		if st.RegistrationNo != "J"+st.StudentNo || strings.Contains(st.RegistrationNo, st.IDNumber) || len(st.StudentNo) != 10 || st.StudentNo[:4] != fmt.Sprint(st.EntryYear) {
			t.Errorf("student %s numbers %q %q", st.StudentNo, st.RegistrationNo, st.IDNumber)
		}
		if age := st.EntryYear - atoi(st.BirthDate[:4]); age < 15 || age > 18 {
			t.Errorf("student %s born %s entered %d", st.StudentNo, st.BirthDate, st.EntryYear)
		}
		if st.Gender == model.Female {
			female++
		}
		c := byMajor[st.MajorName]
		c[0]++
		if st.Gender == model.Female {
			c[1]++
		}
		byMajor[st.MajorName] = c
		statuses[st.EnrollmentStatus]++
		if st.EnrollmentStatus != model.StatusEnrolled && changed == 0 {
			changed = st.ID
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != students {
		t.Errorf("%d students, want %d", n, students)
	}
	if full && (graduates < students*28/100 || graduates > students*33/100) {
		t.Errorf("%d graduates for %d students", graduates, students)
	}
	if full {
		if c := byMajor["幼儿保育"]; c[0] == 0 || float64(c[1])/float64(c[0]) < 0.85 {
			t.Errorf("幼儿保育 %v", c)
		}
		if c := byMajor["汽车运用与维修"]; c[0] == 0 || float64(c[1])/float64(c[0]) > 0.15 {
			t.Errorf("汽车运用与维修 %v", c)
		}
		if statuses[model.StatusEnrolled] < n*95/100 || statuses[model.StatusWithdrawn] == 0 || statuses[model.StatusTransferred] == 0 || statuses[model.StatusSuspended] == 0 {
			t.Errorf("statuses %v", statuses)
		}
	}
	if changed != 0 {
		h, err := s.EnrollmentHistory(ctx, id, changed)
		if err != nil || len(h) < 2 || h[0].Reason != "入学" || h[len(h)-1].Status == model.StatusEnrolled {
			t.Errorf("history %+v, %v", h, err)
		}
	}

	// Enterprises.
	ents, nEnt, err := s.Enterprises(ctx, id, model.ListQuery{PerPage: 100})
	if err != nil || nEnt != 30 {
		t.Fatalf("enterprises %d, %v", nEnt, err)
	}
	for _, e := range ents {
		if _, err := idcheck.CreditCode(e.CreditCode); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
	}
	mentors, err := s.Mentors(ctx, id, 0)
	if err != nil || len(mentors) < 30 || len(mentors) > 90 {
		t.Fatalf("mentors %d, %v", len(mentors), err)
	}

	// The role logins: each exists, with the right roles and links.
	byRole := map[string]demo.Login{}
	for _, l := range r.Logins {
		byRole[l.Role] = l
		if l.Password != demo.Password || l.Note == "" || l.RoleName == "" {
			t.Errorf("login %+v", l)
		}
	}
	user := func(role string) model.User {
		t.Helper()
		l, ok := byRole[role]
		if !ok {
			t.Fatalf("no %s login", role)
		}
		u, err := s.UserByUsername(ctx, l.Username)
		if err != nil {
			t.Fatalf("%s %s: %v", role, l.Username, err)
		}
		if !u.HasRole(role) || u.MustChangePassword || u.Disabled {
			t.Errorf("%s account %+v", role, u)
		}
		return u
	}
	for _, role := range []string{model.RoleSchoolAdmin, model.RoleAcademic, model.RoleStudentAffairs, model.RoleResearch} {
		if u := user(role); u.SchoolID != id {
			t.Errorf("%s in school %d", role, u.SchoolID)
		}
	}
	if !auth.CheckPassword(user(model.RoleSchoolAdmin).PasswordHash, demo.Password) {
		t.Error("the demo password does not open admin@demo")
	}
	dh := user(model.RoleDeptHead)
	if heads, err := s.DepartmentsHeadedBy(ctx, id, dh.ID); err != nil || len(heads) != 1 || dh.TeacherID == 0 {
		t.Errorf("department head %+v heads %v, %v", dh, heads, err)
	}
	ht := user(model.RoleHeadTeacher)
	htClasses, err := s.ClassesOfHeadTeacher(ctx, id, ht.TeacherID)
	if err != nil || len(htClasses) != 1 || !ht.HasRole(model.RoleSubjectTeacher) {
		t.Fatalf("head teacher %+v classes %v, %v", ht, htClasses, err)
	}
	sub := user(model.RoleSubjectTeacher)
	if taught, err := s.ClassesTaughtBy(ctx, id, sub.TeacherID, cur.ID); err != nil || len(taught) == 0 || sub.HasRole(model.RoleHeadTeacher) {
		t.Errorf("subject teacher %+v teaches %v, %v", sub, taught, err)
	}
	stu := user(model.RoleStudent)
	st, err := s.Student(ctx, id, stu.StudentID)
	if err != nil || st.ClassID != htClasses[0] || st.EnrollmentStatus != model.StatusEnrolled {
		t.Errorf("student %+v (head teacher's class %d), %v", st, htClasses[0], err)
	}
	par := user(model.RoleParent)
	if kids, err := s.ChildrenOf(ctx, id, par.GuardianID); err != nil || !slices.Contains(kids, stu.StudentID) {
		t.Errorf("parent's children %v, %v", kids, err)
	}
	men := user(model.RoleMentor)
	if app, err := s.ApprenticesOf(ctx, id, men.MentorID); err != nil || len(app) == 0 {
		t.Errorf("mentor's apprentices %v, %v", app, err)
	}
	for _, role := range []string{model.RolePlatformAdmin, model.RoleDistrictAdmin} {
		if u := user(role); u.SchoolID != model.PlatformSchoolID {
			t.Errorf("%s in school %d", role, u.SchoolID)
		}
	}
	if user(model.RoleDistrictAdmin).DistrictID != sc.DistrictID {
		t.Error("district admin is not of the school's district")
	}

	// Every person has an account.
	for role, want := range map[string]int{model.RoleStudent: students, model.RoleSubjectTeacher: nTeachers, model.RoleMentor: len(mentors), model.RoleHeadTeacher: nClasses} {
		if _, got, err := s.Users(ctx, id, storage.UserFilter{Role: role, ListQuery: model.ListQuery{PerPage: 1}}); err != nil || got != want {
			t.Errorf("%d %s accounts, want %d (%v)", got, role, want, err)
		}
	}
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = n*10 + int(c-'0')
	}
	return n
}

func TestGenerate(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		ctx := context.Background()
		var progress bytes.Buffer
		r, err := demo.Generate(ctx, s, demo.Options{Students: 600}, &progress)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Schools) != 1 || r.Schools[0].Code != "demo" || r.Schools[0].Name != "渝州职业教育中心" {
			t.Fatalf("schools %+v", r.Schools)
		}
		if !strings.Contains(progress.String(), "600 名学生") {
			t.Errorf("progress %q", progress.String())
		}
		check(t, s, r, 600, false)

		// No 学籍号 embeds the ID number (issue 9): the demo must not teach
		// anyone that pattern, nor leak numbers through it.
		var embedded int
		if err := s.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM students WHERE id_number <> '' AND registration_no LIKE '%' || id_number || '%'`).Scan(&embedded); err != nil {
			t.Fatal(err)
		}
		if embedded > 0 {
			t.Errorf("%d demo students have the ID number inside the 学籍号", embedded)
		}

		// A second run with the same code is refused and changes nothing.
		_, err = demo.Generate(ctx, s, demo.Options{Students: 600}, nil)
		if err == nil || !strings.Contains(err.Error(), "已存在") {
			t.Fatalf("second run: %v", err)
		}
		// Another code joins the district, without platform accounts.
		r2, err := demo.Generate(ctx, s, demo.Options{SchoolCode: "demo2", Students: 100}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if r2.Schools[0].DistrictID != r.Schools[0].DistrictID {
			t.Error("the second school is not in the district")
		}
		for _, l := range r2.Logins {
			if l.Role == model.RolePlatformAdmin || l.Role == model.RoleDistrictAdmin {
				t.Errorf("platform login printed again: %+v", l)
			}
		}
		var out bytes.Buffer
		demo.PrintLogins(&out, r)
		for _, want := range []string{"角色 Role", "admin@demo", "root", demo.Password, "p"} {
			if !strings.Contains(out.String(), want) {
				t.Errorf("login table lacks %q:\n%s", want, out.String())
			}
		}
		// IfEmpty does nothing on a database with schools.
		if r, err := demo.IfEmpty(ctx, s, nil); r != nil || err != nil {
			t.Errorf("IfEmpty on a full database: %v, %v", r, err)
		}
	})
}

func TestManySchools(t *testing.T) {
	testdb.Each(t, func(t *testing.T, s *storage.Storage) {
		ctx := context.Background()
		r, err := demo.Generate(ctx, s, demo.Options{SchoolCode: "sc", Students: 100, Schools: 3}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, sc := range r.Schools {
			codes = append(codes, sc.Code)
		}
		if strings.Join(codes, ",") != "sc,sc-2,sc-3" {
			t.Fatalf("codes %v", codes)
		}
		all, err := s.Schools(ctx, 0)
		if err != nil || len(all) != 3 {
			t.Fatalf("schools %d, %v", len(all), err)
		}
		// Nobody is enrolled in two schools of the district.
		seen := map[string]string{}
		for _, sc := range r.Schools {
			if sc.DistrictID != r.Schools[0].DistrictID || sc.DistrictID == 0 {
				t.Errorf("school %s in district %d", sc.Code, sc.DistrictID)
			}
			for _, line := range fingerprint(t, s, sc.ID) {
				idno := strings.Fields(line)[2]
				if other, dup := seen[idno]; dup {
					t.Errorf("ID number %s in %s and %s", idno, other, sc.Code)
				}
				seen[idno] = sc.Code
			}
		}
		// Refused as a whole when any of the codes exists.
		if _, err := demo.Generate(ctx, s, demo.Options{SchoolCode: "sc", Students: 100, Schools: 2}, nil); err == nil {
			t.Fatal("overlapping codes accepted")
		}
	})
}

// TestDefaultSchool generates the full-size default school once, on SQLite
// (the one-command start), and checks it all.
func TestDefaultSchool(t *testing.T) {
	if testing.Short() {
		t.Skip("full-size school")
	}
	ctx := context.Background()
	s := testdb.SQLite(t)
	start := time.Now()
	r, err := demo.IfEmpty(ctx, s, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("default demo school on SQLite in %s", time.Since(start))
	check(t, s, r, 3000, true)
}

// TestTiming measures the default school on both engines and --schools 5
// on PostgreSQL. Run with ZHIJIAO_DEMO_TIMING=1 go test -run Timing -v.
func TestTiming(t *testing.T) {
	if os.Getenv("ZHIJIAO_DEMO_TIMING") == "" {
		t.Skip("set ZHIJIAO_DEMO_TIMING=1")
	}
	ctx := context.Background()
	for _, e := range testdb.Engines() {
		s := e.Open(t)
		start := time.Now()
		if _, err := demo.Generate(ctx, s, demo.Options{}, nil); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: default school (3,000 students) in %s", e.Name, time.Since(start))
		start = time.Now()
		if _, err := demo.Generate(ctx, s, demo.Options{SchoolCode: "scale", Schools: 5}, nil); err != nil {
			t.Fatal(err)
		}
		t.Logf("%s: --schools 5 (15,000 students) in %s", e.Name, time.Since(start))
	}
}
