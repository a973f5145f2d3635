package importer

import (
	"bytes"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// dropList is a column of a template restricted to a list of values.
type dropList struct {
	col  string
	list []string
}

// sheetTemplate builds an import template: a header row, one example row,
// column widths (from column A) and drop-down lists for 5,000 rows.
func sheetTemplate(sheet string, header, example []string, widths []float64, drops []dropList) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	for i := range header {
		c1, _ := excelize.CoordinatesToCellName(i+1, 1)
		f.SetCellStr(sheet, c1, header[i])
		if i < len(example) {
			c2, _ := excelize.CoordinatesToCellName(i+1, 2)
			f.SetCellStr(sheet, c2, example[i])
		}
	}
	for i, w := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(sheet, col, col, w)
	}
	for _, dv := range drops {
		v := excelize.NewDataValidation(true)
		v.Sqref = dv.col + "2:" + dv.col + "5001"
		if err := v.SetDropList(dv.list); err == nil {
			f.AddDataValidation(sheet, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// CompetitionTemplate is the result-list sheet to fill: the columns, one
// example row, and drop-down lists for 级别, 奖项 and 是否团体.
func CompetitionTemplate() ([]byte, error) {
	example := []string{"2026001", "张三", "全国职业院校技能大赛（中职组）数控车加工技术", model.AwardProvincial, model.PrizeFirst, "否", "2026-05-20", ""}
	return sheetTemplate("竞赛获奖", CompetitionColumns, example, []float64{14, 14, 44, 14, 14, 14, 14, 14},
		[]dropList{{"D", model.AwardLevels}, {"E", model.Prizes}, {"F", []string{"是", "否"}}})
}

// DestinationTemplate is the survey sheet to fill, with drop-down lists
// for 毕业去向, 专业对口 and 首次调查.
func DestinationTemplate() ([]byte, error) {
	example := []string{"2023001", "张三", "受雇就业", "重庆某汽车服务有限公司", "汽车维修工", "是", "", "2026-08-31", "是", ""}
	return sheetTemplate("毕业去向", DestinationColumns, example, []float64{12, 12, 12, 30, 14, 10, 24, 12, 10, 20},
		[]dropList{{"C", validate.DestinationNames()}, {"F", []string{"是", "否"}}, {"I", []string{"是", "否"}}})
}
