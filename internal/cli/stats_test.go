package cli

import (
	"encoding/csv"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"zhijiao/internal/mfrm"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// krippendorffCSV is the reliability data of Krippendorff (2011), section C, as a researcher would type it: one row
// per unit, one column per observer, NA and empty cells missing, with a byte order mark as spreadsheets save it.
const krippendorffCSV = "\xef\xbb\xbfA,B,C,D\n1,1,,1\n2,2,3,2\n3,3,3,3\n3,3,3,3\n2,2,2,2\n1,2,3,4\n4,4,4,4\n1,1,2,1\n2,2,2,2\nNA,5,5,5\n,,1,1\n,3,,\n"

func TestStatsAlphaPublished(t *testing.T) {
	path := writeFile(t, "k.csv", krippendorffCSV)
	// Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797; printed with 4 decimals.
	for level, want := range map[string]string{"nominal": "0.7434", "ordinal": "0.8154", "interval": "0.8491", "ratio": "0.7974"} {
		code, out, errOut := run(t, "stats", "alpha", "--level", level, path)
		if code != 0 || !strings.HasPrefix(out, "alpha = "+want) {
			t.Errorf("%s: %d %q %s", level, code, out, errOut)
		}
		if !strings.Contains(out, "95% 自助法区间") || !strings.Contains(out, "n = 40 个可配对评分") || !strings.Contains(out, "11 个评价对象") {
			t.Errorf("%s: no interval or n: %s", level, out)
		}
		if _, again, _ := run(t, "stats", "alpha", "--level", level, path); again != out {
			t.Errorf("%s: the same seed printed another interval", level)
		}
	}
	_, one, _ := run(t, "stats", "alpha", "--level", "ordinal", "--seed", "1", path)
	_, two, _ := run(t, "stats", "alpha", "--level", "ordinal", "--seed", "2", path)
	if one == two {
		t.Error("seeds 1 and 2 printed the same interval")
	}
	// Nominal categories may be words: only equality counts.
	words := strings.NewReplacer("1", "甲", "2", "乙", "3", "丙", "4", "丁", "5", "戊").Replace(krippendorffCSV)
	if code, out, _ := run(t, "stats", "alpha", "--level", "nominal", writeFile(t, "w.csv", words)); code != 0 || !strings.HasPrefix(out, "alpha = 0.7434") {
		t.Errorf("nominal words: %d %s", code, out)
	}
	if code, out, _ := run(t, "stats", "alpha", "--level", "ordinal", writeFile(t, "p.csv", "a,b\n1,1\n2,2\n")); code != 0 || !strings.Contains(out, "alpha = 1.0000") || !strings.Contains(out, "完全一致") || !strings.Contains(out, "[1.0000, 1.0000]") {
		t.Errorf("perfect agreement: %d %s", code, out)
	}
}

func TestStatsICCPublished(t *testing.T) {
	// Shrout & Fleiss (1979), Table 2: 6 targets × 4 judges; the paper's estimates .17 .29 .71 .44 .62 .91.
	path := writeFile(t, "sf.csv", "j1,j2,j3,j4\n9,2,5,8\n6,1,3,2\n8,4,6,8\n7,1,2,6\n10,5,6,9\n6,2,4,7\n")
	code, out, errOut := run(t, "stats", "icc", path)
	want := "ICC(1,1)\t0.1657\nICC(2,1)\t0.2898\nICC(3,1)\t0.7148\nICC(1,k)\t0.4428\nICC(2,k)\t0.6201\nICC(3,k)\t0.9093\n"
	if code != 0 || out != want {
		t.Errorf("%d\n%s\nwant\n%s%s", code, out, want, errOut)
	}
}

func TestStatsKappaPublished(t *testing.T) {
	// Fleiss (1971) as commonly reproduced: 10 subjects, 14 raters, 5 categories, κ = 0.210; labels are words.
	counts := [][]int{{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}}
	cats := []string{"待合格", "合格", "良好", "优秀", "卓越"}
	var b strings.Builder
	for r := range 14 {
		if r > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, "评分者%d", r+1)
	}
	for _, row := range counts {
		var cells []string
		for c, n := range row {
			for range n {
				cells = append(cells, cats[c])
			}
		}
		b.WriteString("\n" + strings.Join(cells, ","))
	}
	code, out, errOut := run(t, "stats", "kappa", writeFile(t, "f.csv", b.String()+"\n"))
	if code != 0 || !strings.HasPrefix(out, "Fleiss kappa = 0.2099\n") || !strings.Contains(out, "P = 0.3780") || !strings.Contains(out, "Pe = 0.2128") || !strings.Contains(out, "Gwet AC1 = ") {
		t.Errorf("%d %s %s", code, out, errOut)
	}
}

// TestStatsMFRM fits a simulated school from a long CSV file: every rater, item and student comes back, with the
// planted severe teacher the most severe.
func TestStatsMFRM(t *testing.T) {
	ratings, _ := mfrm.Simulate(mfrm.SchoolDesign(150), 6)
	var b strings.Builder
	b.WriteString("student,rater,item,score\n")
	for _, r := range ratings {
		score := r.Score
		if r.Rater == mfrm.TeacherRaterBase {
			score = max(1, score-2)
		}
		fmt.Fprintf(&b, "S%d,R%d,指标%d,%g\n", r.Student, r.Rater, r.Item, score)
	}
	code, out, errOut := run(t, "stats", "mfrm", writeFile(t, "m.csv", b.String()))
	if code != 0 {
		t.Fatalf("%d %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "facet,id,measure,se,infit,outfit,count,observed,fair,extreme" {
		t.Fatalf("header %v", rows[0])
	}
	count := map[string]int{}
	top, topID := -100.0, ""
	for _, r := range rows[1:] {
		count[r[0]]++
		if r[0] == "rater" {
			if x, _ := strconv.ParseFloat(r[2], 64); x > top {
				top, topID = x, r[1]
			}
		}
	}
	if count["rater"] != 153 || count["item"] != 10 || count["student"] != 150 || count["threshold"] != 4 {
		t.Errorf("rows per facet %v", count)
	}
	if topID != fmt.Sprintf("R%d", mfrm.TeacherRaterBase) {
		t.Errorf("most severe rater %s (%.2f)", topID, top)
	}
	dis := "student,rater,item,score\na,x,1,1\na,x,2,2\nb,y,1,2\nb,y,2,1\n"
	if code, _, errOut := run(t, "stats", "mfrm", writeFile(t, "d.csv", dis)); code != 1 || !strings.Contains(errOut, "设计不连通") || !strings.Contains(errOut, "子集 / subset 2：学生 b；评分者 y") {
		t.Errorf("disconnected: %d %s", code, errOut)
	}
}

// TestStatsBadInput: every malformed file exits non-zero with a Chinese message naming the row, the column and the
// value, or what is wrong with the file.
func TestStatsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name    string
		args    []string
		content string
		want    string
	}{
		{"not a number", []string{"alpha", "--level", "interval"}, "a,b\n1,2\n3,x\n", `第 3 行第 2 列（b）的值 "x"：不是数字`},
		{"ragged row", []string{"icc"}, "a,b\n1,2\n3,4,5\n", "第 3 行：有 3 列，表头有 2 列"},
		{"icc missing", []string{"icc"}, "a,b\n1,2\nNA,4\n", `第 3 行第 1 列（a）的值 "NA"：ICC 需要完整数据`},
		{"empty file", []string{"icc"}, "", "文件为空"},
		{"header only", []string{"kappa"}, "a,b\n", "没有数据行"},
		{"one rater", []string{"alpha", "--level", "ordinal"}, "a\n1\n2\n", "至少需要 2 列"},
		{"all the same", []string{"alpha", "--level", "ordinal"}, "a,b\n3,3\n3,3\n", "所有可配对的评分都相同"},
		{"too few", []string{"alpha", "--level", "ordinal"}, "a,b\n3,\n,2\n", "数据不足"},
		{"no level", []string{"alpha"}, "a,b\n1,2\n", "请用 --level"},
		{"bad level", []string{"alpha", "--level", "cardinal"}, "a,b\n1,2\n", "--level \"cardinal\" 无效"},
		{"kappa uneven", []string{"kappa"}, "a,b,c\nx,y,z\nx,,y\n", "第 3 行有 2 个评分"},
		{"mfrm header", []string{"mfrm"}, "student,rater,score\n1,2,3\n", `表头缺少 "item" 列`},
		{"mfrm score", []string{"mfrm"}, "student,rater,item,score\ns,r,i,优\n", `第 2 行第 4 列（score）的值 "优"：分数不是数字`},
		{"mfrm empty id", []string{"mfrm"}, "student,rater,item,score\n,r,i,1\n", "第 2 行第 1 列（student）"},
		{"unknown statistic", []string{"median"}, "a,b\n1,2\n", "未知统计"},
	} {
		args := append(append([]string{"stats"}, tc.args...), writeFile(t, "x.csv", tc.content))
		code, _, errOut := run(t, args...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%s: exit %d, stderr %q, want %q", tc.name, code, errOut, tc.want)
		}
	}
	if code, _, _ := run(t, "stats", "icc", filepath.Join(t.TempDir(), "none.csv")); code != 1 {
		t.Errorf("missing file: exit %d", code)
	}
	if code, _, _ := run(t, "stats", "icc"); code != 2 {
		t.Errorf("no file: exit %d", code)
	}
}

// TestBenchRasch runs `zhijiao bench rasch` on a small cycle: it needs no database and prints its ratio and target.
func TestBenchRasch(t *testing.T) {
	code, out, errOut := run(t, "bench", "rasch", "--students", "100", "--runs", "1")
	if code != 0 || !strings.Contains(out, "比值 / ratio fit ÷ baseline") || !strings.Contains(out, "100 名学生") || !strings.Contains(out, "达成 / met") {
		t.Errorf("%d %s %s", code, out, errOut)
	}
}
