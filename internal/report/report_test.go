package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const testID = "500112200803154417"

func sampleCard(nEvidence int) Card {
	ev := []string{
		"2026-11-02  全国职业院校技能大赛（中职组）汽车机电维修赛项  省级  一等奖（团体）",
		"2026-10-15  职业技能等级证书（1+X）汽车运用与维修  初级  已通过",
		"2026-09-28  校级三好学生",
		"2026-09-01 至 2026-12-20  顶岗实习  重庆长安汽车股份有限公司  企业导师评价：优秀",
		"2026-10-01  社区志愿服务“敬老助残进社区”  12 小时",
		"2026-11-20  行为习惯记录：文明礼仪  +2 分（主动帮助同学维修实训设备，受班主任表扬，并在班会上作经验分享，带动全班形成互助氛围）",
	}
	var evidence []string
	for i := 0; i < nEvidence; i++ {
		if i < len(ev) {
			evidence = append(evidence, ev[i])
		} else {
			evidence = append(evidence, fmt.Sprintf("2026-12-%02d  志愿服务：校园开放日引导 第%d次  2 小时", i%28+1, i+1))
		}
	}
	return Card{
		SchoolName: "重庆市渝北职业教育中心",
		Term:       "2026-2027学年第一学期",
		Student: Student{
			Name: "李思源", StudentNo: "2025010213", ClassName: "2025级汽修1班", MajorName: "汽车运用与维修",
			Gender: "男", IDNumber: testID, EntryYear: 2025,
		},
		Dimensions: []Dim{
			{Name: "思想品德", Score: 88.5, ClassAvg: 84.2, Level: "良好"},
			{Name: "学业水平", Score: 79.0, ClassAvg: 81.3, Level: "良好"},
			{Name: "身心健康", Score: 91.2, ClassAvg: 85.0, Level: "优秀"},
			{Name: "艺术素养", Score: 72.4, ClassAvg: 76.8, Level: "合格"},
			{Name: "劳动实践", Score: 94.0, ClassAvg: 82.5, Level: "优秀"},
			{Name: "职业技能", Score: 95.5, ClassAvg: 80.1, Level: "优秀"},
		},
		Total: 87.6, TotalClassAvg: 81.9, Level: "良好",
		Evidence: evidence,
		Comments: []Comment{
			{Role: "班主任", Text: "该生思想端正，遵守校纪校规，学习态度认真。在汽车机电维修方面表现突出，代表学校参加省级技能大赛获得一等奖。希望今后在文化课学习上再下功夫，全面发展，争取更大进步。"},
			{Role: "企业导师", Text: "实习期间能吃苦，动手能力强，能按规范完成保养作业。"},
			{Role: "自", Text: "本学期我在专业技能上进步很大，也认识到自己在英语和数学上还需要努力。"},
		},
		VerifyCode: "7K3M-Q9XD",
		VerifyURL:  "https://zhijiao.example.edu.cn/verify?code=7K3M-Q9XD",
		IssueDate:  "2027年1月20日",
	}
}

func render(t testing.TB, c Card) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderCard(&buf, c); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "card.pdf")
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tool returns the path of a poppler tool; the test fails (not skips) when
// it is missing: install poppler-utils.
func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found: install poppler-utils (apt-get install -y poppler-utils)", name)
	}
	return p
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo: no page count in %q", out)
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

func countPageObjects(b []byte) int {
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(b, -1))
}

func checkPDF(t *testing.T, b []byte) {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: starts %q", b[:min(len(b), 16)])
	}
	if !bytes.Contains(b[max(0, len(b)-64):], []byte("%%EOF")) {
		t.Fatal("no EOF marker at the end")
	}
}

// squash removes the whitespace pdftotext puts between table cells and
// wrapped characters.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestRenderCardText(t *testing.T) {
	c := sampleCard(6)
	b := render(t, c)
	checkPDF(t, b)
	path := writeTemp(t, b)
	if n := pdfPages(t, path); n != 1 {
		t.Errorf("a card with 6 evidence lines has %d pages, want 1", n)
	}
	txt := squash(pdfText(t, path))
	want := []string{Title, c.Student.Name, c.SchoolName, c.Term, c.Student.StudentNo, "7K3M-Q9XD",
		"班主任签字", "学校（盖章）", "输入验证码核验真伪", "班主任评语", "企业导师评语", "自评语"}
	for _, d := range c.Dimensions {
		want = append(want, d.Name)
	}
	for _, w := range want {
		if !strings.Contains(txt, squash(w)) {
			t.Errorf("text lacks %q", w)
		}
	}
	if strings.Contains(txt, testID) {
		t.Error("the full ID number is printed")
	}
	if masked := "500112********4417"; !strings.Contains(txt, masked) {
		t.Errorf("the masked ID %q is not printed", masked)
	}
	// wrapped comment text is all there
	if !strings.Contains(txt, squash(c.Comments[0].Text)) {
		t.Error("the long comment is not printed whole")
	}
	if bytes.Contains(b, []byte(testID)) {
		t.Error("the full ID number is in the PDF bytes")
	}
}

func TestRenderCardLongEvidence(t *testing.T) {
	c := sampleCard(40)
	b := render(t, c)
	checkPDF(t, b)
	path := writeTemp(t, b)
	if n := pdfPages(t, path); n != 2 {
		t.Errorf("40 evidence lines: %d pages, want 2", n)
	}
	if n := countPageObjects(b); n != 2 {
		t.Errorf("40 evidence lines: %d /Type /Page objects, want 2", n)
	}
	txt := squash(pdfText(t, path))
	if !strings.Contains(txt, squash(Title+"（续）")) {
		t.Error("no repeated header on the continuation page")
	}
	for _, w := range []string{"第40次", "第1页共2页", "第2页共2页"} {
		if !strings.Contains(txt, w) {
			t.Errorf("text lacks %q", w)
		}
	}
}

func TestQRModules(t *testing.T) {
	c := sampleCard(0)
	m, err := qrMatrix(c.VerifyURL)
	if err != nil {
		t.Fatal(err)
	}
	d, err := newDoc("qr")
	if err != nil {
		t.Fatal(err)
	}
	if err := d.newPage(); err != nil {
		t.Fatal(err)
	}
	n, err := d.qr(c.VerifyURL, 50, 50, 64)
	if err != nil {
		t.Fatal(err)
	}
	if n != len(m) || n != len(m[0]) {
		t.Errorf("drew %d modules per side, bitmap is %d×%d", n, len(m), len(m[0]))
	}
	// version 3 (29 modules) + 2×4 quiet zone for this URL at Medium
	if n < 21+8 {
		t.Errorf("implausible QR size %d", n)
	}
}

func TestWrap(t *testing.T) {
	d, err := newDoc("wrap")
	if err != nil {
		t.Fatal(err)
	}
	s := "该生思想端正，遵守校纪校规，学习态度认真。在汽车机电维修方面表现突出，代表学校参加省级技能大赛获得一等奖。"
	lines := d.wrap(s, 100)
	if len(lines) < 3 {
		t.Fatalf("wrap gave %d lines", len(lines))
	}
	if strings.Join(lines, "") != s {
		t.Errorf("wrap lost text: %q", lines)
	}
	for i, l := range lines {
		if w := d.textWidth(l); w > 100+d.size {
			t.Errorf("line %d is %.1f wide", i, w)
		}
		if i > 0 && strings.ContainsRune(noLineStart, []rune(l)[0]) {
			t.Errorf("line %d starts with punctuation: %q", i, l)
		}
	}
}

func TestRenderArchive(t *testing.T) {
	var terms []Card
	for i, term := range []string{"2025-2026学年第一学期", "2025-2026学年第二学期", "2026-2027学年第一学期"} {
		c := sampleCard(2 + i*2)
		c.Term = term
		terms = append(terms, c)
	}
	var buf bytes.Buffer
	if err := RenderArchive(&buf, terms); err != nil {
		t.Fatal(err)
	}
	checkPDF(t, buf.Bytes())
	path := writeTemp(t, buf.Bytes())
	if n := pdfPages(t, path); n != 4 {
		t.Errorf("archive of 3 short terms: %d pages, want 4 (cover + 3)", n)
	}
	txt := squash(pdfText(t, path))
	for _, w := range []string{ArchiveTitle, "2025-2026学年第二学期", Title} {
		if !strings.Contains(txt, w) {
			t.Errorf("archive text lacks %q", w)
		}
	}
	if err := RenderArchive(&buf, nil); err == nil {
		t.Error("empty archive: no error")
	}
}

func TestRenderMany(t *testing.T) {
	cards := make([]Card, 20)
	for i := range cards {
		cards[i] = sampleCard(i % 8)
		cards[i].Student.Name = fmt.Sprintf("学生%02d", i)
	}
	var mu sync.Mutex
	seen := map[int]int{}
	err := RenderMany(cards, 4, func(i int, pdf []byte) error {
		mu.Lock()
		defer mu.Unlock()
		checkPDF(t, pdf)
		seen[i]++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != len(cards) {
		t.Errorf("out called for %d cards, want %d", len(seen), len(cards))
	}
	stop := fmt.Errorf("stop")
	if err := RenderMany(cards, 2, func(int, []byte) error { return stop }); err != stop {
		t.Errorf("out's error not returned: %v", err)
	}
}

// TestWriteSample writes sample PDFs to REPORT_SAMPLE_DIR when it is set,
// for looking at them (pdftoppm -png -r 80).
func TestWriteSample(t *testing.T) {
	dir := os.Getenv("REPORT_SAMPLE_DIR")
	if dir == "" {
		t.Skip("REPORT_SAMPLE_DIR not set")
	}
	for _, n := range []int{6, 40} {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("card-%d.pdf", n)), render(t, sampleCard(n)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var terms []Card
	for i, term := range []string{"2025-2026学年第一学期", "2025-2026学年第二学期"} {
		c := sampleCard(2 + i*3)
		c.Term = term
		terms = append(terms, c)
	}
	f, err := os.Create(filepath.Join(dir, "archive.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := RenderArchive(f, terms); err != nil {
		t.Fatal(err)
	}
}

func BenchmarkRenderCard(b *testing.B) {
	c := sampleCard(6)
	if _, err := fonts(); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	var size int
	for b.Loop() {
		p, err := renderCard(c)
		if err != nil {
			b.Fatal(err)
		}
		size = len(p)
	}
	b.ReportMetric(float64(size)/1024, "KiB/pdf")
}

// BenchmarkRenderMany renders 600 cards on GOMAXPROCS workers (run it with
// -cpu 2 for the 2-core figure) and reports cards per second; 3,000 cards
// take 3000 / (cards/s) seconds.
func BenchmarkRenderMany(b *testing.B) {
	cards := make([]Card, 600)
	for i := range cards {
		cards[i] = sampleCard(i % 10)
		cards[i].Student.Name = fmt.Sprintf("学生%04d", i)
	}
	for b.Loop() {
		start := time.Now()
		if err := RenderMany(cards, runtime.GOMAXPROCS(0), func(int, []byte) error { return nil }); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(len(cards))/time.Since(start).Seconds(), "cards/s")
	}
}

// TestRenderEdgeCases renders odd cards: nothing optional filled, two
// dimensions (no radar), twelve dimensions, very long names and texts.
func TestRenderEdgeCases(t *testing.T) {
	long := strings.Repeat("很长的学校名称与班级名称", 8)
	many := sampleCard(3)
	many.Dimensions = nil
	for i := 0; i < 12; i++ {
		many.Dimensions = append(many.Dimensions, Dim{Name: fmt.Sprintf("维度%d名称较长", i+1), Score: float64(40 + i*5), ClassAvg: 70, Level: "合格"})
	}
	two := sampleCard(1)
	two.Dimensions = two.Dimensions[:2]
	longer := sampleCard(2)
	longer.SchoolName, longer.Student.ClassName, longer.Student.Name = long, long, long
	longer.Comments[0].Text = strings.Repeat("评语内容很长，需要换行。ABC defghij klmnop “引号”…", 30)
	longer.VerifyURL = "https://zhijiao.example.edu.cn/verify?code=" + strings.Repeat("X", 200)
	odd := Card{Dimensions: []Dim{{Name: "德", Score: 120}, {Name: "智", Score: -5}, {Name: "体", Score: 0}}}
	for name, c := range map[string]Card{"empty": {}, "odd": odd, "two": two, "twelve": many, "long": longer} {
		t.Run(name, func(t *testing.T) {
			b := render(t, c)
			if dir := os.Getenv("REPORT_SAMPLE_DIR"); dir != "" {
				if err := os.WriteFile(filepath.Join(dir, "edge-"+name+".pdf"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			checkPDF(t, b)
			if n := pdfPages(t, writeTemp(t, b)); n < 1 || n > 3 {
				t.Errorf("%d pages", n)
			}
		})
	}
}

// TestRareCharactersUseTheFullFont: a card in GB 2312 embeds only the cut
// CJK font; a name outside it (堃, 玥) adds the full font, and the name
// still extracts as text.
func TestRareCharactersUseTheFullFont(t *testing.T) {
	fontFiles := func(b []byte) int { return bytes.Count(b, []byte("/FontFile2")) }
	common := render(t, sampleCard(3))
	if n := fontFiles(common); n != 2 {
		t.Fatalf("common card embeds %d fonts, want 2 (cut CJK + Latin)", n)
	}
	c := sampleCard(3)
	c.Student.Name = "王堃玥"
	rare := render(t, c)
	if n := fontFiles(rare); n != 3 {
		t.Fatalf("card with 堃 embeds %d fonts, want 3", n)
	}
	if text := squash(pdfText(t, writeTemp(t, rare))); !strings.Contains(text, "王堃玥") {
		t.Errorf("rare name not in the text:\n%s", text)
	}
	if familyOf('堃') != famCJKFull || familyOf('王') != famCJK || familyOf('A') != famLatin || familyOf('，') != famCJK {
		t.Error("familyOf")
	}
}
