package validate

import (
	"strings"
	"testing"

	"zhijiao/internal/research"
)

func paperText() ResearchText {
	return ResearchText{Kind: "论文", Title: "基于岗课赛证融通的教学改革", Grade: "省级期刊", DatedOn: "2024-05-10",
		Fields:       map[string]string{"journal": "职业教育研究", "issn": "1671-0568", "year": "2024", "issue": "05", "doi": "DOI:10.3969/J.X.2024.05.012"},
		Contributors: []ContributorText{{TeacherID: "7"}, {Name: "王五"}}}
}

func TestResearchOutput(t *testing.T) {
	o, err := ResearchErr(paperText(), research.DefaultSettings(), "2024-06-01")
	if err != nil {
		t.Fatal(err)
	}
	if o.Kind != "paper" || o.Fields["doi"] != "10.3969/j.x.2024.05.012" || o.Ident != "doi:10.3969/j.x.2024.05.012" {
		t.Errorf("normalised paper = %+v", o)
	}
	if c := o.Contributors; len(c) != 2 || c[0].Role != research.RoleFirstAuthor || c[1].Role != research.RoleAuthor || c[1].Position != 2 || !c[1].External() {
		t.Errorf("contributors = %+v", c)
	}
	again, err := ResearchErr(ResearchTextOf(o), research.DefaultSettings(), "2024-06-01")
	if err != nil || again.Ident != o.Ident {
		t.Errorf("re-checking the normalised output: %v, %q", err, again.Ident)
	}
	for _, c := range []struct {
		name string
		edit func(*ResearchText)
		want string
	}{
		{"kind", func(in *ResearchText) { in.Kind = "随笔" }, "成果类别“随笔”不在可选范围"},
		{"issn check digit", func(in *ResearchText) { in.Fields["issn"] = "1671-0567" }, "ISSN校验位不对"},
		{"no serial", func(in *ResearchText) { in.Fields["issn"] = "" }, "CN 号与 ISSN至少填写一项"},
		{"grade", func(in *ResearchText) { in.Grade = "SCI" }, "期刊级别“SCI”不在可选范围"},
		{"future", func(in *ResearchText) { in.DatedOn = "2025-01-01" }, "发表日期不能晚于今天"},
		{"no teacher", func(in *ResearchText) { in.Contributors = []ContributorText{{Name: "王五"}} }, "成员至少要有一位本校教师"},
		{"twice", func(in *ResearchText) { in.Contributors = []ContributorText{{TeacherID: "7"}, {TeacherID: "7"}} }, "重复"},
		{"two first authors", func(in *ResearchText) {
			in.Contributors = []ContributorText{{TeacherID: "7", Role: "第一作者"}, {TeacherID: "8", Role: "第一作者"}}
		}, "只能有一位第一作者"},
		{"shares", func(in *ResearchText) {
			in.Contributors = []ContributorText{{TeacherID: "7", Share: "60"}, {TeacherID: "8", Share: "30"}}
		}, "合计 100"},
		{"role", func(in *ResearchText) { in.Contributors[0].Role = "主持" }, "角色“主持”不在可选范围"},
	} {
		in := paperText()
		c.edit(&in)
		if _, err := ResearchErr(in, research.DefaultSettings(), "2024-06-01"); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.name, err, c.want)
		}
	}
}

func TestResearchProjectAndPatent(t *testing.T) {
	p := ResearchText{Kind: "project", Title: "中职课堂革命实践研究", Level: "市级",
		Stages:       map[string]string{"立项": "2023-03-01", "中期": "2023-12-01", "结题": "2024-06-30"},
		Fields:       map[string]string{"project_no": "2023-jy 015", "funding": "20,000"},
		Contributors: []ContributorText{{TeacherID: "7"}, {TeacherID: "8"}}}
	o, err := ResearchErr(p, research.Settings{}, "2024-07-01")
	if err != nil {
		t.Fatal(err)
	}
	if o.Stage != "结题" || o.DatedOn != "2024-06-30" || len(o.Stages) != 3 || o.Fields["funding"] != "20000" || o.Ident != "project:2023JY015" || o.Contributors[0].Role != "主持" {
		t.Errorf("project = %+v", o)
	}
	p.Stages = map[string]string{"立项": "2023-03-01", "结题": "2024-06-30"}
	if _, err := ResearchErr(p, research.Settings{}, "2024-07-01"); err == nil || !strings.Contains(err.Error(), "结题前请填写中期日期") {
		t.Errorf("skipped midterm: %v", err)
	}
	p.Stages = map[string]string{"立项": "2024-03-01", "中期": "2023-12-01"}
	if _, err := ResearchErr(p, research.Settings{}, "2024-07-01"); err == nil || !strings.Contains(err.Error(), "不能早于上一阶段") {
		t.Errorf("stages out of order: %v", err)
	}
	pat := ResearchText{Kind: "patent", Title: "一种实训台", Grade: "发明", DatedOn: "2024-01-02",
		Fields: map[string]string{"patent_no": "ZL202320123456.1", "filed_on": "2023-01-02"}, Contributors: []ContributorText{{TeacherID: "7"}}}
	if _, err := ResearchErr(pat, research.Settings{}, "2024-07-01"); err == nil || !strings.Contains(err.Error(), "与专利号不符") {
		t.Errorf("patent type against number: %v", err)
	}
}
