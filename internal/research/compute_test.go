package research

import (
	"strings"
	"testing"
)

var term1 = Period{From: "2026-09-01", To: "2027-01-20"}

func paper(teacher int64, pos int, role, grade, day string) Credit {
	return Credit{TeacherID: teacher, OutputID: 10, Title: "数控编程教学改革", Kind: KindPaper, Grade: grade, DatedOn: day, Position: pos, Role: role}
}

func TestComputeTable(t *testing.T) {
	rules := DefaultRules()
	project := func(stage, day string) Credit {
		return Credit{TeacherID: 1, OutputID: 20, Title: "产教融合课题", Kind: KindProject, Level: "国家级", Stage: stage, DatedOn: day, Position: 1, Role: RoleLead}
	}
	cases := []struct {
		name    string
		credits []Credit
		total   float64
		cutBy   string
	}{
		{"first author full points", []Credit{paper(1, 1, RoleFirstAuthor, "核心期刊", "2026-10-01")}, 15, ""},
		{"second author decays to 60%", []Credit{paper(1, 2, RoleAuthor, "核心期刊", "2026-10-01")}, 9, ""},
		{"fifth author takes the later factor", []Credit{paper(1, 5, RoleAuthor, "核心期刊", "2026-10-01")}, 3, ""},
		{"agreed share replaces decay", []Credit{{TeacherID: 1, OutputID: 5, Title: "x", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-10-01", Position: 2, Role: RoleAuthor, Share: 33.335, Shared: true}}, 5, ""},
		{"no matching rule gives 0", []Credit{paper(1, 1, RoleFirstAuthor, "内部刊物", "2026-10-01")}, 0, ""},
		{"outside the period gives 0", []Credit{paper(1, 1, RoleFirstAuthor, "核心期刊", "2026-08-31")}, 0, ""},
		{"立项 in the term, 结题 later", []Credit{project(StageApproved, "2026-11-02"), project(StageConcluded, "2027-05-10")}, 30, ""},
		{"立项 and 结题 in one term", []Credit{project(StageApproved, "2026-09-02"), project(StageConcluded, "2027-01-10")}, 80, ""},
		{"paper cap cuts the later paper", []Credit{
			{TeacherID: 1, OutputID: 1, Title: "a", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-09-10", Position: 1, Role: RoleFirstAuthor},
			{TeacherID: 1, OutputID: 2, Title: "b", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-09-11", Position: 1, Role: RoleFirstAuthor},
			{TeacherID: 1, OutputID: 3, Title: "c", Kind: KindPaper, Grade: "省级期刊", DatedOn: "2026-09-12", Position: 1, Role: RoleFirstAuthor},
		}, 30, CutKind},
		{"term cap", []Credit{
			{TeacherID: 1, OutputID: 1, Title: "a", Kind: KindTeachingAward, Level: "国家级", Grade: "一等奖", DatedOn: "2026-09-10", Position: 1, Role: RoleLead},
			{TeacherID: 1, OutputID: 2, Title: "b", Kind: KindTeachingAward, Level: "省部级", Grade: "特等奖", DatedOn: "2026-09-11", Position: 1, Role: RoleLead},
		}, 150, CutTerm},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := Compute(rules, term1, c.credits)
			if len(got) != 1 || got[0].Total != c.total {
				t.Fatalf("got %+v, want total %v", got, c.total)
			}
			last := got[0].Lines[len(got[0].Lines)-1]
			if last.CutBy != c.cutBy {
				t.Fatalf("last line cut by %q, want %q: %+v", last.CutBy, c.cutBy, last)
			}
			var sum float64
			for _, l := range got[0].Lines {
				sum += l.Counted
			}
			if cents(sum) != cents(got[0].Total) {
				t.Fatalf("lines add to %v, total %v", sum, got[0].Total)
			}
		})
	}
}

// The same credits in any order give the same result, and a teacher
// named twice on one output counts once at the better position.
func TestComputeDeterministic(t *testing.T) {
	cs := []Credit{paper(2, 3, RoleAuthor, "核心期刊", "2026-10-01"), paper(1, 2, RoleAuthor, "省级期刊", "2026-10-02"), paper(2, 1, RoleFirstAuthor, "核心期刊", "2026-10-01")}
	a := Compute(DefaultRules(), term1, cs)
	b := Compute(DefaultRules(), term1, []Credit{cs[2], cs[1], cs[0]})
	if len(a) != 2 || a[0].TeacherID != 1 || a[1].TeacherID != 2 || a[1].Total != 15 || len(a[1].Lines) != 1 {
		t.Fatalf("result %+v", a)
	}
	if strings.Join(Explain(a[1]), "|") != strings.Join(Explain(b[1]), "|") {
		t.Fatalf("order changed the explanation: %v / %v", Explain(a[1]), Explain(b[1]))
	}
}

func TestExplain(t *testing.T) {
	cs := []Credit{
		{TeacherID: 1, OutputID: 1, Title: "甲", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-09-10", Position: 2, Role: RoleAuthor},
		{TeacherID: 1, OutputID: 2, Title: "乙", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-09-11", Position: 1, Role: RoleFirstAuthor},
		{TeacherID: 1, OutputID: 3, Title: "丙", Kind: KindPaper, Grade: "核心期刊", DatedOn: "2026-09-12", Position: 1, Role: RoleFirstAuthor},
	}
	got := strings.Join(Explain(Compute(DefaultRules(), term1, cs)[0]), "\n")
	for _, want := range []string{
		"《甲》（论文·核心期刊，2026-09-10，第 2 位·作者）：按“论文·核心期刊”15 分 × 第 2 位系数 60% = 9 分。",
		"《丙》（论文·核心期刊，2026-09-12，第 1 位·第一作者）：按“论文·核心期刊”15 分 × 第 1 位系数 100% = 15 分，因论文类封顶计 6 分。",
		"论文类每学期封顶 30 分，超出的 9 分不计。",
		"合计 30 分。",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("explanation lacks %q:\n%s", want, got)
		}
	}
}

func TestRanks(t *testing.T) {
	got := Ranks([]float64{30, 30, 12.5, 12.5, 0})
	want := []int{1, 1, 3, 3, 5}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ranks %v, want %v", got, want)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := DefaultRules().Validate(); err != nil {
		t.Fatalf("default rules: %v", err)
	}
	cases := []struct {
		name string
		edit func(*RuleSet)
		want string
	}{
		{"empty table", func(r *RuleSet) { r.Points = nil }, "至少需要一条"},
		{"unknown kind", func(r *RuleSet) { r.Points[0].Kind = "poem" }, "类别“poem”不存在"},
		{"unknown level", func(r *RuleSet) { r.Points[0].Level = "省级" }, "级别“省级”不在"},
		{"stage on a paper", func(r *RuleSet) {
			r.Points = append(r.Points, PointRule{Kind: KindPaper, Stage: StageApproved, Points: 1})
		}, "阶段“立项”只用于课题"},
		{"negative points", func(r *RuleSet) { r.Points[0].Points = -1 }, "分值 -1 应在 0 到 1000 之间"},
		{"duplicate rule", func(r *RuleSet) { r.Points = append(r.Points, r.Points[0]) }, "条件相同"},
		{"rising decay", func(r *RuleSet) { r.Decay = []float64{0.5, 0.8} }, "第 2 位的系数 0.8 大于第 1 位"},
		{"no decay", func(r *RuleSet) { r.Decay = nil }, "第一作者"},
		{"bad cap", func(r *RuleSet) { r.KindCaps[KindPatent] = -5 }, "专利每学期封顶 -5 分"},
		{"bad role", func(r *RuleSet) { r.Points[0].Role = "顾问" }, "署名角色“顾问”"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := DefaultRules()
			c.edit(&r)
			err := r.Validate()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want %q", err, c.want)
			}
		})
	}
}

// A rule naming the role wins over the general one for that role only.
func TestRuleSpecificity(t *testing.T) {
	r := DefaultRules()
	r.Points = append(r.Points, PointRule{Kind: KindPaper, Grade: "核心期刊", Role: RoleCorresponding, Points: 12})
	cs := []Credit{paper(1, 2, RoleCorresponding, "核心期刊", "2026-10-01"), paper(2, 2, RoleAuthor, "核心期刊", "2026-10-01")}
	got := Compute(r, term1, cs)
	if got[0].Total != 7.2 || got[1].Total != 9 || got[0].Lines[0].Rule != "论文·核心期刊·通讯作者" {
		t.Fatalf("got %+v", got)
	}
}

func TestDiff(t *testing.T) {
	a := DefaultRules()
	b := DefaultRules()
	b.Points[0].Points = 35
	b.Points = append(b.Points[:1], b.Points[2:]...)
	b.Points = append(b.Points, PointRule{Kind: KindTransfer, Level: "国家级", Points: 30})
	b.TermCap = 0
	got := strings.Join(Diff(a, b), "|")
	want := "“课题·国家级·立项” 30 分 → 35 分|新增“成果转化·国家级” 30 分|删除“课题·国家级·结题”（原 50 分）|每人每学期总分封顶 150 → 0（0 为不封顶）"
	if got != want {
		t.Fatalf("diff\n%s\nwant\n%s", got, want)
	}
	if d := Diff(a, DefaultRules()); len(d) != 0 {
		t.Fatalf("no change gives %v", d)
	}
}
