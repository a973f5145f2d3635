package demo

import (
	"fmt"
	"strings"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// teamSize is how many contributors an output of kind k has: most papers
// one author, projects and awards a team.
func (rg *researchGen) teamSize(k research.Kind) int {
	switch k {
	case research.KindPaper:
		return 1 + weightedIndex(rg.r, []float64{0.55, 0.3, 0.15})
	case research.KindProject:
		return 3 + rg.r.IntN(4)
	case research.KindTextbook, research.KindBook:
		return 2 + rg.r.IntN(4)
	case research.KindCompetition:
		return 1 + rg.r.IntN(4)
	}
	return 1 + rg.r.IntN(3)
}

// roles names the contributors of kind k by position: 主持 and 参与 for
// projects, awards, cases and transfers; 第一作者, 作者 and sometimes a
// 通讯作者 last for publications and patents.
func (rg *researchGen) roles(k research.Kind, n int) []string {
	out := make([]string, n)
	switch k {
	case research.KindPaper, research.KindTextbook, research.KindBook, research.KindPatent:
		for i := range out {
			out[i] = research.RoleAuthor
		}
		out[0] = research.RoleFirstAuthor
		if n > 1 && rg.r.IntN(3) == 0 {
			out[n-1] = research.RoleCorresponding
		}
	default:
		for i := range out {
			out[i] = research.RoleMember
		}
		out[0] = research.RoleLead
	}
	return out
}

// members are the contributors: t first, then colleagues mostly of the
// same department, and now and then one person from outside the school.
func (rg *researchGen) members(t *teacher, k research.Kind) []storage.ResearchLoadMember {
	n := rg.teamSize(k)
	roles := rg.roles(k, n)
	out := []storage.ResearchLoadMember{{TeacherID: t.t.ID, Name: t.t.Name, Role: roles[0]}}
	seen := map[*teacher]bool{t: true}
	for i := 1; i < n; i++ {
		if i == n-1 && rg.r.IntN(8) == 0 {
			out = append(out, storage.ResearchLoadMember{Name: rg.outsider(), Role: roles[i]})
			continue
		}
		c := rg.colleague(t)
		if seen[c] {
			continue
		}
		seen[c] = true
		out = append(out, storage.ResearchLoadMember{TeacherID: c.t.ID, Name: c.t.Name, Role: roles[i]})
	}
	return out
}

// colleague picks a teacher, of t's department four times in five.
func (rg *researchGen) colleague(t *teacher) *teacher {
	for range 20 {
		c := rg.p.teachers[rg.r.IntN(len(rg.p.teachers))]
		if c.dept == t.dept || rg.r.IntN(5) == 0 {
			return c
		}
	}
	return rg.p.teachers[rg.r.IntN(len(rg.p.teachers))]
}

// outsiders' affiliations: fictional, named by kind, not by place.
var affiliations = []string{"合作高职院校", "合作企业", "区教师进修学院", "兄弟中职学校"}

// outsider is a fictional person from outside the school.
func (rg *researchGen) outsider() string {
	male := rg.r.IntN(2) == 0
	return rg.g.name("", male, false) + "（" + affiliations[rg.r.IntN(len(affiliations))] + "）"
}

// teachingAwardPlan is the seed school's 教学成果奖: level, prize, how many.
var teachingAwardPlan = []struct {
	level, prize string
	n            int
}{
	{"国家级", "一等奖", 1}, {"国家级", "二等奖", 2},
	{"市级", "特等奖", 1}, {"市级", "一等奖", 2}, {"市级", "二等奖", 5}, {"市级", "三等奖", 3},
}

var teachingAwardTitles = []string{
	"产教融合、校企双元的中职智能制造人才培养模式创新与实践", "岗课赛证融通的中职汽车类专业课程体系重构与实践", "中职学校“三全育人”课程思政体系的构建与实践",
	"现代学徒制背景下中职财经商贸专业人才培养的探索与实践", "中高职贯通培养信息技术技能人才的机制创新与实践", "中职学校“五育并举”综合素质评价改革与实践",
	"基于工作过程的中职烹饪专业活页式教材开发与应用", "中职学校数字化教学资源共建共享机制的探索与实践", "中职幼儿保育专业“岗课融合”实训体系的构建与实践",
	"中职学生职业核心素养培育的“项目化”路径研究与实践", "中职学校教师教学创新团队建设的探索与实践", "中职旅游服务专业研学旅行课程开发与实践",
	"中职网络信息安全专业“赛训一体”教学模式的构建与实践", "中职学校技能大赛常态化训练机制的探索与实践",
}

// teachingAwards adds the school's teaching achievement awards, each a
// team of four to eight led by a senior teacher, all verified.
func (rg *researchGen) teachingAwards() {
	var seniors []*teacher
	for _, t := range rg.p.teachers {
		if strings.Contains(t.t.Title, "高级") {
			seniors = append(seniors, t)
		}
	}
	if len(seniors) == 0 {
		seniors = rg.p.teachers
	}
	i := 0
	for _, a := range teachingAwardPlan {
		for range a.n {
			lead := seniors[rg.r.IntN(len(seniors))]
			o := storage.ResearchLoad{Kind: string(research.KindTeachingAward), Title: teachingAwardTitles[i%len(teachingAwardTitles)], Level: a.level, Grade: a.prize,
				Date: fmt.Sprintf("2026-%02d-%02d", 3+rg.r.IntN(6), 1+rg.r.IntN(28)), Fields: "{}", Status: research.StatusVerified}
			members := rg.members(lead, research.KindProject)
			for len(members) < 4 {
				c := rg.colleague(lead)
				members = append(members, storage.ResearchLoadMember{TeacherID: c.t.ID, Name: c.t.Name, Role: research.RoleMember})
			}
			o.Members = dedupeMembers(members)
			rg.out = append(rg.out, o)
			i++
		}
	}
}

// dedupeMembers keeps the first place of each teacher.
func dedupeMembers(ms []storage.ResearchLoadMember) []storage.ResearchLoadMember {
	seen := map[int64]bool{}
	out := ms[:0]
	for _, m := range ms {
		if m.TeacherID != 0 && seen[m.TeacherID] {
			continue
		}
		seen[m.TeacherID] = true
		out = append(out, m)
	}
	return out
}
