package research

import (
	"strings"
	"testing"
)

// The worked examples of docs/research.md §2, computed: if the
// rules or the rounding change, the document must change with them.
func TestDocumentedExamples(t *testing.T) {
	rules := DefaultRules()
	term1 := Period{From: "2026-09-01", To: "2027-01-20"}
	term2 := Period{From: "2027-02-20", To: "2027-07-10"}
	// Example 1: a co-authored 核心期刊 paper; the third author is from
	// outside the school and is not credited.
	paper := func(teacher int64, pos int, role string, share float64) Credit {
		return Credit{TeacherID: teacher, OutputID: 1, Title: "中职数控专业课程思政的实践", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-11-05",
			Position: pos, Role: role, Share: share, Shared: share > 0}
	}
	got := Compute(rules, term1, []Credit{paper(1, 1, RoleFirstAuthor, 0), paper(2, 2, RoleAuthor, 0), paper(3, 4, RoleAuthor, 0)})
	if got[0].Total != 15 || got[1].Total != 9 || got[2].Total != 3 {
		t.Fatalf("example 1 by rank: %v %v %v", got[0].Total, got[1].Total, got[2].Total)
	}
	got = Compute(rules, term1, []Credit{paper(1, 1, RoleFirstAuthor, 50), paper(2, 2, RoleAuthor, 30), paper(3, 4, RoleAuthor, 10)})
	if got[0].Total != 7.5 || got[1].Total != 4.5 || got[2].Total != 1.5 {
		t.Fatalf("example 1 by share: %v %v %v", got[0].Total, got[1].Total, got[2].Total)
	}
	// Example 2: a national 课题, 立项 in the first term and 结题 in the
	// second, where two awards came first and the term cap cuts 结题.
	project := func(stage, day string) Credit {
		return Credit{TeacherID: 1, OutputID: 2, Title: "产教融合实训基地建设研究", Kind: KindProject, Level: "国家级", Stage: stage, DatedOn: day, Position: 1, Role: RoleLead}
	}
	award := func(id int64, level, prize, day string) Credit {
		return Credit{TeacherID: 1, OutputID: id, Title: "教学成果奖" + level, Kind: KindTeachingAward, Level: level, Grade: prize, DatedOn: day, Position: 1, Role: RoleLead}
	}
	credits := []Credit{project(StageApproved, "2026-09-20"), project(StageConcluded, "2027-05-10"),
		award(3, "省部级", "特等奖", "2027-03-15"), award(4, "国家级", "二等奖", "2027-04-01")}
	first := Compute(rules, term1, credits)[0]
	second := Compute(rules, term2, credits)[0]
	if first.Total != 30 || second.Total != 150 || len(second.Caps) != 1 || second.Caps[0].Cut != 40 {
		t.Fatalf("example 2: %+v / %+v", first, second)
	}
	want := []string{
		"《产教融合实训基地建设研究》（课题·国家级·结题，2027-05-10，第 1 位·主持）：按“课题·国家级·结题”50 分 × 第 1 位系数 100% = 50 分，因学期总分封顶计 10 分。",
		"每学期总分封顶 150 分，超出的 40 分不计。",
		"合计 150 分。",
	}
	text := strings.Join(Explain(second), "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("example 2 lacks %q:\n%s", w, text)
		}
	}
	if !strings.Contains(strings.Join(Explain(first), "\n"), "日期不在本次考核期间，不计分。") {
		t.Errorf("example 2, first term: %v", Explain(first))
	}
}
