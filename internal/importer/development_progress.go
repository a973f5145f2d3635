package importer

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// ProgressExportColumns are the columns of the progress export
// (docs/teachers.md §3.2): one row per teacher, as the progress page
// shows them.
var ProgressExportColumns = []string{"工号", "姓名", "专业部", "专业课教师", "入职日期",
	"培训学时", "周期要求学时", "待核实学时", "培训状态", "还需学时",
	"企业实践天数", "要求天数", "企业实践状态", "还需天数", "新教师待企业实践",
	"双师型", "需换证的证书"}

// ProgressWorkbook writes the teachers' progress on one sheet named after
// the training cycle; numbers stay numbers so the office can sort and sum.
func ProgressWorkbook(cycle string, rows []storage.TeacherProgress) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := "教师发展进度"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	title := []any{"培训周期 " + cycle}
	if err := f.SetSheetRow(sheet, "A1", &title); err != nil {
		return nil, err
	}
	header := append([]string{}, ProgressExportColumns...)
	if err := f.SetSheetRow(sheet, "A2", &header); err != nil {
		return nil, err
	}
	yes := func(b bool) string {
		if b {
			return "是"
		}
		return ""
	}
	for i, p := range rows {
		practice := []any{"", "", teacherdev.StandingName(p.Practice.Status), ""}
		if p.Professional {
			practice = []any{p.Practice.Done, p.Practice.Target, teacherdev.StandingName(p.Practice.Status), p.Practice.Needed}
		}
		dual := ""
		if p.Recognition != nil {
			dual = p.Recognition.Level
		}
		row := []any{p.StaffNo, p.Name, p.DepartmentName, yes(p.Professional), p.HiredOn,
			p.Training.Done, p.Training.Target, p.Training.Pending, teacherdev.StandingName(p.Training.Status), p.Training.Needed}
		row = append(row, practice...)
		row = append(row, yes(p.NeedsFirstPractice), dual, certText(p.Certs))
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// certText lists the certificates to renew in one cell.
func certText(cs []teacherdev.CertNotice) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		name := c.Title
		if c.Level != "" {
			name += " " + c.Level
		}
		if c.Expired() {
			parts[i] = fmt.Sprintf("%s（%s 已过期）", name, c.ExpiresOn)
		} else {
			parts[i] = fmt.Sprintf("%s（%s 到期，还有 %d 天）", name, c.ExpiresOn, c.DaysLeft)
		}
	}
	return strings.Join(parts, "；")
}
