package cli

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"zhijiao/internal/stats"
)

func init() {
	register(&command{name: "stats", summary: "研究者统计：alpha 信度（含自助法区间）、icc 组内相关、kappa（Fleiss）、mfrm 多面 Rasch，读 CSV 文件 / statistics for researchers on CSV files: alpha (with bootstrap interval), icc, kappa (Fleiss), mfrm (many-facet Rasch)",
		usage: "alpha --level nominal|ordinal|interval|ratio [--resamples N] [--seed N] FILE.csv | icc FILE.csv | kappa FILE.csv | mfrm FILE.csv  （FILE 为 - 时读标准输入 / - reads standard input）\n\n" +
			"  alpha、icc、kappa：第 1 行为表头（评分者），每行一个评价对象，每列一个评分者；空格或 NA 为缺失（icc 不允许缺失）。\n" +
			"  alpha, icc, kappa: row 1 is a header (raters); one row per unit, one column per rater; empty or NA is missing (not for icc).\n" +
			"  mfrm：长格式，表头 student,rater,item,score，每行一条评分；输出评分者宽严、指标难度、学生能力（logit）的 CSV。\n" +
			"  mfrm: long format with header student,rater,item,score; prints rater severities, item difficulties and student measures (logits) as CSV.",
		run: runStats})
}

var statsLevels = map[string]stats.Level{"nominal": stats.Nominal, "ordinal": stats.Ordinal, "interval": stats.Interval, "ratio": stats.Ratio}

func runStats(ctx context.Context, e *env, args []string) error {
	level := e.fs.String("level", "", "alpha（必填 / required）：测量尺度 nominal 定类、ordinal 定序（等级、五分制）、interval 定距（百分制）、ratio 定比 / level of measurement")
	resamples := e.fs.Int("resamples", stats.DefaultResamples, "alpha：自助法重抽样次数 / bootstrap resamples")
	seed := e.fs.Uint64("seed", 1, "alpha：随机种子，相同种子得到相同区间 / random seed; the same seed gives the same interval")
	what, err := e.sub(args)
	if err != nil {
		return err
	}
	if len(e.args) != 1 {
		e.fs.Usage()
		return errUsage
	}
	t, err := readTable(e.args[0], os.Stdin)
	if err != nil {
		return err
	}
	switch what {
	case "alpha":
		lv, ok := statsLevels[strings.ToLower(*level)]
		if *level == "" {
			return errors.New("请用 --level 指定测量尺度：nominal、ordinal、interval 或 ratio / --level is required")
		}
		if !ok {
			return fmt.Errorf("--level %q 无效，可用 nominal、ordinal、interval、ratio / invalid level", *level)
		}
		return statsAlpha(e, t, lv, *resamples, *seed)
	case "icc":
		return statsICC(e, t)
	case "kappa":
		return statsKappa(e, t)
	case "mfrm":
		return statsMFRM(e, t)
	}
	return fmt.Errorf("未知统计 %q（可用：alpha、icc、kappa、mfrm）/ unknown statistic", what)
}

// needRaters checks a wide file has at least two rater columns and one unit.
func needRaters(t *table) error {
	if len(t.header) < 2 {
		return errors.New("表头至少需要 2 列（每列一个评分者）/ the header needs at least 2 rater columns")
	}
	if len(t.rows) == 0 {
		return errors.New("表头之后没有数据行 / no data rows after the header")
	}
	return nil
}

func statsAlpha(e *env, t *table, level stats.Level, resamples int, seed uint64) error {
	if err := needRaters(t); err != nil {
		return err
	}
	var units [][]float64
	var err error
	if level == stats.Nominal {
		units, _ = t.labels() // categories may be words; only equality counts
	} else if units, err = t.numbers(false); err != nil {
		return err
	}
	a, err := stats.AlphaBootstrap(units, level, resamples, seed)
	switch a.State {
	case stats.AlphaAllSame:
		return errors.New("α 无定义：所有可配对的评分都相同（评分者完全一致，但没有差异可比）/ undefined: every pairable value is the same (full agreement, no variation)")
	case stats.AlphaTooFew:
		return errors.New("α 无定义：数据不足，可配对的评分少于 2 个（每个对象至少需要 2 个评分）/ undefined: not enough data, fewer than 2 pairable values")
	}
	if err != nil {
		return err
	}
	w := e.stdout
	note := ""
	if a.State == stats.AlphaPerfect {
		note = "，完全一致 / perfect agreement"
	}
	fmt.Fprintf(w, "alpha = %.4f（%s / %s%s）\n", a.Alpha, level, strings.ToLower(levelName(level)), note)
	fmt.Fprintf(w, "95%% 自助法区间 / bootstrap interval: [%.4f, %.4f]（%d 次重抽样 / resamples，种子 / seed %d）\n", a.Low, a.High, a.Resamples, seed)
	fmt.Fprintf(w, "n = %d 个可配对评分 / pairable values，%d 个评价对象 / units\n", a.Values, a.Units)
	return nil
}

func levelName(l stats.Level) string {
	for name, lv := range statsLevels {
		if lv == l {
			return name
		}
	}
	return "?"
}

func statsICC(e *env, t *table) error {
	if err := needRaters(t); err != nil {
		return err
	}
	m, err := t.numbers(true)
	if err != nil {
		return err
	}
	r, err := stats.ICC(m)
	if err != nil {
		return err
	}
	for _, line := range []struct {
		name string
		v    float64
	}{{"ICC(1,1)", r.ICC11}, {"ICC(2,1)", r.ICC21}, {"ICC(3,1)", r.ICC31}, {"ICC(1,k)", r.ICC1K}, {"ICC(2,k)", r.ICC2K}, {"ICC(3,k)", r.ICC3K}} {
		fmt.Fprintf(e.stdout, "%s\t%s\n", line.name, fixed(line.v))
	}
	return nil
}

// fixed prints a coefficient with 4 decimals, or NaN for an undefined one.
func fixed(x float64) string {
	if math.IsNaN(x) {
		return "NaN"
	}
	return strconv.FormatFloat(x, 'f', 4, 64)
}

func statsKappa(e *env, t *table) error {
	if err := needRaters(t); err != nil {
		return err
	}
	units, names := t.labels()
	counts, _, err := stats.CategoryCounts(units)
	if err != nil {
		return err
	}
	for i, row := range counts {
		n, first := 0, 0
		for _, c := range row {
			n += c
		}
		for _, c := range counts[0] {
			first += c
		}
		if n != first {
			return fmt.Errorf("第 %d 行有 %d 个评分，第 2 行有 %d 个：Fleiss κ 要求每个对象的评分人数相同 / every subject needs the same number of ratings", t.line[i], n, first)
		}
	}
	f, err := stats.FleissKappa(counts)
	if err != nil {
		return err
	}
	ac1, err := stats.GwetAC1(counts)
	if err != nil {
		return err
	}
	w := e.stdout
	fmt.Fprintf(w, "Fleiss kappa = %.4f\n", f.Kappa)
	fmt.Fprintf(w, "观察一致 / observed agreement P = %.4f，机遇一致 / chance agreement Pe = %.4f\n", f.Observed, f.Expected)
	fmt.Fprintf(w, "Gwet AC1 = %.4f\n", ac1)
	fmt.Fprintf(w, "n = %d 个对象 / subjects × %d 名评分者 / raters，%d 个类别 / categories\n", f.Subjects, f.Raters, len(names))
	return nil
}
