// Package demo generates a deterministic, realistic and entirely fictional
// demo school: organisation, teachers, classes, students with guardians and
// 学籍 history, partner enterprises with mentors and placements, and a login
// for every person. The same seed and school code give the same data in any
// database, so screenshots, documentation and tests can rely on it.
//
// The people, the school (渝州职业教育中心) and the district (渝州区教育委员会)
// are invented; ID numbers and credit codes are synthetic but pass their
// checksums, so imports and validation behave as with real data.
package demo

import (
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math/rand/v2"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Password is the one password of every demo account. Demo data only: a
// real school's accounts get individual initial passwords that must be
// changed at first login.
const Password = "zhijiao2026"

// Defaults of Options.
const (
	DefaultCode     = "demo"
	DefaultName     = "渝州职业教育中心"
	DefaultSeed     = 1
	DefaultStudents = 3000

	districtCode = "yuzhou"
	districtName = "渝州区教育委员会"
)

// Options say what to generate. Zero values take the defaults: code
// "demo", name 渝州职业教育中心, seed 1, 3,000 students, one school.
type Options struct {
	SchoolCode string
	SchoolName string
	// Seed and the school code together fix the content: the same pair
	// gives the same people, numbers and names in any database, and two
	// schools with different codes are never clones. 0 means 1.
	Seed int64
	// Students per school (about 60 classes and 200 teachers for 3,000;
	// everything scales with it).
	Students int
	// Schools > 1 generates that many schools for scale tests, with the
	// codes CODE, CODE-2, …, CODE-N and the names NAME, NAME（002）, ….
	Schools int
	// Bare leaves out everything people did: records, destinations,
	// training, the survey, last year's cycles and this term's ratings (the
	// cycle is open with its tasks, none done). For benchmarks that
	// measure their own activity on a clean school.
	Bare bool
}

// Result is what was generated.
type Result struct {
	Schools []model.School
	// Logins has one account per role for trying the product: the
	// platform accounts when they were created, then the first school's.
	Logins []Login
	// SurveyToken is an unanswered private link of the first school's
	// employer survey (the public answer page), or "".
	SurveyToken string
	// Planted are the first school's raters who are off on purpose
	// (planted.go), by cycle, class, role and rater; none when bare.
	Planted []PlantedRater
}

// Login is one printed demo account.
type Login struct {
	Role     string // model.Role*
	RoleName string // 中文角色名
	Username string
	Password string
	Note     string // who it is
}

func (o Options) withDefaults() (Options, error) {
	o.SchoolCode = strings.ToLower(strings.TrimSpace(o.SchoolCode))
	if o.SchoolCode == "" {
		o.SchoolCode = DefaultCode
	}
	o.SchoolName = strings.TrimSpace(o.SchoolName)
	if o.SchoolName == "" {
		o.SchoolName = DefaultName
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.Students == 0 {
		o.Students = DefaultStudents
	}
	if o.Schools == 0 {
		o.Schools = 1
	}
	switch {
	case o.Students < 0 || o.Students > 100000:
		return o, fmt.Errorf("学生人数 %d 不合理：应为 1–100000", o.Students)
	case o.Schools < 0 || o.Schools > 10000:
		return o, fmt.Errorf("学校数量 %d 不合理：应为 1–10000", o.Schools)
	}
	return o, nil
}

// schoolCode and schoolName of the i-th (0-based) school.
func (o Options) schoolCode(i int) string {
	if i == 0 {
		return o.SchoolCode
	}
	return fmt.Sprintf("%s-%d", o.SchoolCode, i+1)
}

func (o Options) schoolName(i int) string {
	if i == 0 {
		return o.SchoolName
	}
	return fmt.Sprintf("%s（%03d）", o.SchoolName, i+1)
}

// newGen seeds a school's generator from the seed and the school code;
// used is shared by the schools of one run.
func newGen(seed int64, code string, used map[string]bool) *gen {
	h := fnv.New64a()
	h.Write([]byte(code))
	return &gen{r: rand.New(rand.NewPCG(uint64(seed), h.Sum64())), used: used}
}

// Generate writes the demo school(s). It refuses when a school code is
// already taken, and writes each school in one transaction. On a fresh
// database (no school yet) it also creates the district 渝州区教育委员会 and
// the platform accounts root and district; later schools join that district
// when it exists. progress (may be nil) gets a line per school. Each
// school is its own transaction: if one of many fails, the ones already
// written stay, and a rerun with the same options is refused until they
// are removed (use a new code or a fresh database).
func Generate(ctx context.Context, st *storage.Storage, o Options, progress io.Writer) (*Result, error) {
	o, err := o.withDefaults()
	if err != nil {
		return nil, err
	}
	if progress == nil {
		progress = io.Discard
	}
	if err := checkCodes(ctx, st, o); err != nil {
		return nil, err
	}
	g := &generation{st: st, o: o, progress: progress}
	if err := g.prepare(ctx); err != nil {
		return nil, err
	}

	// Hashing thousands of argon2id passwords would take minutes, so every
	// demo account shares ONE hash of the demo password, made once here.
	// Demo data only: real accounts always get their own hash.
	if g.hash, err = auth.HashPassword(Password); err != nil {
		return nil, err
	}

	// On PostgreSQL as a superuser the schools are written through a pool
	// that skips the per-row foreign-key checks, and every school's
	// references are checked in one statement once it is written
	// (storage.BulkWriter). Otherwise nil: written as usual.
	w, err := st.OpenBulkWriter(ctx)
	if err != nil {
		return nil, err
	}
	if w != nil {
		defer w.Close()
		g.st = w.Storage
	}
	written := func(i int) error {
		if w == nil {
			return nil
		}
		if err := w.CheckSchool(ctx, g.res.Schools[i].ID); err != nil {
			return fmt.Errorf("生成学校 %s 失败: %w", g.res.Schools[i].Code, err)
		}
		return nil
	}

	res := &Result{Schools: make([]model.School, o.Schools)}
	g.res = res
	start := time.Now()
	used := map[string]bool{}
	// Plans are drawn one after another, in school order, by the caller of
	// g.school (they share used); only the writing runs concurrently.
	newSchool := func(i int) *plan {
		code := o.schoolCode(i)
		return newPlan(code, o.schoolName(i), o.Students, newGen(o.Seed, code, used))
	}
	// The first school goes alone (it may create the district the others
	// join). The rest are independent, each in its own transaction; on
	// PostgreSQL several are written at once, which keeps a 100-school
	// scale test to a few minutes. SQLite has one writer, so one at a time.
	first := newSchool(0)
	if err := g.school(ctx, 0, first); err != nil {
		return nil, err
	}
	if w != nil && g.fresh {
		if err := w.CheckSchool(ctx, model.PlatformSchoolID); err != nil {
			return nil, err
		}
	}
	// One writer more than there are cores on PostgreSQL, so a core is not
	// idle while a writer waits for a round trip or a commit's WAL flush.
	workers := 1
	if st.Dialect() == storage.Postgres {
		workers = min(4, max(2, runtime.GOMAXPROCS(0)+1))
	}
	if o.Schools > 1 {
		// Many schools are a batch job: trading memory (about twice the
		// heap) for a quarter of the generator's CPU time, which was garbage
		// collection, leaves the two cores to the writing. Restored after.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
	}
	// The first school's evaluation history (1.6 M ratings, computed and
	// finalised) takes as long as ten other schools. It used a core and a
	// half of two, alone, before the others started; on PostgreSQL it now
	// runs beside them (it touches only its own school), in a goroutine of
	// its own so the other schools keep their workers. Its ids are drawn
	// among theirs, as theirs already were among each other's.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	shared := lockedWriter{mu: &g.mu, w: progress}
	evaluate := func() error {
		planted, err := seedEvaluation(ctx, g.st, res.Schools[0], o.Seed, first, o.Bare, shared)
		if err != nil {
			cancel() // the other schools stop at their next step
			return fmt.Errorf("准备演示评价: %w", err)
		}
		res.Planted = planted
		return written(0)
	}
	evalDone := make(chan error, 1)
	if workers > 1 {
		go func() { evalDone <- evaluate() }()
	} else {
		evalDone <- evaluate()
	}
	eg, ectx := errgroup.WithContext(ctx)
	eg.SetLimit(workers)
	for i := 1; i < o.Schools && ectx.Err() == nil; i++ {
		p := newSchool(i)
		eg.Go(func() error { // waits while all workers are busy
			if err := g.school(ectx, i, p); err != nil {
				return err
			}
			return written(i)
		})
	}
	schoolsErr := eg.Wait()
	if schoolsErr != nil {
		cancel() // the evaluation stops too
	}
	// Whichever failed first: the other one's error is then only "canceled".
	if err := <-evalDone; err != nil && (schoolsErr == nil || errors.Is(schoolsErr, context.Canceled)) {
		return nil, err
	}
	if schoolsErr != nil {
		return nil, schoolsErr
	}
	if o.Schools > 1 {
		d := time.Since(start).Round(time.Millisecond)
		fmt.Fprintf(progress, "共 %d 所学校，用时 %s / %d schools in %s\n", o.Schools, d, o.Schools, d)
	}
	return res, nil
}

// lockedWriter writes to w under mu, so that progress lines written from
// several goroutines do not interleave (or race on a test's buffer).
type lockedWriter struct {
	mu *sync.Mutex
	w  io.Writer
}

func (l lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

// checkCodes refuses school codes that are malformed or already taken.
func checkCodes(ctx context.Context, st *storage.Storage, o Options) error {
	for i := 0; i < o.Schools; i++ {
		code := o.schoolCode(i)
		if !storage.ValidSchoolCode(code) {
			return fmt.Errorf("学校代码 %q 只能包含小写字母、数字和短横线，长度 2–32（invalid school code）", code)
		}
		if _, err := st.SchoolByCode(ctx, code); err == nil {
			return fmt.Errorf("学校代码 %q 已存在：演示数据不会覆盖已有学校，请用 --school 换一个代码（school code %q exists）", code, code)
		} else if !errors.Is(err, storage.ErrNotFound) {
			return err
		}
	}
	return nil
}

// generation is one run of Generate: what every school's transaction
// shares.
type generation struct {
	st       *storage.Storage
	o        Options
	progress io.Writer
	fresh    bool            // no school yet: the platform rows are written with the first school
	district model.District  // the demo district, ID 0 until written
	platform map[string]bool // platform accounts to create (root, district)
	hash     string          // the one demo password hash
	res      *Result
	mu       sync.Mutex // guards progress
}

// prepare reads what the run depends on: whether the database is fresh,
// the demo district if it exists, and which platform accounts are free.
func (g *generation) prepare(ctx context.Context) error {
	existing, err := g.st.Schools(ctx, 0)
	if err != nil {
		return err
	}
	g.fresh = len(existing) == 0
	if d, err := g.st.DistrictByCode(ctx, districtCode); err == nil {
		g.district = d
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	g.platform = map[string]bool{}
	if g.fresh {
		for _, name := range []string{"root", "district"} {
			taken, err := g.st.UsernameTaken(ctx, name)
			if err != nil {
				return err
			}
			g.platform[name] = !taken
		}
	}

	return nil
}

// school writes school i from plan p in one transaction, then (unless
// bare) its records and survey, and prints its progress line.
func (g *generation) school(ctx context.Context, i int, p *plan) error {
	t0 := time.Now()
	code, name := p.code, p.name
	sc := model.School{Code: code, Name: name}
	var n counts
	var logins []Login
	err := g.st.BulkLoad(ctx, model.SystemActor, "demo", func(b *storage.Bulk) error {
		if i == 0 && g.fresh {
			ls, err := platformRows(b, &g.district, g.platform, g.hash)
			if err != nil {
				return err
			}
			logins = ls
		}
		sc.DistrictID = g.district.ID
		var err error
		n, err = p.write(b, &sc, g.hash)
		return err
	})
	if err != nil {
		return fmt.Errorf("生成学校 %s 失败: %w", code, err)
	}
	g.res.Schools[i] = sc
	if i == 0 {
		g.res.Logins = append(logins, p.logins()...)
	}
	if g.o.Bare {
		return nil
	}
	// What the 数据画像 counts: records, destinations, training,
	// teachers' awards and the employer survey.
	out, err := seedRecords(ctx, g.st, sc, g.o.Seed, p)
	if err != nil {
		return fmt.Errorf("生成学校 %s 的写实记录与就业数据失败: %w", code, err)
	}
	conductN, err := seedConduct(ctx, g.st, sc, g.o.Seed, p)
	if err != nil {
		return fmt.Errorf("生成学校 %s 的德育记录失败: %w", code, err)
	}
	if err := seedFamily(ctx, g.st, sc, p); err != nil {
		return fmt.Errorf("生成学校 %s 的德育提醒失败: %w", code, err)
	}
	tok, err := seedSurvey(ctx, g.st, sc, g.o.Seed, p)
	if err != nil {
		return fmt.Errorf("生成学校 %s 的满意度调查失败: %w", code, err)
	}
	if i == 0 {
		g.res.SurveyToken = tok
	}
	if err := seedChecks(ctx, g.st, sc, g.o.Seed, p); err != nil {
		return fmt.Errorf("生成学校 %s 的班级量化失败: %w", code, err)
	}
	researchN, err := seedResearch(ctx, g.st, sc, g.o.Seed, p, out.TeacherAwards)
	if err != nil {
		return fmt.Errorf("生成学校 %s 的科研成果失败: %w", code, err)
	}
	// The assessments claim and compute the outputs just written.
	if err := seedResearchAssess(ctx, g.st, sc); err != nil {
		return fmt.Errorf("生成学校 %s 的科研考核失败: %w", code, err)
	}
	devN, err := seedDevelopment(ctx, g.st, sc, g.o.Seed, p)
	if err != nil {
		return fmt.Errorf("生成学校 %s 的教师发展记录失败: %w", code, err)
	}
	n.records = len(out.Evidence) + len(out.Destinations) + len(out.Training) + len(out.TeacherAwards) + conductN + researchN + devN
	g.mu.Lock()
	fmt.Fprintf(g.progress, "[%d/%d] %s %s：%d 名学生、%d 名教师、%d 个班级、%d 个账号、%d 条记录，用时 %s / %d students, %d teachers, %d classes, %d accounts, %d records\n",
		i+1, g.o.Schools, code, name, n.students, n.teachers, n.classes, n.users, n.records, time.Since(t0).Round(time.Millisecond),
		n.students, n.teachers, n.classes, n.users, n.records)
	g.mu.Unlock()
	return nil
}

// platformRows adds the district (when missing) and the platform accounts
// of a fresh database.
func platformRows(b *storage.Bulk, d *model.District, create map[string]bool, hash string) ([]Login, error) {
	if d.ID == 0 {
		*d = model.District{Code: districtCode, Name: districtName}
		if err := b.District(d); err != nil {
			return nil, err
		}
	}
	var out []Login
	if create["root"] {
		u := model.User{Username: "root", DisplayName: "平台管理员", PasswordHash: hash, Roles: []string{model.RolePlatformAdmin}}
		if err := b.User(model.PlatformSchoolID, &u); err != nil {
			return nil, err
		}
		out = append(out, Login{Role: model.RolePlatformAdmin, RoleName: "平台管理员", Username: u.Username, Password: Password, Note: "平台：全部学校、区域与账号"})
	}
	if create["district"] {
		u := model.User{Username: "district", DisplayName: districtName, PasswordHash: hash, DistrictID: d.ID, Roles: []string{model.RoleDistrictAdmin}}
		if err := b.User(model.PlatformSchoolID, &u); err != nil {
			return nil, err
		}
		out = append(out, Login{Role: model.RoleDistrictAdmin, RoleName: "区域管理员", Username: u.Username, Password: Password, Note: d.Name + "：区域内各校数据"})
	}
	return out, nil
}

// IfEmpty generates the default demo school when the database has no
// school at all (serve --demo), and returns nil when it has one.
func IfEmpty(ctx context.Context, st *storage.Storage, progress io.Writer) (*Result, error) {
	schools, err := st.Schools(ctx, 0)
	if err != nil {
		return nil, err
	}
	if len(schools) > 0 {
		return nil, nil
	}
	return Generate(ctx, st, Options{}, progress)
}

// PrintLogins prints the demo logins as a table with Chinese and English
// headers, aligned for CJK text in a terminal.
func PrintLogins(w io.Writer, r *Result) {
	if r == nil {
		return
	}
	rows := [][]string{{"角色 Role", "账号 Username", "密码 Password", "说明 Note"}}
	for _, l := range r.Logins {
		rows = append(rows, []string{l.RoleName, l.Username, l.Password, l.Note})
	}
	widths := make([]int, 3)
	for _, row := range rows {
		for i := range widths {
			widths[i] = max(widths[i], displayWidth(row[i]))
		}
	}
	fmt.Fprintln(w, "演示账号（仅供演示，所有演示账号密码相同）/ demo logins (demo data only, one shared password)")
	for i, row := range rows {
		var sb strings.Builder
		for c, cell := range row {
			sb.WriteString(cell)
			if c < len(widths) {
				sb.WriteString(strings.Repeat(" ", widths[c]-displayWidth(cell)+2))
			}
		}
		fmt.Fprintln(w, strings.TrimRight(sb.String(), " "))
		if i == 0 {
			fmt.Fprintln(w, strings.Repeat("-", widths[0]+widths[1]+widths[2]+6+8))
		}
	}
	if len(r.Schools) > 0 {
		code := r.Schools[0].Code
		fmt.Fprintf(w, "\n其他账号同一密码 / every other account has the same password: 教师 t0001@%s …，学生 <学号>@%s，家长 p<学号>@%s（第二位监护人 p<学号>-2@%s），企业导师 m001@%s …\n",
			code, code, code, code, code)
	}
	if r.SurveyToken != "" {
		fmt.Fprintf(w, "用人单位满意度调查的一条未作答私密链接 / an unanswered employer-survey link (no login): /s/%s\n", r.SurveyToken)
	}
	printPlanted(w, r.Planted)
	if len(r.Schools) > 1 {
		codes := make([]string, 0, 3)
		for _, s := range r.Schools[:min(3, len(r.Schools))] {
			codes = append(codes, s.Code)
		}
		fmt.Fprintf(w, "共 %d 所学校（%s …），各校账号格式相同 / %d schools, same account names with their own code\n", len(r.Schools), strings.Join(codes, ", "), len(r.Schools))
	}
}

// displayWidth counts East Asian wide characters as two columns.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch {
		case r >= 0x1100 && (r <= 0x115F || r == 0x2329 || r == 0x232A ||
			(r >= 0x2E80 && r <= 0xA4CF && r != 0x303F) || (r >= 0xAC00 && r <= 0xD7A3) ||
			(r >= 0xF900 && r <= 0xFAFF) || (r >= 0xFE30 && r <= 0xFE4F) ||
			(r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6)):
			n += 2
		default:
			n++
		}
	}
	return n
}
