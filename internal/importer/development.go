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
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// Training rosters (docs/teachers.md section 1): the course is entered
// once on the import page (or in the API call), the sheet lists the
// teachers who completed it by 工号 and 姓名. Every problem is named by
// row, column, value and reason, and any problem writes nothing. The
// export carries 工号 and 姓名 too, so the teachers of an exported batch
// import again as the roster of another course.

// DevelopmentRosterColumns are the roster's columns; 备注 is read by
// nobody, for the office's own notes.
var DevelopmentRosterColumns = []string{"工号", "姓名", "备注"}

// DevelopmentOutcome is a roster import's outcome and the batch written.
type DevelopmentOutcome struct {
	SheetOutcome
	BatchID int64
}

// ImportDevelopmentRoster reads a roster and writes the course, verified,
// for each of its teachers, all or none.
func ImportDevelopmentRoster(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, course model.DevelopmentRecord, r io.Reader) (DevelopmentOutcome, error) {
	sh, probs := openSheet(r, DevelopmentRosterColumns[:2])
	if probs != nil {
		return DevelopmentOutcome{SheetOutcome: SheetOutcome{Problems: probs}}, nil
	}
	teachers, err := st.DevelopmentTeachers(ctx, schoolID)
	if err != nil {
		return DevelopmentOutcome{}, err
	}
	var rows []storage.DevelopmentRosterRow
	n := 1
	probs = sh.each(func(row []string) []string {
		for n++; n <= len(sh.rows) && blank(sh.rows[n-1]); n++ {
		}
		id, bad := rosterTeacher(sh.get(row, "工号"), sh.get(row, "姓名"), teachers)
		if bad == "" && slices.ContainsFunc(row, func(c string) bool { return validate.Control(c) != "" }) {
			bad = validate.ControlReason
		}
		if bad != "" {
			return []string{bad}
		}
		rows = append(rows, storage.DevelopmentRosterRow{Row: n, TeacherID: id})
		return nil
	})
	if len(probs) > 0 {
		return DevelopmentOutcome{SheetOutcome: SheetOutcome{Problems: probs}}, nil
	}
	batch, err := st.ImportDevelopmentRoster(ctx, schoolID, a, course, rows)
	if errors.Is(err, storage.ErrRefused) {
		return DevelopmentOutcome{SheetOutcome: SheetOutcome{Problems: []string{err.Error()}}}, nil
	}
	if err != nil {
		return DevelopmentOutcome{}, err
	}
	return DevelopmentOutcome{SheetOutcome: SheetOutcome{Written: len(rows)}, BatchID: batch}, nil
}

func blank(row []string) bool { return strings.TrimSpace(strings.Join(row, "")) == "" }

// RosterTeacher finds a roster entry's teacher as the sheet does, for the
// JSON API: the id, or the reason (naming the 「工号」 or 「姓名」 field).
func RosterTeacher(no, name string, teachers []storage.DevelopmentTeacher) (int64, string) {
	return rosterTeacher(strings.TrimSpace(no), strings.TrimSpace(name), teachers)
}

// rosterTeacher finds a row's teacher: by 工号 (and then 姓名 must agree),
// or by 姓名 alone when it names exactly one teacher of the school.
func rosterTeacher(no, name string, teachers []storage.DevelopmentTeacher) (int64, string) {
	switch {
	case no == "" && name == "":
		return 0, "「工号」和「姓名」都为空"
	case no != "":
		i := slices.IndexFunc(teachers, func(t storage.DevelopmentTeacher) bool { return t.StaffNo == no })
		switch {
		case i < 0:
			return 0, "「工号」“" + no + "”不是本校教师"
		case name != "" && name != teachers[i].Name:
			return 0, "「姓名」“" + name + "”与工号 " + no + " 的教师“" + teachers[i].Name + "”不一致"
		}
		return teachers[i].ID, ""
	}
	var found []storage.DevelopmentTeacher
	for _, t := range teachers {
		if t.Name == name {
			found = append(found, t)
		}
	}
	switch len(found) {
	case 0:
		return 0, "「姓名」“" + name + "”不是本校教师"
	case 1:
		return found[0].ID, ""
	}
	nos := make([]string, len(found))
	for i, t := range found {
		nos[i] = t.StaffNo
	}
	return 0, "「姓名」“" + name + "”有 " + strconv.Itoa(len(found)) + " 位教师（工号 " + strings.Join(nos, "、") + "），请填写工号"
}

// DevelopmentRosterTemplate is the roster to fill, with one example row.
func DevelopmentRosterTemplate() ([]byte, error) {
	return sheetTemplate("培训名单", DevelopmentRosterColumns, []string{"T001", "王老师", "示例行，导入前请删除"}, []float64{14, 14, 30}, nil)
}

// DevelopmentExportColumns are the export's columns; 工号 and 姓名 come
// first so the export reads as a roster too.
var DevelopmentExportColumns = []string{"工号", "姓名", "专业部", "类别", "名称", "主办单位", "开始日期", "结束日期", "学时", "实践天数", "实践企业", "企业确认人",
	"发证机构", "证书编号", "等级", "有效期至", "来源", "状态", "编号", "批次"}

// DevelopmentWorkbook writes records in DevelopmentExportColumns.
func DevelopmentWorkbook(records []model.DevelopmentRecord) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheetName = "培训与实践记录"
	if err := f.SetSheetName("Sheet1", sheetName); err != nil {
		return nil, err
	}
	header := append([]string{}, DevelopmentExportColumns...)
	if err := f.SetSheetRow(sheetName, "A1", &header); err != nil {
		return nil, err
	}
	num := func(v float64) any {
		if v == 0 {
			return ""
		}
		return v
	}
	id := func(v int64) any {
		if v == 0 {
			return ""
		}
		return strconv.FormatInt(v, 10)
	}
	for i, d := range records {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		row := []any{d.StaffNo, d.TeacherName, d.DepartmentName, d.KindName(), d.Title, d.Provider, d.StartsOn, d.EndsOn, num(d.Hours), num(d.Days),
			d.EnterpriseName, d.ConfirmedBy, d.Issuer, d.Number, d.Level, d.ExpiresOn, d.SourceName(), d.StatusName(), id(d.ID), id(d.BatchID)}
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
