package research

import "testing"

func TestSimilarity(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"基于“岗课赛证”融通的中职电子商务专业教学改革研究", "基于岗课赛证融通的中职电子商务专业教学改革研究", true},
		{"基于岗课赛证融通的中职电子商务专业教学改革研究", "基于岗课赛证融通的中职电子商务专业教学改革探究", true},
		{"中职学校活页式教材开发的实践", "中职学校 活页式教材开发的实践。", true},
		{"中职学校活页式教材开发的实践", "中职数学课堂中的信息化教学设计", false},
		{"PLC 控制技术", "plc控制技术", true},
		{"机械制图", "电子商务", false},
	} {
		if got := Similar(c.a, c.b); got != c.same {
			t.Errorf("Similar(%q, %q) = %v (%.2f), want %v", c.a, c.b, got, Similarity(c.a, c.b), c.same)
		}
	}
	if s := Similarity("ab", "ab"); s != 1 {
		t.Errorf("Similarity of equal titles = %v, want 1", s)
	}
	if s := Similarity("", ""); s != 0 {
		t.Errorf("Similarity of empty titles = %v, want 0", s)
	}
}

func TestIdent(t *testing.T) {
	for _, c := range []struct {
		kind  Kind
		title string
		f     map[string]string
		want  string
	}{
		{KindProject, "x", map[string]string{FProjectNo: "2024-jy 015"}, "project:2024JY015"},
		{KindPaper, "x", map[string]string{FDOI: "10.1000/abc", FISSN: "1671-0568"}, "doi:10.1000/abc"},
		{KindPaper, "教学 改革。", map[string]string{FISSN: "1671-0568", FYear: "2024", FIssue: "05"}, "paper:1671-0568|2024|05|教学改革"},
		{KindPaper, "教学改革", map[string]string{FCN: "CN 11-1234/G4", FYear: "2024", FIssue: "5"}, "paper:CN 11-1234/G4|2024|5|教学改革"},
		{KindPaper, "教学改革", map[string]string{FYear: "2024"}, ""},
		{KindBook, "x", map[string]string{FISBN: "9780306406157"}, "isbn:9780306406157"},
		{KindTextbook, "x", map[string]string{FISBN: "9780306406157"}, "isbn:9780306406157"},
		{KindPatent, "x", map[string]string{FPatentNo: "ZL201710601862.3"}, "patent:201710601862.3"},
		{KindCase, "x", nil, ""},
	} {
		if got := Ident(c.kind, c.title, c.f); got != c.want {
			t.Errorf("Ident(%s, %q) = %q, want %q", c.kind, c.title, got, c.want)
		}
	}
}
