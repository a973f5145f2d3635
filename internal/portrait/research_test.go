package portrait

import (
	"fmt"
	"testing"
)

// seedAwards are the seed school's teaching achievement awards: 国家级
// 一等奖 1、二等奖 2；市级 特等奖 1、一等奖 2、二等奖 5、三等奖 3.
func seedAwards() []ResearchOutput {
	var os []ResearchOutput
	add := func(level, prize string, n int) {
		for range n {
			os = append(os, ResearchOutput{ID: int64(len(os) + 1), Kind: "teaching_award", Level: level, Grade: prize, Date: "2026-03-01"})
		}
	}
	add("市级", "二等奖", 5)
	add("国家级", "二等奖", 2)
	add("市级", "三等奖", 3)
	add("国家级", "一等奖", 1)
	add("市级", "特等奖", 1)
	add("市级", "一等奖", 2)
	return os
}

func TestTeachingAwardsHeadline(t *testing.T) {
	k := TeachingAwards(seedAwards(), year)
	want := "国家级教学成果奖 一等奖 1 项、二等奖 2 项；市级 特等奖 1 项、一等奖 2 项、二等奖 5 项、三等奖 3 项"
	if k.Value != want || *k.Count != 14 || len(k.Records) != 14 || k.Block != ResearchBlock {
		t.Fatalf("got %q count %d records %d", k.Value, *k.Count, len(k.Records))
	}
	if k := TeachingAwards(seedAwards(), Period{From: "2026-03-02"}); k.Value != "本期无教学成果奖" || *k.Count != 0 {
		t.Fatalf("empty period: %q", k.Value)
	}
	// A summary row standing for three awards counts three, without an id.
	k = TeachingAwards([]ResearchOutput{{Kind: "teaching_award", Level: "省部级", Grade: "一等奖", Date: "2026-01-01", N: 3}}, year)
	if k.Value != "省部级教学成果奖 一等奖 3 项" || *k.Count != 3 || len(k.Records) != 0 {
		t.Fatalf("summary row: %q %d %v", k.Value, *k.Count, k.Records)
	}
}

func TestResearchCounts(t *testing.T) {
	os := []ResearchOutput{
		// A project approved in the year and concluded after it: counted
		// once as 立项 and not as 结题.
		{ID: 1, Kind: "project", Stage: "立项", Level: "市级", Date: "2025-10-01"},
		{ID: 1, Kind: "project", Stage: "结题", Level: "市级", Date: "2026-09-01"},
		// Approved before the year, concluded in it.
		{ID: 2, Kind: "project", Stage: "立项", Level: "国家级", Date: "2024-05-01"},
		{ID: 2, Kind: "project", Stage: "结题", Level: "国家级", Date: "2026-06-30"},
		{ID: 3, Kind: "project", Stage: "立项", Level: "国家级", Date: "2025-09-01"},
		{ID: 4, Kind: "paper", Grade: "核心期刊", Date: "2026-08-31"},
		{ID: 5, Kind: "paper", Grade: "省级期刊", Date: "2026-01-01"},
		{ID: 6, Kind: "paper", Grade: "核心期刊", Date: "2025-08-31"}, // the day before the year
		{ID: 7, Kind: "patent", Grade: "实用新型", Date: "2026-02-01"},
		{ID: 8, Kind: "patent", Grade: "发明", Date: "2026-02-01"},
		{ID: 9, Kind: "textbook", Grade: "", Date: "2026-02-01"},
		{ID: 10, Kind: "book", Date: "2026-02-01"}, // 著作: not in the block
	}
	want := map[string]string{
		"research_projects_approved":  "2 项（国家级 1、市级 1）",
		"research_projects_concluded": "1 项（国家级 1）",
		"research_papers":             "2 篇（核心期刊 1、省级期刊 1）",
		"research_patents":            "2 件（发明 1、实用新型 1）",
		"research_textbooks":          "1 种（未分级 1）",
		"research_teaching_awards":    "本期无教学成果奖",
	}
	ids := map[string]string{"research_projects_approved": "[1 3]", "research_projects_concluded": "[2]", "research_papers": "[4 5]", "research_patents": "[7 8]", "research_textbooks": "[9]"}
	ks := Research(os, year)
	if len(ks) != 6 {
		t.Fatalf("%d KPIs", len(ks))
	}
	for _, k := range ks {
		if k.Value != want[k.Key] {
			t.Errorf("%s = %q, want %q", k.Key, k.Value, want[k.Key])
		}
		if w, ok := ids[k.Key]; ok && fmt.Sprint(k.Records) != w {
			t.Errorf("%s records %v, want %s", k.Key, k.Records, w)
		}
		if k.Definition == "" || k.Block != ResearchBlock {
			t.Errorf("%s lacks its definition or block", k.Key)
		}
	}
	if k := Research(nil, year)[3]; k.Value != "0 篇" || *k.Count != 0 {
		t.Errorf("no papers: %q", k.Value)
	}
}

func TestResearchTables(t *testing.T) {
	g := TeachingAwardGrid(seedAwards(), year)
	if len(g.Rows) != 5 || g.Cells[0][1] != 1 || g.Cells[0][2] != 2 || g.Cells[2][0] != 1 || g.Cells[2][2] != 5 || g.RowTotal(2) != 11 {
		t.Fatalf("grid %+v", g)
	}
	k := ResearchByKind(seedAwards(), year)
	if len(k.Rows) != 6 || k.Rows[0] != "教学成果奖" || k.Cells[0][0] != 14 || k.Cells[3][0] != 0 {
		t.Fatalf("by kind %+v", k)
	}
}

func TestOutputsByYear(t *testing.T) {
	tb := OutputsByYear("成果", []string{"paper", "project", "paper", "patent", "paper"}, []string{"2025-03-01", "2024-10-01", "2025-05-01", "2025-01-01", ""})
	if fmt.Sprint(tb.Rows, tb.Columns, tb.Cells) != "[2024 2025] [课题 论文 专利] [[1 0 0] [0 2 1]]" {
		t.Fatalf("%v %v %v", tb.Rows, tb.Columns, tb.Cells)
	}
	c := PointsTrend("积分", []string{"a", "b"}, []float64{1, 2.5})
	if c["series"].([]any)[0].(map[string]any)["type"] != "line" {
		t.Fatal("trend is not a line")
	}
}

func TestResearchEnglish(t *testing.T) {
	for zh, en := range map[string]string{
		"国家级教学成果奖 一等奖 1 项、二等奖 2 项；市级 特等奖 1 项、一等奖 2 项": "national: 1 first prize, 2 second prize; city: 1 grand prize, 2 first prize",
		"12 项（国家级 1、省部级 11）": "12 (national 1, provincial 11)",
		"2 篇（核心期刊 1、省级期刊 1）": "2 (核心期刊 1, 省级期刊 1)",
		"0 件":       "0",
		"30,675 人次": "30,675 person-times",
	} {
		if got := English(zh); got != en {
			t.Errorf("English(%q) = %q, want %q", zh, got, en)
		}
	}
}
