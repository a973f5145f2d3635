package portrait

import (
	"strings"
	"testing"
)

func TestSummarize(t *testing.T) {
	dims := []Score{
		{Name: "德", Score: 88, ClassAvg: 86},
		{Name: "职业技能", Score: 92.5, ClassAvg: 86.2},
		{Name: "习惯养成", Score: 68, ClassAvg: 76.2},
		{Name: "体", Score: 84, ClassAvg: 80},
	}
	inds := []Score{
		{Name: "技能竞赛", Score: 98, ClassAvg: 80},
		{Name: "文明礼仪", Score: 60, ClassAvg: 78},
		{Name: "学习习惯", Score: 75, ClassAvg: 74},
	}
	s := Summarize(dims, inds, []Growth{{"2025-2026学年第二学期", 80.2}, {"2026-2027学年第一学期", 83.6}})
	all := strings.Join(s.Strengths, "|")
	if !strings.Contains(all, "职业技能得分 92.5，高于班级平均 6.3 分") || !strings.Contains(all, "技能竞赛") || strings.Contains(all, "德得分") {
		t.Fatalf("strengths %q", s.Strengths)
	}
	imp := strings.Join(s.Improve, "|")
	if !strings.Contains(imp, "习惯养成得分 68.0，低于班级平均 8.2 分。建议：") || !strings.Contains(imp, "文明礼仪") || strings.Contains(imp, "学习习惯") {
		t.Fatalf("improve %q", s.Improve)
	}
	if s.Trend != "与2025-2026学年第二学期相比，总分提高了 3.4 分，进步明显。" {
		t.Fatalf("trend %q", s.Trend)
	}
	even := Summarize([]Score{{Name: "德", Score: 80, ClassAvg: 80}}, nil, nil)
	if len(even.Strengths) != 1 || len(even.Improve) != 0 || even.Trend != "" {
		t.Fatalf("balanced %+v", even)
	}
	down := Summarize(nil, nil, []Growth{{"上学期", 85}, {"本学期", 82}})
	if !strings.Contains(down.Trend, "下降了 3.0 分") {
		t.Fatal(down.Trend)
	}
}
