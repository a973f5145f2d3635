package workbook

import (
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/validate"
)

// MaxUpload bounds an imported framework file.
const MaxUpload = 2 << 20

var dimCellRe = regexp.MustCompile(`^(.+?)[（(]([A-Za-z0-9_-]+)[)）]$`)

// reader reads the 指标 sheet, collecting problems that name their row.
type reader struct {
	f     model.Framework
	col   map[string]int
	dims  map[string]int // dimension name → index in f.Dimensions
	probs []string
}

func (rd *reader) bad(format string, a ...any) {
	rd.probs = append(rd.probs, fmt.Sprintf(format, a...))
}

func (rd *reader) cell(r []string, name string) string {
	if i, ok := rd.col[name]; ok && i < len(r) {
		return strings.TrimSpace(r[i])
	}
	return ""
}

// number reads a number cell of row n; empty is 0 when allowEmpty.
func (rd *reader) number(n int, r []string, name string, allowEmpty bool) float64 {
	v := rd.cell(r, name)
	if v == "" {
		if !allowEmpty {
			rd.bad("第 %d 行：“%s”不能为空", n, name)
		}
		return 0
	}
	x, err := validate.Number(v)
	if err != nil {
		rd.bad("第 %d 行：“%s”不是有效的数字（%s）", n, name, v)
	}
	return x
}

// Read reads an uploaded workbook in the layout Write writes. base gives
// what the sheets do not hold (aggregation, and grading when 说明 lacks
// it). Problems, the file's own included, are returned in Chinese, each
// naming its row.
func Read(r io.Reader, base model.Framework) (model.Framework, []string) {
	x, err := roster.OpenXLSX(r, roster.Limits{MaxBytes: MaxUpload})
	if err != nil {
		return model.Framework{}, []string{err.Error()}
	}
	defer x.Close()
	return read(x, base)
}

func read(x *excelize.File, base model.Framework) (model.Framework, []string) {
	rows, err := x.GetRows(SheetIndicators)
	if err != nil {
		return model.Framework{}, []string{"文件中没有名为“指标”的工作表"}
	}
	rd := &reader{f: eval.Clone(base), col: map[string]int{}, dims: map[string]int{}}
	rd.f.ID, rd.f.Dimensions = 0, nil
	if len(rows) == 0 {
		return rd.f, []string{"“指标”工作表是空的"}
	}
	for i, h := range rows[0] {
		rd.col[strings.TrimSpace(h)] = i
	}
	for _, c := range IndicatorColumns {
		if _, ok := rd.col[c]; !ok {
			rd.bad("“指标”工作表缺少“%s”列", c)
		}
	}
	if len(rd.probs) > 0 {
		return rd.f, rd.probs
	}
	for i, r := range rows[1:] {
		if strings.TrimSpace(strings.Join(r, "")) != "" {
			rd.indicatorRow(i+2, r)
		}
	}
	if notes, err := x.GetRows(SheetNotes); err == nil {
		rd.notes(notes)
	}
	return rd.f, rd.probs
}

// dimension finds or adds the dimension of row n; -1 when the row names
// none.
func (rd *reader) dimension(n int, r []string) int {
	dc := rd.cell(r, "维度")
	name, code := dc, ""
	if m := dimCellRe.FindStringSubmatch(dc); m != nil {
		name, code = strings.TrimSpace(m[1]), m[2]
	}
	if name == "" {
		rd.bad("第 %d 行：“维度”不能为空", n)
		return -1
	}
	w := rd.number(n, r, "维度权重", false)
	k, ok := rd.dims[name]
	if !ok {
		if code == "" {
			code = fmt.Sprintf("DIM%d", len(rd.f.Dimensions)+1)
		}
		rd.f.Dimensions = append(rd.f.Dimensions, model.Dimension{Code: code, Name: name, Weight: w})
		k = len(rd.f.Dimensions) - 1
		rd.dims[name] = k
	} else if rd.f.Dimensions[k].Weight != w {
		rd.bad("第 %d 行：维度“%s”的权重与前面的行不一致", n, name)
	}
	return k
}

// indicatorRow reads row n: its dimension and one indicator.
func (rd *reader) indicatorRow(n int, r []string) {
	k := rd.dimension(n, r)
	if k < 0 {
		return
	}
	ind := model.Indicator{Code: rd.cell(r, "指标代码"), Name: rd.cell(r, "指标名称"), Weight: rd.number(n, r, "指标权重", false), RoleWeights: map[model.RaterRole]float64{}}
	if ind.Code == "" {
		rd.bad("第 %d 行：“指标代码”不能为空", n)
	}
	sc, ok := parseScaleCell(rd.cell(r, "量表"))
	if !ok {
		rd.bad("第 %d 行：量表“%s”无法识别（应为 百分制、五分制 或 等级制：优秀=95/良好=85/…）", n, rd.cell(r, "量表"))
	}
	ind.Scale = sc
	for ri, rc := range roleColumns {
		if w := rd.number(n, r, rc, true); w != 0 {
			ind.RoleWeights[model.RaterRoles[ri]] = w
		}
	}
	for _, line := range strings.Split(rd.cell(r, "观测点"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			ind.ObservationPoints = append(ind.ObservationPoints, parsePointLine(line))
		}
	}
	if ind.Choices, ok = parseChoicesCell(rd.cell(r, "学生家长选项")); !ok {
		rd.bad("第 %d 行：学生家长选项“%s”无法识别（应为 优秀=95/良好=85/…，空着用默认）", n, rd.cell(r, "学生家长选项"))
	}
	if ind.Descriptors, ok = parseDescriptorsCell(rd.cell(r, "等级说明")); !ok {
		rd.bad("第 %d 行：等级说明应每行一条，写成“等级：说明”", n)
	}
	rd.f.Dimensions[k].Indicators = append(rd.f.Dimensions[k].Indicators, ind)
}

// notes reads the 说明 sheet: code, name, description and grading.
func (rd *reader) notes(rows [][]string) {
	kv := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			kv[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
		}
	}
	f := &rd.f
	if v := kv["方案代码"]; v != "" {
		f.Code = v
	}
	if v := kv["方案名称"]; v != "" {
		f.Name = v
	}
	if v, ok := kv["方案说明"]; ok {
		f.Description = v
	}
	// A file without the row (written before the setting) keeps base's setting, as for the rest of aggregation.
	if v, ok := kv[FairRolesKey]; ok {
		if roles, ok := parseFairRolesCell(v); ok {
			f.Aggregation.FairRoles = roles
		} else {
			rd.bad("“说明”工作表：“%s”应为 不校正，或 互评、班主任评、任课教师评 中的一个或几个（%s）", FairRolesKey, v)
		}
	}
	for _, g := range []struct {
		key   string
		level model.Level
		quota bool
	}{{"优秀最低分", model.LevelExcellent, false}, {"优秀名额比例", model.LevelExcellent, true}, {"良好最低分", model.LevelGood, false}, {"合格最低分", model.LevelPass, false}} {
		v, ok := kv[g.key]
		if !ok || v == "" {
			continue
		}
		x, err := validate.Number(v)
		if err != nil {
			rd.bad("“说明”工作表：“%s”不是有效的数字", g.key)
			continue
		}
		for i := range f.Grading.Thresholds {
			if t := &f.Grading.Thresholds[i]; t.Level == g.level {
				if g.quota {
					t.MaxPercent = x
				} else {
					t.Min = x
				}
			}
		}
	}
}
