package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The demo school's research records (科研成果) of the last three years:
// fictional, with a realistic spread. Most teachers have 0–2 outputs a
// year and a few are prolific; papers are the most common, then
// competitions, projects at every level with their stages, textbooks,
// cases and a few patents; the teaching achievement awards are exactly the
// seed school's (国家级 一等奖 1、二等奖 2；市级 特等奖 1、一等奖 2、二等奖 5、
// 三等奖 3). Team outputs have several contributors and now and then an
// outside co-author. Most are verified, the latest are waiting for review
// and a few were rejected with a reason. Its own random stream keeps the
// rest of the demo unchanged.

// researchFrom is the first day of the three years drawn.
const researchFrom = "2023-12-01"

type researchGen struct {
	r      *rand.Rand
	g      *gen // names of outside co-authors
	p      *plan
	out    []storage.ResearchLoad
	serial int
}

func newResearchGen(seed int64, p *plan) *researchGen {
	h := fnv.New64a()
	h.Write([]byte(p.code + "/research"))
	r := rand.New(rand.NewPCG(uint64(seed), h.Sum64()))
	return &researchGen{r: r, g: &gen{r: rand.New(rand.NewPCG(uint64(seed), h.Sum64()+1)), used: map[string]bool{}}, p: p}
}

// seedResearch draws and writes the school's research records.
func seedResearch(ctx context.Context, st *storage.Storage, sc model.School, seed int64, p *plan, register []model.TeacherAward) (int, error) {
	rg := newResearchGen(seed, p)
	rg.draw()
	rg.claimRegister(register)
	return len(rg.out), st.LoadResearch(ctx, sc.ID, model.Actor{Username: "demo"}, rg.out, "demo")
}

// kindWeights are the kinds a teacher's ordinary output is drawn from.
var kindWeights = []struct {
	kind research.Kind
	w    float64
}{
	{research.KindPaper, 0.58}, {research.KindCompetition, 0.14}, {research.KindProject, 0.09}, {research.KindCase, 0.07},
	{research.KindTextbook, 0.05}, {research.KindPatent, 0.03}, {research.KindBook, 0.02}, {research.KindTransfer, 0.02},
}

// draw fills rg.out: each teacher's outputs year by year, then the
// school's teaching achievement awards.
func (rg *researchGen) draw() {
	ws := make([]float64, len(kindWeights))
	for i, k := range kindWeights {
		ws[i] = k.w
	}
	for _, t := range rg.p.teachers {
		// About one output a year on average: most 0–2, one in twenty-five
		// prolific (4–7 a year).
		rate := 0.2 + rg.r.Float64()*1.2
		if rg.r.IntN(25) == 0 {
			rate = 4 + rg.r.Float64()*3
		}
		for range 3 {
			for range poisson(rg.r, rate) {
				rg.output(t, kindWeights[weightedIndex(rg.r, ws)].kind)
			}
		}
	}
	rg.teachingAwards()
}

// poisson draws a count with mean m (Knuth's method; m is small).
func poisson(r *rand.Rand, m float64) int {
	limit, k, p := math.Exp(-m), 0, 1.0
	for {
		p *= r.Float64()
		if p <= limit {
			return k
		}
		k++
	}
}

// when draws a day of the three years, not after today.
func (rg *researchGen) when() string {
	from, to := day(researchFrom), day(today)
	return from.AddDate(0, 0, rg.r.IntN(int(to.Sub(from).Hours()/24)+1)).Format("2006-01-02")
}

// output adds one output of kind k led by teacher t.
func (rg *researchGen) output(t *teacher, k research.Kind) {
	rg.serial++
	date := rg.when()
	o := storage.ResearchLoad{Kind: string(k), Title: rg.title(t, k), Date: date, Fields: "{}"}
	switch k {
	case research.KindPaper:
		rg.paper(&o)
	case research.KindProject:
		rg.project(&o)
	case research.KindTextbook, research.KindBook:
		rg.textbook(&o)
	case research.KindPatent:
		rg.patent(&o)
	case research.KindCompetition:
		o.Level = pickW(rg.r, research.Levels, []float64{0.04, 0.22, 0.3, 0.2, 0.24})
		o.Grade = pickW(rg.r, research.Prizes, []float64{0.02, 0.22, 0.33, 0.33, 0.1})
		setFields(&o, map[string]string{research.FCompetition: competitions[rg.r.IntN(len(competitions))]})
	case research.KindCase:
		o.Level = pickW(rg.r, research.Levels, []float64{0.02, 0.12, 0.36, 0.2, 0.3})
		setFields(&o, map[string]string{research.FAwarder: "教育行政部门"})
	}
	o.Members = rg.members(t, k)
	rg.review(&o)
	rg.out = append(rg.out, o)
}

// competitions are the teachers' competitions the demo's awards come from.
var competitions = []string{"职业院校技能大赛教学能力比赛", "中职学校班主任能力比赛", "职业院校教师信息化教学比赛", "说课比赛"}

// pickW picks one of xs by weight.
func pickW(r *rand.Rand, xs []string, ws []float64) string { return xs[weightedIndex(r, ws)] }

// setFields stores the kind's own fields under the keys the entry form
// uses (research.SpecOf) and the identifier duplicates are caught on,
// made by the same research.Ident the form's saves use.
func setFields(o *storage.ResearchLoad, m map[string]string) {
	b, _ := json.Marshal(m)
	o.Fields = string(b)
	o.Ident = research.Ident(research.Kind(o.Kind), o.Title, m)
}

// journals are fictional titles of journals vocational teachers publish
// in, with the grade the school gives each.
var journals = []struct{ name, grade string }{
	{"职业技术教育研究", "核心期刊"}, {"中国职教论坛", "核心期刊"}, {"职业教育发展", "国家级期刊"}, {"现代职业教育", "国家级期刊"},
	{"教育与职业实践", "国家级期刊"}, {"西部职教", "省级期刊"}, {"山城教育研究", "省级期刊"}, {"实训与教学", "省级期刊"}, {"职教通讯", "省级期刊"},
}

func (rg *researchGen) paper(o *storage.ResearchLoad) {
	ji := weightedIndex(rg.r, []float64{0.05, 0.05, 0.12, 0.12, 0.1, 0.16, 0.14, 0.14, 0.12})
	j := journals[ji]
	year, issue := o.Date[:4], 1+rg.r.IntN(12)
	is := issn(1000000 + ji*104729)
	o.Grade = j.grade
	setFields(o, map[string]string{research.FJournal: j.name, research.FISSN: is, research.FCN: fmt.Sprintf("CN 50-%04d/G4", 1021+ji*97),
		research.FYear: year, research.FIssue: strconv.Itoa(issue), research.FPages: fmt.Sprintf("%d-%d", 10+rg.r.IntN(60), 75+rg.r.IntN(20))})
}

// project draws a 课题's level and its stages: 立项 on the output's date,
// 中期 about a year later and 结题 about two years later, when they have
// come by today.
func (rg *researchGen) project(o *storage.ResearchLoad) {
	o.Level = pickW(rg.r, research.Levels, []float64{0.03, 0.12, 0.3, 0.2, 0.35})
	if rg.r.IntN(3) == 0 {
		// Approved before the three years, concluded within them.
		o.Date = day(researchFrom).AddDate(0, -6-rg.r.IntN(12), -rg.r.IntN(28)).Format("2006-01-02")
	}
	no := fmt.Sprintf("%s-%s-%03d", map[string]string{"国家级": "GJ", "省部级": "SB", "市级": "SJ", "区县级": "QX", "校级": "XJ"}[o.Level], o.Date[:4], rg.serial%1000)
	setFields(o, map[string]string{research.FProjectNo: no, research.FFunding: []string{"0", "5000", "10000", "20000", "50000"}[rg.r.IntN(5)]})
	start := day(o.Date)
	o.Stages = []storage.ResearchLoadStage{{Stage: research.StageApproved, Date: o.Date}}
	o.Stage = research.StageApproved
	for i, st := range []string{research.StageMidterm, research.StageConcluded} {
		d := start.AddDate(1+i, rg.r.IntN(3), rg.r.IntN(28)).Format("2006-01-02")
		if d > today {
			break
		}
		o.Stages = append(o.Stages, storage.ResearchLoadStage{Stage: st, Date: d})
		o.Stage = st
	}
}

func (rg *researchGen) textbook(o *storage.ResearchLoad) {
	if o.Kind == string(research.KindTextbook) {
		o.Grade = pickW(rg.r, research.TextbookLevels, []float64{0.1, 0.3, 0.4, 0.2})
	}
	isbn := isbn13(750000000 + rg.serial*37)
	m := map[string]string{research.FPublisher: []string{"西南职教出版社", "山城大学出版社", "职业技术出版社"}[rg.r.IntN(3)], research.FISBN: isbn}
	if o.Kind == string(research.KindTextbook) {
		m[research.FForm] = research.TextbookForms[rg.r.IntN(len(research.TextbookForms))]
	}
	setFields(o, m)
}

func (rg *researchGen) patent(o *storage.ResearchLoad) {
	kind := 1 + weightedIndex(rg.r, []float64{0.2, 0.7, 0.1})
	o.Grade = []string{"发明", "实用新型", "外观设计"}[kind-1]
	applied := day(o.Date).AddDate(-1, -rg.r.IntN(6), 0)
	setFields(o, map[string]string{research.FPatentNo: patentNumber(applied.Year(), kind, 100000+rg.serial*13), research.FFiledOn: applied.Format("2006-01-02")})
}

// rejectReasons are what the research office writes when it sends an
// output back.
var rejectReasons = []string{"证明材料不清晰，请补充录用通知或刊物封面与目录页", "刊物不在学校认定的期刊目录中，请核对刊号",
	"本人不在获奖证书的署名中，请核对署名", "结题证书与立项号不一致，请补充说明"}

// review sets the status: the last two months mostly wait for review, a
// few of the rest were sent back.
func (rg *researchGen) review(o *storage.ResearchLoad) {
	recent := o.Date >= day(today).AddDate(0, -2, 0).Format("2006-01-02")
	switch {
	case recent && rg.r.IntN(10) < 7, rg.r.IntN(40) == 0:
		o.Status = research.StatusPending
	case rg.r.IntN(20) == 0:
		o.Status, o.RejectReason = research.StatusRejected, rejectReasons[rg.r.IntN(len(rejectReasons))]
	default:
		o.Status = research.StatusVerified
	}
}

// deptTopics are what each department's teachers write about.
var deptTopics = map[string][]string{
	"汽车专业部":   {"新能源汽车动力电池检测", "汽车维修实训", "智能网联汽车装调", "汽车钣金与涂装"},
	"智能制造专业部": {"数控加工实训", "工业机器人编程", "机电一体化设备装调", "智能产线运维"},
	"信息技术专业部": {"网络安全实训", "动漫设计课程", "Python 程序设计", "数字影像后期"},
	"财经商贸专业部": {"电子商务直播运营", "会计实务", "智慧物流", "工程造价实训"},
	"旅游服务专业部": {"中餐烹饪实训", "酒店服务", "研学旅行", "民航服务礼仪"},
	"公共服务专业部": {"幼儿保育实训", "社区公共事务", "建筑工程识图", "托育服务"},
}

var approaches = []string{"产教融合", "岗课赛证融通", "课程思政", "1+X 证书", "工作过程系统化", "数字化转型", "现代学徒制", "项目化教学", "虚拟仿真", "中高职贯通"}

var endings = map[research.Kind][]string{
	research.KindPaper:       {"的实践探索", "教学改革研究", "的路径研究", "课堂教学设计", "评价体系构建"},
	research.KindProject:     {"教学模式研究", "实践研究", "课程体系构建研究", "育人机制研究"},
	research.KindTextbook:    {"（活页式教材）", "实训教程", "项目化教程"},
	research.KindBook:        {"：理论与实践", "教学案例集"},
	research.KindPatent:      {"用实训夹具", "教学演示装置", "检测辅助工具"},
	research.KindCompetition: {"教学能力比赛", "说课比赛", "信息化教学设计比赛"},
	research.KindCase:        {"课堂革命典型案例"},
	research.KindTransfer:    {"技术服务与成果转化"},
}

// title makes a title from the teacher's department's topics.
func (rg *researchGen) title(t *teacher, k research.Kind) string {
	topics := deptTopics[t.dept.def.name]
	if len(topics) == 0 {
		topics = []string{"公共基础课", "职业素养", "语文综合实践", "信息技术基础"}
	}
	topic, approach := topics[rg.r.IntN(len(topics))], approaches[rg.r.IntN(len(approaches))]
	end := endings[k][rg.r.IntN(len(endings[k]))]
	switch k {
	case research.KindPatent:
		return "一种" + strings.TrimSuffix(strings.TrimSuffix(topic, "实训"), "课程") + end
	case research.KindTextbook, research.KindBook:
		return topic + end
	case research.KindCompetition:
		return end + "：《" + topic + "》"
	}
	return "基于" + approach + "的" + topic + end
}
