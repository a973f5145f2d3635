package importer

import (
	"bytes"
	"context"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// The school's existing 科研成果 ledgers (docs/research.md section 1): one
// sheet, one output a row, its kind in the 类别 column and only the
// kind's columns filled. Contributors are one cell, "张三(主持);李四 T002;
// 外单位:王五". The export writes the same columns (and 编号 and 状态,
// which the import ignores), so an export imports again.

// researchColumn is a ledger column and the field it fills: the shared
// columns by name, a kind's own fields by key.
type researchColumn struct{ Col, Field string }

var researchColumns = []researchColumn{
	{"类别", "kind"}, {"成果名称", "title"}, {"级别", "level"}, {"等级", "grade"}, {"日期", "dated_on"},
	{"立项日期", "stage_0"}, {"中期日期", "stage_1"}, {"结题日期", "stage_2"},
	{"立项号", research.FProjectNo}, {"立项单位", research.FFunder}, {"经费（元）", research.FFunding},
	{"期刊名称", research.FJournal}, {"CN 号", research.FCN}, {"ISSN", research.FISSN}, {"年", research.FYear}, {"期", research.FIssue},
	{"页码", research.FPages}, {"DOI", research.FDOI}, {"出版社", research.FPublisher}, {"ISBN", research.FISBN}, {"教材形态", research.FForm},
	{"专利号", research.FPatentNo}, {"申请日", research.FFiledOn}, {"颁奖/认定单位", research.FAwarder}, {"竞赛名称", research.FCompetition},
	{"团队名称", research.FTeam}, {"合作单位", research.FPartner}, {"转化金额（元）", research.FAmount}, {"成员", "contributors"},
}

// ResearchColumns are the ledger's columns in order.
func ResearchColumns() []string {
	out := make([]string, len(researchColumns))
	for i, c := range researchColumns {
		out[i] = c.Col
	}
	return out
}

var researchRequired = []string{"类别", "成果名称", "成员"}

// ImportResearchOutputs reads a ledger and writes every output as
// verified, all or none: any row's problem (named by row, column, value
// and reason) or an identifier already recorded writes nothing.
func ImportResearchOutputs(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, r io.Reader) (SheetOutcome, error) {
	sh, probs := openSheet(r, researchRequired)
	if probs != nil {
		return SheetOutcome{Problems: probs}, nil
	}
	teachers, err := st.ResearchTeachers(ctx, schoolID)
	if err != nil {
		return SheetOutcome{}, err
	}
	set, err := st.ResearchSettings(ctx, schoolID)
	if err != nil {
		return SheetOutcome{}, err
	}
	var out []storage.ResearchImportRow
	n := 1
	probs = sh.each(func(row []string) []string {
		for n++; n <= len(sh.rows) && strings.TrimSpace(strings.Join(sh.rows[n-1], "")) == ""; n++ {
		}
		o, bad := researchRow(sh, row, teachers, set)
		if len(bad) == 0 {
			out = append(out, storage.ResearchImportRow{Row: n, Output: o})
		}
		return bad
	})
	if len(probs) > 0 {
		return SheetOutcome{Problems: probs}, nil
	}
	if err := st.ImportResearchOutputs(ctx, schoolID, a, out); err != nil {
		if errors.Is(err, storage.ErrRefused) {
			return SheetOutcome{Problems: []string{err.Error()}}, nil
		}
		return SheetOutcome{}, err
	}
	return SheetOutcome{Written: len(out)}, nil
}

// researchRow reads one row with the form's rules, each problem naming
// its column and value.
func researchRow(sh *sheet, row []string, teachers []research.TeacherRef, set research.Settings) (model.ResearchOutput, []string) {
	cols := map[string]string{}
	for _, c := range researchColumns {
		cols[c.Field] = c.Col
	}
	rep := &rowReporter{cols: cols, open: "「", close: "」"}
	in := validate.ResearchText{Kind: sh.get(row, "类别"), Title: sh.get(row, "成果名称"), Level: sh.get(row, "级别"), Grade: sh.get(row, "等级"),
		Fields: map[string]string{}, Stages: map[string]string{}}
	day := func(col string) string {
		v := sh.get(row, col)
		if v == "" {
			return ""
		}
		d, err := roster.ParseDay(v, sh.date1904)
		if err != nil {
			rep.bad = append(rep.bad, "「"+col+"」“"+v+"”无法识别："+err.Error())
			return ""
		}
		return d
	}
	in.DatedOn = day("日期")
	for i, st := range research.Stages {
		in.Stages[st] = day(cols["stage_"+strconv.Itoa(i)])
	}
	for _, c := range researchColumns[8 : len(researchColumns)-1] {
		if c.Field == research.FFiledOn {
			in.Fields[c.Field] = day(c.Col)
			continue
		}
		in.Fields[c.Field] = sh.get(row, c.Col)
	}
	cs, err := research.ParseContributors(sh.get(row, "成员"), teachers)
	if err != nil {
		rep.bad = append(rep.bad, "「成员」"+err.Error())
	}
	for _, c := range cs {
		t := validate.ContributorText{Name: c.Name, Role: c.Role}
		if c.Share != nil {
			t.Share = strconv.FormatFloat(*c.Share, 'f', -1, 64)
		}
		if c.TeacherID != 0 {
			t.TeacherID, t.Name = strconv.FormatInt(c.TeacherID, 10), ""
		}
		in.Contributors = append(in.Contributors, t)
	}
	o := validate.ResearchOutput(in, set, storage.Today(), rep)
	if slices.ContainsFunc(row, func(c string) bool { return validate.Control(c) != "" }) {
		rep.bad = append(rep.bad, validate.ControlReason)
	}
	return o, rep.bad
}

// ResearchTemplate is the ledger to fill: the columns, one example row of
// a paper and a drop-down list of the kinds.
func ResearchTemplate() ([]byte, error) {
	cols := ResearchColumns()
	example := make([]string, len(cols))
	for i, c := range cols {
		example[i] = map[string]string{"类别": "论文", "成果名称": "基于岗课赛证融通的中职课堂教学改革研究", "等级": "省级期刊", "日期": "2026-05-10",
			"期刊名称": "职业教育研究", "ISSN": "1671-0568", "年": "2026", "期": "5", "页码": "12-15", "成员": "张三 T001(第一作者);外单位:王五"}[c]
	}
	kinds := make([]string, len(research.Kinds))
	for i, k := range research.Kinds {
		kinds[i] = k.Name()
	}
	widths := make([]float64, len(cols))
	for i := range widths {
		widths[i] = 14
	}
	widths[1], widths[len(cols)-1] = 40, 40
	return sheetTemplate("科研成果", cols, example, widths, []dropList{{"A", kinds}})
}

// ResearchWorkbook writes outputs as a ledger the import reads again,
// with 编号 and 状态 after the ledger's columns.
func ResearchWorkbook(outputs []model.ResearchOutput, teachers []research.TeacherRef) ([]byte, error) {
	staff := map[int64]string{}
	for _, t := range teachers {
		staff[t.ID] = t.StaffNo
	}
	f := excelize.NewFile()
	defer f.Close()
	const sheetName = "科研成果"
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	header := append(ResearchColumns(), "编号", "状态")
	if err := f.SetSheetRow(sheetName, "A1", &header); err != nil {
		return nil, err
	}
	for i, o := range outputs {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := researchCells(o, staff)
		if err := f.SetSheetRow(sheetName, cell, &row); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// researchCells is one output as its ledger row, every cell text.
func researchCells(o model.ResearchOutput, staff map[int64]string) []any {
	stages := map[string]string{}
	for _, s := range o.Stages {
		stages[s.Stage] = s.DatedOn
	}
	row := make([]any, 0, len(researchColumns)+2)
	for _, c := range researchColumns {
		var v string
		switch c.Field {
		case "kind":
			v = research.Kind(o.Kind).Name()
		case "title":
			v = o.Title
		case "level":
			v = o.Level
		case "grade":
			v = o.Grade
		case "dated_on":
			if len(o.Stages) == 0 {
				v = o.DatedOn
			}
		case "stage_0", "stage_1", "stage_2":
			i, _ := strconv.Atoi(c.Field[len("stage_"):])
			v = stages[research.Stages[i]]
		case "contributors":
			refs := make([]research.ContributorRef, len(o.Contributors))
			for i, x := range o.Contributors {
				refs[i] = research.ContributorRef{TeacherID: x.TeacherID, Name: x.Name, Role: x.Role, Share: x.Share}
			}
			v = research.FormatContributors(refs, staff)
		default:
			v = o.Fields[c.Field]
		}
		row = append(row, v)
	}
	return append(row, strconv.FormatInt(o.ID, 10), o.StatusName())
}
