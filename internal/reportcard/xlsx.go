package reportcard

import (
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// Sheet names of the class results workbook.
const (
	SheetResults = "评价结果"
	SheetNotes   = "说明"
)

// ClassWorkbook writes a class's results of one cycle as .xlsx: one row per
// student (rank, 学号, name, each dimension's score and level, 综合得分,
// 综合等级, complete), a sheet explaining the columns and the class's
// 评分者信度 (fair). rows are the class's result rows in rank order;
// results hold their dimensions.
func ClassWorkbook(w io.Writer, title string, rows []storage.ResultRow, results map[int64]model.StudentResult, f model.Framework, fair evalrun.ClassFairness) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetResults); err != nil {
		return err
	}
	row := 1
	set := func(sheet string, vals ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return x.SetSheetRow(sheet, cell, &vals)
	}
	if err := set(SheetResults, title); err != nil {
		return err
	}
	head := []any{"排名", "学号", "姓名"}
	for _, d := range f.Dimensions {
		head = append(head, d.Name+"得分", d.Name+"等级")
	}
	head = append(head, "综合得分", "综合等级", "评价是否完整")
	if err := set(SheetResults, head...); err != nil {
		return err
	}
	for _, r := range rows {
		res := results[r.StudentID]
		score := map[string]float64{}
		for _, d := range res.Dimensions {
			if d.Rated {
				score[d.Code] = d.Score
			}
		}
		var rank any = r.Rank
		if r.Incomplete {
			rank = "" // 待补评: not ranked
		}
		vals := []any{rank, r.StudentNo, r.StudentName}
		for _, d := range f.Dimensions {
			s, ok := score[d.Code]
			if !ok {
				vals = append(vals, "", "")
				continue
			}
			vals = append(vals, eval.Round2(s), string(eval.LevelFor(f.Grading, s)))
		}
		if r.Incomplete {
			vals = append(vals, "待补评", "", "待补评："+strings.Join(r.Missing, "；"))
		} else {
			vals = append(vals, eval.Round2(r.Total), string(r.Level), "是")
		}
		if err := set(SheetResults, vals...); err != nil {
			return err
		}
	}
	x.SetPanes(SheetResults, &excelize.Panes{Freeze: true, XSplit: 3, YSplit: 2, TopLeftCell: "D3", ActivePane: "bottomRight"})
	if err := notesSheet(x, f); err != nil {
		return err
	}
	if err := reliabilitySheet(x, fair); err != nil {
		return err
	}
	_, err := x.WriteTo(w)
	return err
}

// notesSheet explains every column of the results sheet (说明).
func notesSheet(x *excelize.File, f model.Framework) error {
	if _, err := x.NewSheet(SheetNotes); err != nil {
		return err
	}
	row := 1
	set := func(sheet string, vals ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return x.SetSheetRow(sheet, cell, &vals)
	}
	notes := [][]any{
		{"列", "含义"},
		{"排名", "在等级名额分组（" + quotaScope(f.Grading) + "）内按综合得分的名次，同分同名次"},
		{"学号、姓名", "学生学籍信息"},
		{"各维度得分", "该维度 0–100 分，保留两位小数：各指标按权重合成，含多元评价（自评、互评、教师、导师等）和已审核写实记录加减分；空白表示该维度尚无计分的指标"},
		{"各维度等级", "按评价方案的等级分数线由该维度得分划定（不受名额限制）"},
		{"综合得分", "各维度按权重合成的总分，0–100 分，保留两位小数（等级按此数判定），已计入申诉更正；“待补评”表示缺少方案要求的评价，不计总分"},
		{"综合等级", "按分数线并经名额限制后的等级：优秀 / 良好 / 合格 / 待合格"},
		{"评价是否完整", "“待补评”后列出缺少评价的指标：这些学生不排名、不评定等级，也不占名额"},
		{"评分者信度", "“评分者信度”表：每个互评指标一位同学评分的 Krippendorff α 及 95% 区间、k 位同学平均分的信度与达到 0.80 所需人数、等级评分的一致性，以及值得复核的评分者（与网页“评分者信度与提示”相同）"},
		{"说明", "本表由职教引擎导出，互评者身份不出现在任何导出中"},
	}
	for _, n := range notes {
		if err := set(SheetNotes, n...); err != nil {
			return err
		}
	}
	x.SetColWidth(SheetNotes, "A", "A", 16)
	x.SetColWidth(SheetNotes, "B", "B", 90)
	return nil
}

func quotaScope(g model.Grading) string {
	switch g.QuotaScope {
	case model.QuotaByCycle:
		return "全校"
	case model.QuotaByCohort:
		return "年级"
	case model.QuotaByMajor:
		return "专业"
	}
	if g.SmallClassScope != "" {
		return "班级；人数不足一个名额的小班合并计算"
	}
	return "班级"
}
