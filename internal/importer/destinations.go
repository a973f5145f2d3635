package importer

import (
	"context"
	"io"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// Bulk import of graduate destinations (毕业去向) from the school's survey
// sheet, checked by the destination form's rules.

// DestinationColumns are the columns of the survey template.
var DestinationColumns = []string{"学号", "姓名", "毕业去向", "就业单位", "岗位", "专业对口", "升学院校", "调查日期", "首次调查", "备注"}

var destinationRequired = []string{"学号", "姓名", "毕业去向", "调查日期"}

var destinationFields = map[string]string{"kind": "毕业去向", "employer": "就业单位", "position": "岗位", "further_school": "升学院校", "note": "备注"}

// ImportDestinations reads a survey sheet and, when every row is valid and
// names a student mayUse allows, stores the destinations in one
// transaction.
func ImportDestinations(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, mayUse func(model.Student) bool, r io.Reader) (SheetOutcome, error) {
	read := func(sh *sheet, row []string, byNo map[string]model.Student) (*model.GraduateDestination, []string) {
		return destinationRow(sh, row, byNo, mayUse)
	}
	return importSheet(ctx, st, schoolID, r, destinationRequired, read, func(ds []*model.GraduateDestination) error {
		return st.AddDestinations(ctx, schoolID, a, ds)
	})
}

// destinationRow reads one row as 「列」值 … reason problems.
func destinationRow(sh *sheet, row []string, byNo map[string]model.Student, mayUse func(model.Student) bool) (*model.GraduateDestination, []string) {
	rep := &rowReporter{cols: destinationFields, open: "「", close: "」"}
	d := &model.GraduateDestination{Employer: sh.get(row, "就业单位"), Position: sh.get(row, "岗位"), FurtherSchool: sh.get(row, "升学院校"), Note: sh.get(row, "备注")}
	st, _ := rep.student(sh, row, byNo, mayUse)
	d.StudentID = st.ID
	d.Kind = sh.get(row, "毕业去向")
	for k, n := range portrait.DestinationNames {
		if n == d.Kind {
			d.Kind = k
		}
	}
	var ok bool
	if d.Relevant, ok = yesNo(sh.get(row, "专业对口"), false); !ok {
		rep.bad = append(rep.bad, "「专业对口」应填“是”或“否”")
	}
	if d.FirstSurvey, ok = yesNo(sh.get(row, "首次调查"), true); !ok {
		rep.bad = append(rep.bad, "「首次调查」应填“是”或“否”")
	}
	raw := sh.get(row, "调查日期")
	if day, err := roster.ParseDay(raw, sh.date1904); err == nil {
		d.SurveyDate = day
	} else {
		rep.bad = append(rep.bad, "「调查日期」“"+raw+"”无法识别："+err.Error())
	}
	validate.Destination(d, rep)
	return d, rep.bad
}

// yesNo reads 是/否 (empty is def); ok is false for anything else.
func yesNo(v string, def bool) (bool, bool) {
	switch v {
	case "":
		return def, true
	case "是", "对口", "首次":
		return true, true
	case "否", "不对口":
		return false, true
	}
	return false, false
}
