package demo

import (
	"context"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The demo school's 教师发展 records of the five years to November 2026:
// fictional, with a realistic spread. Every teacher has many 校本培训 and
// some 区培 and 市培 each year, a few 国培 a year across the school;
// 专业课 teachers practise at the school's partner enterprises, most of
// them 180 days or more in the five years, some behind and the newest
// teachers (one in twenty) with none; some hold certificates, a few
// expiring within six months; about half are recognised 双师型, with a few
// recognised who lack the practice and a few qualifying who are not.
// Its own random stream keeps the rest of the demo unchanged.

const devFrom, devTo = 2022, 2026 // the five calendar years drawn

type devGen struct {
	r     *rand.Rand
	p     *plan
	out   storage.TeacherDevLoad
	pro   int // 专业课 teachers drawn so far: every fourth is behind
	certs int // certificates drawn so far: every sixth expires soon
}

func (d *devGen) chance(p float64) bool  { return d.r.Float64() < p }
func (d *devGen) between(lo, hi int) int { return lo + d.r.IntN(hi-lo+1) }

// day is a day of the year, months [m1, m2], as YYYY-MM-DD.
func (d *devGen) day(year, m1, m2 int) string {
	return fmt.Sprintf("%04d-%02d-%02d", year, d.between(m1, m2), d.between(1, 28))
}

func addDays(day string, n int) string {
	t, _ := time.Parse("2006-01-02", day)
	return t.AddDate(0, 0, n).Format("2006-01-02")
}

var (
	schoolCourses   = []string{"信息化教学能力提升", "课程思政专题", "新课标解读", "职业教育法学习", "实训安全管理", "班主任工作坊", "教学诊断与改进", "数字教材使用"}
	districtCourses = []string{"区级骨干教师研修", "中职教学能力比赛培训", "区级班主任培训", "“三教”改革专题"}
	cityCourses     = []string{"市级专业带头人研修", "市级双师型教师培训", "职业技能等级证书师资培训"}
	nationalCourses = []string{"国培计划·中职专业骨干教师", "国培计划·双师型教师培训", "国培计划·校长与骨干管理者"}
	certificates    = []struct{ name, issuer, level string }{
		{"电工", "人力资源和社会保障局", "高级工"}, {"数控车工", "人力资源和社会保障局", "技师"}, {"汽车维修工", "职业技能鉴定中心", "高级工"},
		{"Web 前端开发", "职业技能等级评价机构", "中级"}, {"育婴员", "职业技能鉴定中心", "高级工"}, {"会计专业技术资格", "财政局", "中级"},
	}
)

// seedDevelopment draws and writes the school's development records,
// recognitions and studios.
func seedDevelopment(ctx context.Context, st *storage.Storage, sc model.School, seed int64, p *plan) (int, error) {
	h := fnv.New64a()
	h.Write([]byte(p.code + "/development"))
	d := &devGen{r: rand.New(rand.NewPCG(uint64(seed), h.Sum64())), p: p}
	for i, t := range p.teachers {
		d.teacher(i, t)
	}
	if err := d.studios(ctx, st, sc.ID); err != nil {
		return 0, err
	}
	n := len(d.out.Records) + len(d.out.Recognitions)
	return n, st.LoadTeacherDev(ctx, sc.ID, model.Actor{Username: "demo"}, d.out, "demo")
}

func (d *devGen) record(r storage.DevRecordLoad) {
	if r.Source == "" {
		r.Source = teacherdev.SourceOffice
	}
	if r.Status == "" {
		r.Status = teacherdev.StatusVerified
		// This autumn's self-reported records wait for the 人事处.
		if r.StartsOn >= "2026-10-01" && d.chance(0.5) {
			r.Source, r.Status = teacherdev.SourceSelf, teacherdev.StatusPending
		}
	}
	d.out.Records = append(d.out.Records, r)
}

// isNewcomer tells the teachers (one in twenty) hired this year
// (plan_staff.go hireDay), with little history and no practice.
func isNewcomer(i int) bool { return i%20 == 19 }

// teacher draws one teacher's five years.
func (d *devGen) teacher(i int, t *teacher) {
	id := t.t.ID
	newcomer := isNewcomer(i) // joined this year: little history, no practice
	first := devFrom
	if newcomer {
		first = devTo
	}
	for y := first; y <= devTo; y++ {
		for range d.between(2, 4) {
			s := d.day(y, 3, 11)
			d.record(storage.DevRecordLoad{TeacherID: id, Kind: string(teacherdev.KindSchool), Title: schoolCourses[d.r.IntN(len(schoolCourses))], Provider: "本校", StartsOn: s, EndsOn: s, Hours: float64(d.between(3, 8))})
		}
		if d.chance(0.6) {
			s := d.day(y, 3, 11)
			d.record(storage.DevRecordLoad{TeacherID: id, Kind: string(teacherdev.KindDistrict), Title: districtCourses[d.r.IntN(len(districtCourses))], Provider: "区教师进修学院", StartsOn: s, EndsOn: addDays(s, 2), Hours: float64(d.between(12, 24))})
		}
		if d.chance(0.25) {
			s := d.day(y, 4, 10)
			d.record(storage.DevRecordLoad{TeacherID: id, Kind: string(teacherdev.KindProvincial), Title: cityCourses[d.r.IntN(len(cityCourses))], Provider: "市教育局", StartsOn: s, EndsOn: addDays(s, 5), Hours: float64(d.between(30, 48))})
		}
		if d.chance(0.03) {
			s := d.day(y, 6, 8)
			d.record(storage.DevRecordLoad{TeacherID: id, Kind: string(teacherdev.KindNational), Title: nationalCourses[d.r.IntN(len(nationalCourses))], Provider: "国培项目承办院校", StartsOn: s, EndsOn: addDays(s, 20), Hours: float64(d.between(80, 120))})
		}
		if d.chance(0.5) {
			s := d.day(y, 9, 11)
			d.record(storage.DevRecordLoad{TeacherID: id, Kind: string(teacherdev.KindEthics), Title: "师德师风专题学习", Provider: "本校", StartsOn: s, EndsOn: s, Hours: 4})
		}
	}
	practiced := 0.0
	if t.bucket >= professionalBucket && !newcomer {
		practiced = d.practice(t)
	}
	// Public-course teachers qualify on a certificate alone (a 计算机 or
	// 会计 teacher's), 专业课 teachers need the practice too.
	professional := t.bucket >= professionalBucket
	certified := d.chance(0.35)
	if professional {
		certified = d.chance(0.55)
	}
	if certified {
		d.certificate(t)
	}
	d.recognition(t, certified && (!professional || practiced >= 180))
}

// practice draws a 专业课 teacher's enterprise practice periods at the
// department's partner enterprises: three in four compliant (180 days or
// more in the five years), the rest behind. It returns the days.
func (d *devGen) practice(t *teacher) float64 {
	var ents []*enterprise
	for _, e := range d.p.enterprises {
		if e.dept == t.dept {
			ents = append(ents, e)
		}
	}
	if len(ents) == 0 {
		ents = d.p.enterprises
	}
	target := float64(d.between(185, 240))
	if d.pro++; d.pro%4 == 0 {
		target = float64(d.between(20, 150))
	}
	total := 0.0
	for y := devFrom; y <= devTo && total < target; y++ {
		days := min(float64(d.between(30, 60)), target-total)
		s := d.day(y, 7, 7)
		e := ents[d.r.IntN(len(ents))]
		d.record(storage.DevRecordLoad{TeacherID: t.t.ID, Kind: string(teacherdev.KindEnterprise), Title: "暑期企业实践", Provider: e.e.Name,
			StartsOn: s, EndsOn: addDays(s, int(days)-1), Days: days, EnterpriseID: e.e.ID, Confirmed: true})
		total += days
	}
	return total
}

// certificate gives a teacher one certificate; one in six expires within
// six months of the demo's today (December 2026), every other one of
// those in January or February, within the 90 days the progress page
// and the reminders look ahead.
func (d *devGen) certificate(t *teacher) {
	c := certificates[d.r.IntN(len(certificates))]
	got := d.day(d.between(2017, 2024), 1, 12)
	expiry := d.day(d.between(2028, 2031), 1, 12)
	switch d.certs++; d.certs % 12 {
	case 1:
		expiry = d.day(2027, 1, 2)
	case 7:
		expiry = d.day(2027, 3, 5)
	}
	d.record(storage.DevRecordLoad{TeacherID: t.t.ID, Kind: string(teacherdev.KindCertificate), Title: c.name, Provider: c.issuer, StartsOn: got, EndsOn: got,
		Issuer: c.issuer, Number: fmt.Sprintf("Z%08d", d.r.IntN(1e8)), Level: c.level, Expiry: expiry})
}

// recognition recognises about half the teachers: most of those who
// qualify, and a few who do not (recognised before the rules tightened);
// some who qualify are left out, for the list of mismatches.
func (d *devGen) recognition(t *teacher, qualifies bool) {
	p := 0.2
	if qualifies {
		p = 0.9
	}
	if !d.chance(p) {
		return
	}
	level := teacherdev.DualLevels[d.r.IntN(len(teacherdev.DualLevels))]
	r := storage.DualLoad{TeacherID: t.t.ID, Level: level, On: d.day(d.between(2019, 2025), 6, 12), Basis: "企业实践、职业资格证书与专业教学"}
	if d.chance(0.03) {
		r.RevokedOn, r.Reason = d.day(2026, 3, 9), "复核时企业实践证明不全"
	}
	d.out.Recognitions = append(d.out.Recognitions, r)
}
