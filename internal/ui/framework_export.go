package ui

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/eval"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// maxFrameworkUpload bounds an imported framework file.
const maxFrameworkUpload = 2 << 20

// The xlsx layout of a framework: one sheet 指标, one row per indicator,
// and a sheet 说明 with the framework's code, name and grading and a few
// lines on how to fill the file.
const (
	sheetIndicators = "指标"
	sheetNotes      = "说明"
)

var indicatorColumns = []string{"维度", "维度权重", "指标代码", "指标名称", "指标权重", "量表", "自评", "互评", "班主任", "任课教师", "企业导师", "家长", "观测点"}

// choiceColumns follow indicatorColumns; they are optional on import, so a
// file written before students chose levels still reads.
var choiceColumns = []string{"学生家长选项", "等级说明"}

// frameworkFileName is "<name>_v<version>.<ext>".
func frameworkFileName(f model.Framework, ext string) string {
	return httpx.FileName(fmt.Sprintf("%s_v%d.%s", f.Name, f.Version, ext), "framework."+ext)
}

func (s *Server) frameworkExportJSON(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	b, err := eval.ExportJSON(f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", "attachment; filename=\"framework.json\"; filename*=UTF-8''"+pathEscape(frameworkFileName(f, "json")))
	w.Write(b)
}

func (s *Server) frameworkExportXLSX(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := writeFrameworkXLSX(&buf, f); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendFile(w, frameworkFileName(f, "xlsx"), buf.Bytes())
}

// scaleCell writes a scale: 百分制, 五分制, or 等级制：优秀=95/良好=85/….
func scaleCell(sc model.Scale) string {
	if sc.Kind != model.ScaleLevels {
		return sc.Kind.Name()
	}
	var parts []string
	for _, l := range sc.Levels {
		parts = append(parts, l.Name+"="+num(l.Points))
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

func dimCell(d model.Dimension) string { return d.Name + "（" + d.Code + "）" }

func writeFrameworkXLSX(w io.Writer, f model.Framework) error {
	x := excelize.NewFile()
	defer x.Close()
	if err := x.SetSheetName("Sheet1", sheetIndicators); err != nil {
		return err
	}
	row := 1
	set := func(sheet string, vals ...any) error {
		cell, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return x.SetSheetRow(sheet, cell, &vals)
	}
	var head []any
	for _, c := range append(indicatorColumns[:len(indicatorColumns):len(indicatorColumns)], choiceColumns...) {
		head = append(head, c)
	}
	if err := set(sheetIndicators, head...); err != nil {
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
			if err := set(sheetIndicators, vals...); err != nil {
				return err
			}
		}
	}
	x.SetColWidth(sheetIndicators, "A", "A", 16)
	x.SetColWidth(sheetIndicators, "D", "D", 16)
	x.SetColWidth(sheetIndicators, "F", "F", 12)
	x.SetColWidth(sheetIndicators, "M", "M", 60)
	x.NewSheet(sheetNotes)
	row = 1
	quota := 0.0
	mins := map[model.Level]float64{}
	for _, t := range f.Grading.Thresholds {
		mins[t.Level] = t.Min
		if t.Level == model.LevelExcellent {
			quota = t.MaxPercent
		}
	}
	for _, kv := range [][]any{
		{"方案代码", f.Code}, {"方案名称", f.Name}, {"版本", f.Version}, {"方案说明", f.Description},
		{"优秀最低分", mins[model.LevelExcellent]}, {"优秀名额比例", quota},
		{"良好最低分", mins[model.LevelGood]}, {"合格最低分", mins[model.LevelPass]},
		{},
		{"填写说明"},
		{"“指标”表每行一个评价指标；同一维度的各行“维度”“维度权重”相同，维度写作“名称（代码）”。"},
		{"权重均为百分比：各维度权重合计 100，同一维度内各指标权重合计 100，每个指标的各评价主体权重合计 100；不参与评价的主体留空。"},
		{"量表填 百分制、五分制 或 等级制：优秀=95/良好=85/合格=70/待合格=50。"},
		{"观测点每行一个，写作“代码 名称：描述”。"},
		{"导入时，方案代码与已有方案相同则保存为该方案的新版本，否则保存为新方案。"},
	} {
		if err := set(sheetNotes, kv...); err != nil {
			return err
		}
	}
	x.SetColWidth(sheetNotes, "A", "A", 16)
	x.SetColWidth(sheetNotes, "B", "B", 50)
	_, err := x.WriteTo(w)
	return err
}

var dimCellRe = regexp.MustCompile(`^(.+?)[（(]([A-Za-z0-9_-]+)[)）]$`)

// readFrameworkXLSX reads the layout writeFrameworkXLSX writes. base gives
// what the sheet does not hold (aggregation, and grading when 说明 lacks
// it). Problems name their row.
func readFrameworkXLSX(data []byte, base model.Framework) (model.Framework, []string) {
	x, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return model.Framework{}, []string{"无法读取 Excel 文件，请确认是 .xlsx 格式"}
	}
	defer x.Close()
	rows, err := x.GetRows(sheetIndicators)
	if err != nil {
		return model.Framework{}, []string{"文件中没有名为“指标”的工作表"}
	}
	var probs []string
	bad := func(format string, a ...any) { probs = append(probs, fmt.Sprintf(format, a...)) }
	f := eval.Clone(base)
	f.ID, f.Dimensions = 0, nil
	if len(rows) == 0 {
		return f, []string{"“指标”工作表是空的"}
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range indicatorColumns {
		if _, ok := col[c]; !ok {
			bad("“指标”工作表缺少“%s”列", c)
		}
	}
	if len(probs) > 0 {
		return f, probs
	}
	cell := func(r []string, name string) string {
		if i, ok := col[name]; ok && i < len(r) {
			return strings.TrimSpace(r[i])
		}
		return ""
	}
	number := func(n int, r []string, name string, allowEmpty bool) float64 {
		v := cell(r, name)
		if v == "" {
			if !allowEmpty {
				bad("第 %d 行：“%s”不能为空", n, name)
			}
			return 0
		}
		x, err := validate.Number(v)
		if err != nil {
			bad("第 %d 行：“%s”不是有效的数字（%s）", n, name, v)
		}
		return x
	}
	roleCols := []string{"自评", "互评", "班主任", "任课教师", "企业导师", "家长"}
	dims := map[string]int{}
	for i, r := range rows[1:] {
		n := i + 2
		if strings.TrimSpace(strings.Join(r, "")) == "" {
			continue
		}
		dc := cell(r, "维度")
		dimName, dimCode := dc, ""
		if m := dimCellRe.FindStringSubmatch(dc); m != nil {
			dimName, dimCode = strings.TrimSpace(m[1]), m[2]
		}
		if dimName == "" {
			bad("第 %d 行：“维度”不能为空", n)
			continue
		}
		dw := number(n, r, "维度权重", false)
		k, ok := dims[dimName]
		if !ok {
			if dimCode == "" {
				dimCode = fmt.Sprintf("DIM%d", len(f.Dimensions)+1)
			}
			f.Dimensions = append(f.Dimensions, model.Dimension{Code: dimCode, Name: dimName, Weight: dw})
			k = len(f.Dimensions) - 1
			dims[dimName] = k
		} else if f.Dimensions[k].Weight != dw {
			bad("第 %d 行：维度“%s”的权重与前面的行不一致", n, dimName)
		}
		ind := model.Indicator{Code: cell(r, "指标代码"), Name: cell(r, "指标名称"), Weight: number(n, r, "指标权重", false), RoleWeights: map[model.RaterRole]float64{}}
		if ind.Code == "" {
			bad("第 %d 行：“指标代码”不能为空", n)
		}
		sc, ok := parseScaleCell(cell(r, "量表"))
		if !ok {
			bad("第 %d 行：量表“%s”无法识别（应为 百分制、五分制 或 等级制：优秀=95/良好=85/…）", n, cell(r, "量表"))
		}
		ind.Scale = sc
		for ri, rc := range roleCols {
			if w := number(n, r, rc, true); w != 0 {
				ind.RoleWeights[model.RaterRoles[ri]] = w
			}
		}
		for _, line := range strings.Split(cell(r, "观测点"), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				ind.ObservationPoints = append(ind.ObservationPoints, parsePointLine(line))
			}
		}
		var ok2 bool
		if ind.Choices, ok2 = parseChoicesCell(cell(r, "学生家长选项")); !ok2 {
			bad("第 %d 行：学生家长选项“%s”无法识别（应为 优秀=95/良好=85/…，空着用默认）", n, cell(r, "学生家长选项"))
		}
		if ind.Descriptors, ok2 = parseDescriptorsCell(cell(r, "等级说明")); !ok2 {
			bad("第 %d 行：等级说明应每行一条，写成“等级：说明”", n)
		}
		f.Dimensions[k].Indicators = append(f.Dimensions[k].Indicators, ind)
	}
	if notes, err := x.GetRows(sheetNotes); err == nil {
		kv := map[string]string{}
		for _, r := range notes {
			if len(r) >= 2 {
				kv[strings.TrimSpace(r[0])] = strings.TrimSpace(r[1])
			}
		}
		if v := kv["方案代码"]; v != "" {
			f.Code = v
		}
		if v := kv["方案名称"]; v != "" {
			f.Name = v
		}
		if v, ok := kv["方案说明"]; ok {
			f.Description = v
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
				bad("“说明”工作表：“%s”不是有效的数字", g.key)
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
	return f, probs
}

func parseScaleCell(v string) (model.Scale, bool) {
	switch v {
	case "百分制", string(model.ScaleScore100):
		return model.Scale{Kind: model.ScaleScore100}, true
	case "五分制", string(model.ScaleRating5):
		return model.Scale{Kind: model.ScaleRating5}, true
	case "等级制", string(model.ScaleLevels):
		return model.Scale{Kind: model.ScaleLevels, Levels: defaultLevels()}, true
	}
	rest, ok := strings.CutPrefix(v, "等级制")
	if !ok {
		return model.Scale{}, false
	}
	rest = strings.TrimLeft(rest, "：: ")
	sc := model.Scale{Kind: model.ScaleLevels}
	pairs, ok := parseNamedNumbers(rest)
	for _, p := range pairs {
		sc.Levels = append(sc.Levels, model.ScaleLevel{Name: p.Name, Points: p.Value})
	}
	return sc, ok
}

// parseNamedNumbers reads "优秀=95/良好=85/…" (also separated by 、，,),
// the spelling of a scale's levels and of an indicator's choices; ok is
// false for a part without "=number" or for nothing at all.
func parseNamedNumbers(v string) ([]model.Choice, bool) {
	var out []model.Choice
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '、' || r == '，' || r == ',' }) {
		name, val, ok := strings.Cut(part, "=")
		if !ok {
			return nil, false
		}
		x, err := validate.Number(val)
		if err != nil {
			return nil, false
		}
		out = append(out, model.Choice{Name: strings.TrimSpace(name), Value: x})
	}
	return out, len(out) > 0
}

var pointCodeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func parsePointLine(line string) model.ObservationPoint {
	var p model.ObservationPoint
	head, desc, _ := strings.Cut(line, "：")
	p.Description = strings.TrimSpace(desc)
	if code, name, ok := strings.Cut(head, " "); ok && pointCodeRe.MatchString(code) {
		p.Code, head = code, name
	}
	p.Name = strings.TrimSpace(head)
	return p
}

// frameworkImport reads an uploaded framework (JSON from 导出 JSON, or the
// xlsx layout), validates it and saves it as a new framework or, when its
// code exists, as a new version of that framework.
func (s *Server) frameworkImport(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	fail := func(status int, probs ...string) {
		s.frameworkListPage(w, r, status, frameworkListData{Errors: probs})
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxFrameworkUpload+64<<10)
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			fail(http.StatusRequestEntityTooLarge, "文件太大：上限为 2 MB")
		} else {
			fail(http.StatusBadRequest, "请选择要导入的评价方案文件（.json 或 .xlsx）")
		}
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, maxFrameworkUpload+1))
	if err != nil {
		fail(http.StatusBadRequest, "文件读取失败，请重新上传")
		return
	}
	if len(data) > maxFrameworkUpload {
		fail(http.StatusRequestEntityTooLarge, "文件太大：上限为 2 MB")
		return
	}
	var f model.Framework
	switch strings.ToLower(path.Ext(hdr.Filename)) {
	case ".json":
		f, err = eval.ImportJSON(data)
		if err != nil {
			fail(http.StatusUnprocessableEntity, validationProblems(err)...)
			return
		}
	case ".xlsx":
		base := eval.DefaultFramework()
		base.Code, base.Name, base.Description = "", "", ""
		var probs []string
		f, probs = readFrameworkXLSX(data, base)
		if len(probs) == 0 && f.Code == "" {
			probs = append(probs, "“说明”工作表缺少“方案代码”")
		}
		if len(probs) == 0 {
			// A new version of an existing code keeps that framework's
			// aggregation settings, which the sheet does not hold.
			if list, err := s.st.FrameworkVersions(ctx, school, f.Code); err == nil && len(list) > 0 {
				if prev, err := s.st.Framework(ctx, school, list[0].ID); err == nil {
					f.Aggregation = prev.Aggregation
				}
			}
			f.Version = 1
			if err := eval.Validate(f); err != nil {
				probs = validationProblems(err)
			}
		}
		if len(probs) > 0 {
			fail(http.StatusUnprocessableEntity, probs...)
			return
		}
	default:
		fail(http.StatusUnprocessableEntity, "只能导入 .json 或 .xlsx 格式的评价方案文件")
		return
	}
	if f.Version < 1 {
		f.Version = 1
	}
	if err := s.st.SaveFrameworkVersion(ctx, school, actor(r), &f); err != nil {
		fail(http.StatusUnprocessableEntity, err.Error())
		return
	}
	s.redirect(w, r, "/frameworks/"+itoa64(f.ID), fmt.Sprintf("已导入为“%s”第 %d 版", f.Name, f.Version))
}

// validationProblems lists an eval.ValidationError's problems one by one.
func validationProblems(err error) []string {
	var ve *eval.ValidationError
	if errors.As(err, &ve) {
		return ve.Problems
	}
	return []string{err.Error()}
}
