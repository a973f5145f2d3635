package reportcard

import (
	"fmt"
	"math"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

// SheetReliability is the class results workbook's sheet of 评分者信度与
// 提示: the peers' reliability per indicator and the flags, as the
// fairness page shows them.
const SheetReliability = "评分者信度"

// reliabilitySheet writes fa on its own sheet. Peers are never named in an
// export (the promise of the notes sheet), so a flagged classmate appears
// as 互评同学 only; a self gap names the student, whose own rating it is.
func reliabilitySheet(x *excelize.File, fa evalrun.ClassFairness) error {
	if _, err := x.NewSheet(SheetReliability); err != nil {
		return err
	}
	row := 1
	set := func(vals ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return x.SetSheetRow(SheetReliability, cell, &vals)
	}
	head := []any{"维度", "指标", "尺度", "互评人数", "学生数", "可配对评分数", "单人 α", "α 区间下限", "α 区间上限",
		"每生互评人数 k", "k 人平均信度", "平均信度区间下限", "平均信度区间上限", "达到 0.80 需要人数", "提示",
		"完全相同", "相差不超过一级", "加权 κ", "Fleiss κ", "Gwet AC1"}
	if err := set(head...); err != nil {
		return err
	}
	for _, ir := range fa.Indicators {
		alpha := any(ir.Alpha.State.String())
		if ir.Alpha.State == stats.AlphaEstimated || ir.Alpha.State == stats.AlphaPerfect {
			alpha = cellNum(ir.Alpha.Alpha)
		}
		needed := any("")
		if ir.NeededOK {
			needed = ir.Needed
		}
		badge := map[string]string{"warn": "低于 0.667，宜复核", "tentative": "低于 0.80，仅供参考"}[ir.Badge()]
		vals := []any{ir.Dimension, ir.Name, ir.Level.String(), ir.Peers, ir.Students, ir.Alpha.Values, alpha,
			cellNum(ir.Alpha.Low), cellNum(ir.Alpha.High), ir.K, cellNum(ir.Mean), cellNum(ir.MeanLow), cellNum(ir.MeanHigh), needed, badge}
		if ag := ir.Agreement; ag != nil {
			vals = append(vals, cellNum(ag.Exact), cellNum(ag.Adjacent), cellNum(ag.Kappa), cellNum(ag.Fleiss), cellNum(ag.AC1))
		}
		if err := set(vals...); err != nil {
			return err
		}
	}
	row++
	if err := set("提示", "对象", "说明"); err != nil {
		return err
	}
	if len(fa.Flags) == 0 {
		return set("", "", "没有需要复核的评分")
	}
	for _, f := range fa.Flags {
		who := fmt.Sprintf("%s #%d", f.Role.Name(), f.RaterID)
		switch f.Role {
		case model.RaterPeer:
			who = "互评同学（导出中不显示身份）"
		case model.RaterSelf:
			who = fa.Names[f.RaterID] + "（自评）"
		case model.RaterHeadTeacher, model.RaterSubjectTeacher:
			if f.Name != "" {
				who = f.Name + "（" + f.Role.Name() + "）"
			}
		}
		if err := set(string(f.Kind), who, f.Reason); err != nil {
			return err
		}
	}
	x.SetColWidth(SheetReliability, "B", "B", 16)
	return x.SetColWidth(SheetReliability, "C", "C", 60)
}

// cellNum is a coefficient rounded to 3 decimals, or an empty cell.
func cellNum(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return ""
	}
	return math.Round(v*1000) / 1000
}
