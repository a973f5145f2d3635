// Package workbook is the framework's .xlsx codec: one sheet 指标 with a row
// per indicator, and a sheet 说明 with the framework's code, name and
// grading and a few lines on how to fill the file. Write and Read are each
// other's inverse for everything the sheet holds; uploads are opened by
// roster.OpenXLSX, with the guards of every other upload.
package workbook

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
)

// Sheet names of the layout.
const (
	SheetIndicators = "指标"
	SheetNotes      = "说明"
)

// IndicatorColumns are the required columns of 指标.
var IndicatorColumns = []string{"维度", "维度权重", "指标代码", "指标名称", "指标权重", "量表", "自评", "互评", "班主任", "任课教师", "企业导师", "家长", "观测点"}

// choiceColumns follow IndicatorColumns; they are optional on import, so a
// file written before students chose levels still reads.
var choiceColumns = []string{"学生家长选项", "等级说明"}

// roleColumns are the columns of model.RaterRoles, in that order.
var roleColumns = []string{"自评", "互评", "班主任", "任课教师", "企业导师", "家长"}

// notesHelp are the lines on how to fill the file.
var notesHelp = [][]any{
	{"填写说明"},
	{"“指标”表每行一个评价指标；同一维度的各行“维度”“维度权重”相同，维度写作“名称（代码）”。"},
	{"权重均为百分比：各维度权重合计 100，同一维度内各指标权重合计 100，每个指标的各评价主体权重合计 100；不参与评价的主体留空。"},
	{"量表填 百分制、五分制 或 等级制：优秀=95/良好=85/合格=70/待合格=50。"},
	{"观测点每行一个，写作“代码 名称：描述”。"},
	{"宽严校正填 不校正，或 互评、班主任评、任课教师评 中的一个或几个（用顿号分隔）：这些评价主体的得分按评价者宽严度校正后再合成。"},
	{"导入时，方案代码与已有方案相同则保存为该方案的新版本，否则保存为新方案。"},
}

// FileName is "<name>_v<version>.<ext>".
func FileName(f model.Framework, ext string) string {
	return fmt.Sprintf("%s_v%d.%s", f.Name, f.Version, ext)
}

// rowWriter writes rows one after another on one sheet.
type rowWriter struct {
	x     *excelize.File
	sheet string
	row   int
}

func (rw *rowWriter) put(vals ...any) error {
	rw.row++
	cell, _ := excelize.CoordinatesToCellName(1, rw.row)
	return rw.x.SetSheetRow(rw.sheet, cell, &vals)
}

// Write writes f in the workbook layout.
func Write(w io.Writer, f model.Framework) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", SheetIndicators); err != nil {
		return err
	}
	if err := writeIndicators(x, f); err != nil {
		return err
	}
	if _, err := x.NewSheet(SheetNotes); err != nil {
		return err
	}
	if err := writeNotes(x, f); err != nil {
		return err
	}
	_, err := x.WriteTo(w)
	return err
}

func writeIndicators(x *excelize.File, f model.Framework) error {
	rw := &rowWriter{x: x, sheet: SheetIndicators}
	var head []any
	for _, c := range append(IndicatorColumns[:len(IndicatorColumns):len(IndicatorColumns)], choiceColumns...) {
		head = append(head, c)
	}
	if err := rw.put(head...); err != nil {
		return err
	}
	for _, d := range f.Dimensions {
		for _, ind := range d.Indicators {
			vals := []any{dimCell(d), d.Weight, ind.Code, ind.Name, ind.Weight, scaleCell(ind.Scale)}
			for _, role := range model.RaterRoles {
				if v, ok := ind.RoleWeights[role]; ok {
					vals = append(vals, v)
				} else {
					vals = append(vals, "")
				}
			}
			vals = append(vals, pointsCell(ind.ObservationPoints), choicesCell(ind.Choices), descriptorsCell(ind))
			if err := rw.put(vals...); err != nil {
				return err
			}
		}
	}
	x.SetColWidth(SheetIndicators, "A", "A", 16)
	x.SetColWidth(SheetIndicators, "D", "D", 16)
	x.SetColWidth(SheetIndicators, "F", "F", 12)
	x.SetColWidth(SheetIndicators, "M", "M", 60)
	return nil
}

func writeNotes(x *excelize.File, f model.Framework) error {
	rw := &rowWriter{x: x, sheet: SheetNotes}
	quota := 0.0
	mins := map[model.Level]float64{}
	for _, t := range f.Grading.Thresholds {
		mins[t.Level] = t.Min
		if t.Level == model.LevelExcellent {
			quota = t.MaxPercent
		}
	}
	rows := [][]any{
		{"方案代码", f.Code}, {"方案名称", f.Name}, {"版本", f.Version}, {"方案说明", f.Description},
		{"优秀最低分", mins[model.LevelExcellent]}, {"优秀名额比例", quota},
		{"良好最低分", mins[model.LevelGood]}, {"合格最低分", mins[model.LevelPass]},
		{FairRolesKey, fairRolesCell(f.Aggregation.FairRoles)},
		{},
	}
	for _, kv := range append(rows, notesHelp...) {
		if err := rw.put(kv...); err != nil {
			return err
		}
	}
	x.SetColWidth(SheetNotes, "A", "A", 16)
	x.SetColWidth(SheetNotes, "B", "B", 50)
	return nil
}

// FairRolesKey is the 说明 row of the severity correction (model.Aggregation.FairRoles).
const FairRolesKey = "宽严校正"

// noFairRoles is the cell of a framework that corrects no role.
const noFairRoles = "不校正"

// fairRolesCell writes the corrected roles by name, joined with 、, or 不校正.
func fairRolesCell(roles []model.RaterRole) string {
	if len(roles) == 0 {
		return noFairRoles
	}
	names := make([]string, len(roles))
	for i, r := range roles {
		names[i] = r.Name()
	}
	return strings.Join(names, "、")
}

// parseFairRolesCell reads what fairRolesCell writes; ok is false for a name that is no role.
func parseFairRolesCell(s string) (roles []model.RaterRole, ok bool) {
	if s == "" || s == noFairRoles {
		return nil, true
	}
	for _, name := range strings.FieldsFunc(s, func(r rune) bool { return r == '、' || r == ',' || r == '，' }) {
		name = strings.TrimSpace(name)
		found := false
		for _, r := range model.RaterRoles {
			if r.Name() == name {
				roles, found = append(roles, r), true
			}
		}
		if !found {
			return nil, false
		}
	}
	return roles, true
}

// dimCell writes a dimension as "名称（代码）".
func dimCell(d model.Dimension) string { return d.Name + "（" + d.Code + "）" }

// scaleCell writes a scale: 百分制, 五分制, or 等级制：优秀=95/良好=85/….
func scaleCell(sc model.Scale) string {
	if sc.Kind != model.ScaleLevels {
		return sc.Kind.Name()
	}
	var parts []string
	for _, l := range sc.Levels {
		parts = append(parts, l.Name+"="+eval.FormatValue(l.Points))
	}
	return sc.Kind.Name() + "：" + strings.Join(parts, "/")
}

// pointsCell writes observation points one per line: "代码 名称：描述".
func pointsCell(ps []model.ObservationPoint) string {
	var lines []string
	for _, p := range ps {
		line := p.Name
		if p.Code != "" {
			line = p.Code + " " + line
		}
		if p.Description != "" {
			line += "：" + p.Description
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
