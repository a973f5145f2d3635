package ratesheet

import (
	"fmt"
	"strconv"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/model"
)

// Key binds a workbook to one rater's tasks: the school, the cycle, the
// role and the rater's id in that role. It is written on a very hidden
// sheet and compared with the uploading rater's own key, so a file of
// another school, cycle or rater is refused before any row is read. It is
// a binding, not a secret: an edited key only makes the file claim to be
// the uploader's own, and every row is then still checked against the
// uploader's assignments.
type Key struct {
	SchoolID int64
	CycleID  int64
	Role     model.RaterRole
	RaterID  int64
}

const (
	keySheet   = "_key"
	keyMagic   = "zhijiao-ratesheet-1"
	dataSheet  = "评分表"
	helpSheet  = "填写说明"
	firstValue = 4 // 1-based column of the first indicator: 班级, 学号, 姓名 come first
)

func writeKey(f *excelize.File, k Key) error {
	if _, err := f.NewSheet(keySheet); err != nil {
		return err
	}
	rows := [][]any{{keyMagic}, {"school", k.SchoolID}, {"cycle", k.CycleID}, {"role", string(k.Role)}, {"rater", k.RaterID}}
	for i, r := range rows {
		if err := f.SetSheetRow(keySheet, "A"+strconv.Itoa(i+1), &r); err != nil {
			return err
		}
	}
	return f.SetSheetVisible(keySheet, false, true)
}

// checkKey compares the file's key with want and says in Chinese why the
// file is not this rater's.
func checkKey(f *excelize.File, want Key) error {
	rows, err := f.GetRows(keySheet)
	if err != nil || len(rows) < 5 || len(rows[0]) < 1 || rows[0][0] != keyMagic {
		return fmt.Errorf("这不是从本系统下载的离线评分表（缺少文件标识），请先在“我的评价”中下载评分表，填写后再上传")
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) >= 2 {
			got[r[0]] = r[1]
		}
	}
	num := func(k string) int64 { n, _ := strconv.ParseInt(got[k], 10, 64); return n }
	switch {
	case num("school") != want.SchoolID:
		return fmt.Errorf("这份评分表属于另一所学校，不能在本校上传")
	case num("cycle") != want.CycleID:
		return fmt.Errorf("这份评分表属于另一个评价周期，请下载本周期的评分表后重新填写")
	case model.RaterRole(got["role"]) != want.Role:
		return fmt.Errorf("这份评分表是%s的，不是%s的，请在对应的入口上传", model.RaterRole(got["role"]).Name(), want.Role.Name())
	case num("rater") != want.RaterID:
		return fmt.Errorf("这份评分表是其他评分人的，只能由下载它的老师本人上传")
	}
	return nil
}
