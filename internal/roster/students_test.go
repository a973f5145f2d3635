package roster

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

var stuHeader = []string{"学号", "姓名", "性别", "证件类型", "身份证号", "出生日期", "民族", "班级", "专业",
	"入学年份", "学制", "学籍号", "学籍状态", "联系电话", "监护人姓名", "监护人关系", "监护人电话"}

// studentCSV writes rows given as column → value maps (absent = empty).
func studentCSV(t *testing.T, rows ...map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write(stuHeader)
	for _, r := range rows {
		rec := make([]string, len(stuHeader))
		for i, h := range stuHeader {
			rec[i] = r[h]
		}
		w.Write(rec)
	}
	w.Flush()
	return buf.Bytes()
}

func base(over map[string]string) map[string]string {
	r := map[string]string{"学号": "2024001", "姓名": "张三", "性别": "男", "班级": "24数控1班"}
	for k, v := range over {
		r[k] = v
	}
	return r
}

func TestStudentValidation(t *testing.T) {
	idM := id(t, 2008, 3, 1, 1, true)
	idF := id(t, 2009, 7, 15, 2, false)
	bad := idM[:17] + string("0123456789X"[(strings.IndexByte("0123456789X", idM[17])+1)%11])
	hk := withCheck17("81000020080301011")
	tw := withCheck17("83000020080301022")
	tests := []struct {
		name   string
		row    map[string]string
		errHas []string // every fragment must appear; nil means valid
		check  func(t *testing.T, r StudentRow)
	}{
		{"minimal valid", base(nil), nil, func(t *testing.T, r StudentRow) {
			s := r.Student
			if s.IDType != model.IDResident || s.EnrollmentStatus != model.StatusEnrolled || s.ClassID != 11 || s.MajorID != 0 || s.ClassName != "24数控1班" {
				t.Errorf("%+v", s)
			}
		}},
		{"student no required", base(map[string]string{"学号": ""}), []string{"第 2 行「学号」：不能为空"}, nil},
		{"student no chars", base(map[string]string{"学号": "2024 001"}), []string{"只能包含字母、数字和“-”"}, nil},
		{"student no length", base(map[string]string{"学号": strings.Repeat("1", 33)}), []string{"不能超过32位"}, nil},
		{"name required", base(map[string]string{"姓名": ""}), []string{"「姓名」：不能为空"}, nil},
		{"name digits", base(map[string]string{"姓名": "张3"}), []string{"姓名中不能有数字或符号“3”"}, nil},
		{"name length", base(map[string]string{"姓名": strings.Repeat("张", 51)}), []string{"不能超过50个字"}, nil},
		{"name middle dot", base(map[string]string{"姓名": "阿依古丽•买买提"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Name != "阿依古丽·买买提" {
				t.Errorf("name %q", r.Student.Name)
			}
		}},
		{"gender bad", base(map[string]string{"性别": "M"}), []string{"性别应为“男”或“女”"}, nil},
		{"gender long form", base(map[string]string{"性别": "女性"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Gender != model.Female {
				t.Error(r.Student.Gender)
			}
		}},
		{"gender required without id", base(map[string]string{"性别": ""}), []string{"「性别」：不能为空"}, nil},
		{"gender from id", base(map[string]string{"性别": "", "身份证号": idF}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Gender != model.Female || r.Student.BirthDate != "2009-07-15" {
				t.Errorf("%+v", r.Student)
			}
		}},
		{"gender contradicts id", base(map[string]string{"身份证号": idF}), []string{"与身份证号不一致：身份证号第17位表示“女”"}, nil},
		{"id check digit", base(map[string]string{"身份证号": bad}), []string{"「身份证号」值“" + bad + "”：身份证号校验位错误"}, nil},
		{"id 15 digits", base(map[string]string{"身份证号": "110105491231002"}), []string{"15位旧身份证号"}, nil},
		{"id lower x", base(map[string]string{"身份证号": "11010519491231002x", "性别": "女"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.IDNumber != "11010519491231002X" {
				t.Error(r.Student.IDNumber)
			}
		}},
		{"id scientific", base(map[string]string{"身份证号": "5.00112200803E+17"}), []string{"科学计数法"}, nil},
		{"id hk permit", base(map[string]string{"身份证号": hk}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.IDType != model.IDHKMacauResident {
				t.Error(r.Student.IDType)
			}
		}},
		{"id permit generic type", base(map[string]string{"证件类型": "港澳台居民居住证", "身份证号": tw, "性别": "女"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.IDType != model.IDTaiwanResident {
				t.Error(r.Student.IDType)
			}
		}},
		{"id type contradicts", base(map[string]string{"证件类型": "台湾居民居住证", "身份证号": hk}), []string{"开头的是港澳居民居住证"}, nil},
		{"passport", base(map[string]string{"证件类型": "护照", "身份证号": "e12345678"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.IDType != model.IDPassport || r.Student.IDNumber != "E12345678" {
				t.Errorf("%+v", r.Student)
			}
		}},
		{"passport without type", base(map[string]string{"身份证号": "E12345678"}), []string{"若是护照等其他证件，请在「证件类型」列注明"}, nil},
		{"id type unknown", base(map[string]string{"证件类型": "军官证"}), []string{"证件类型应为"}, nil},
		{"birth mismatch", base(map[string]string{"身份证号": idM, "出生日期": "2008-03-02"}),
			[]string{"出生日期 2008-03-02 与身份证号中的出生日期 2008-03-01 不一致"}, nil},
		{"birth month matches id", base(map[string]string{"身份证号": idM, "出生日期": "2008年3月"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.BirthDate != "2008-03-01" {
				t.Error(r.Student.BirthDate)
			}
		}},
		{"birth month only", base(map[string]string{"出生日期": "2008-03"}), []string{"只写到月"}, nil},
		{"birth serial", base(map[string]string{"出生日期": "39508"}), nil, wantBirth("2008-03-01")},
		{"birth chinese", base(map[string]string{"出生日期": "2008年3月1日"}), nil, wantBirth("2008-03-01")},
		{"birth slashes", base(map[string]string{"出生日期": "2008/3/1"}), nil, wantBirth("2008-03-01")},
		{"birth compact", base(map[string]string{"出生日期": "20080301"}), nil, wantBirth("2008-03-01")},
		{"birth with time", base(map[string]string{"出生日期": "2008-03-01 00:00:00"}), nil, wantBirth("2008-03-01")},
		{"birth feb 30", base(map[string]string{"出生日期": "2008-02-30"}), []string{"日期 2008-02-30 不存在"}, nil},
		{"birth month 13", base(map[string]string{"出生日期": "2008-13-01"}), []string{"日期 2008-13-01 不存在"}, nil},
		{"birth future", base(map[string]string{"出生日期": "2099-01-01"}), []string{"晚于今天"}, nil},
		{"birth garbage", base(map[string]string{"出生日期": "三月一日"}), []string{"日期格式无法识别"}, nil},
		{"class unknown", base(map[string]string{"班级": "23数控9班"}), []string{"班级「23数控9班」不存在，请先在班级管理中创建"}, nil},
		{"class required", base(map[string]string{"班级": ""}), []string{"「班级」：不能为空"}, nil},
		{"major by code", base(map[string]string{"专业": "660103"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.MajorID != 21 {
				t.Error(r.Student.MajorID)
			}
		}},
		{"major unknown", base(map[string]string{"专业": "烹饪"}), []string{"专业「烹饪」不存在"}, nil},
		{"entry year forms", base(map[string]string{"入学年份": "2024年9月"}), nil, wantYear(2024)},
		{"entry year short", base(map[string]string{"入学年份": "2024级"}), nil, wantYear(2024)},
		{"entry year yyyymm", base(map[string]string{"入学年份": "202409"}), nil, wantYear(2024)},
		{"entry year serial", base(map[string]string{"入学年份": "45536"}), nil, wantYear(2024)},
		{"entry year bad", base(map[string]string{"入学年份": "24"}), []string{"入学年份无法识别"}, nil},
		{"entry year range", base(map[string]string{"入学年份": "1980"}), []string{"不在合理范围"}, nil},
		{"program short", base(map[string]string{"学制": "五年制"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Program != model.Program5Year {
				t.Error(r.Student.Program)
			}
		}},
		{"program full-width", base(map[string]string{"学制": "３＋２"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Program != model.Program3p2 {
				t.Error(r.Student.Program)
			}
		}},
		{"program bad", base(map[string]string{"学制": "四年制"}), []string{"学制应为"}, nil},
		// The national 学籍 system's export writes 学制 as years.
		{"program years 3", base(map[string]string{"学制": "3"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Program != model.Program3Year {
				t.Error(r.Student.Program)
			}
		}},
		{"program years 5", base(map[string]string{"学制": "5年"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Program != model.Program5Year {
				t.Error(r.Student.Program)
			}
		}},
		{"program years decimal", base(map[string]string{"学制": "3.0"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Program != model.Program3Year {
				t.Error(r.Student.Program)
			}
		}},
		{"program years 4", base(map[string]string{"学制": "4"}), []string{"学制应为"}, nil},
		{"status default", base(nil), nil, nil},
		{"status alias", base(map[string]string{"学籍状态": "在读"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.EnrollmentStatus != model.StatusEnrolled {
				t.Error(r.Student.EnrollmentStatus)
			}
		}},
		{"status bad", base(map[string]string{"学籍状态": "开除"}), []string{"学籍状态应为 在籍、休学、退学、转出、毕业 之一"}, nil},
		{"phone", base(map[string]string{"联系电话": "+86 138 0000 0001", "监护人电话": "023-12345678"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Phone != "13800000001" || r.GuardianPhone != "023-12345678" {
				t.Errorf("%+v", r)
			}
		}},
		{"phone bad", base(map[string]string{"联系电话": "1380000000"}), []string{"「联系电话」值“1380000000”：手机号应为11位，实为10位"}, nil},
		{"guardian phone bad", base(map[string]string{"监护人电话": "12345"}), []string{"「监护人电话」"}, nil},
		{"guardian name bad", base(map[string]string{"监护人姓名": "张3"}), []string{"「监护人姓名」"}, nil},
		{"relation long", base(map[string]string{"监护人关系": "远房表叔的堂兄弟的儿子"}), []string{"不能超过10个字"}, nil},
		{"ethnicity short", base(map[string]string{"民族": "汉"}), nil, func(t *testing.T, r StudentRow) {
			if r.Student.Ethnicity != "汉族" {
				t.Error(r.Student.Ethnicity)
			}
		}},
		{"ethnicity bad", base(map[string]string{"民族": "火星族"}), []string{"不是国家标准中的民族名称"}, nil},
		{"registration no bad", base(map[string]string{"学籍号": "G12345/6"}), []string{"「学籍号」"}, nil},
		{"every problem reported", base(map[string]string{"学号": "", "姓名": "张3", "性别": "X", "班级": "无", "联系电话": "1"}),
			[]string{"「学号」", "「姓名」", "「性别」", "「班级」", "「联系电话」"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := parseBytes(studentCSV(t, tc.row))
			if err != nil {
				t.Fatal(err)
			}
			got := rowErrors(res)
			if tc.errHas == nil {
				if got != "" || len(res.Rows) != 1 {
					t.Fatalf("unexpected errors: %s", got)
				}
				if tc.check != nil {
					tc.check(t, res.Rows[0])
				}
				return
			}
			if len(res.Rows) != 0 {
				t.Errorf("a row with errors must not be in Rows")
			}
			for _, w := range tc.errHas {
				if !strings.Contains(got, w) {
					t.Errorf("errors %q lack %q", got, w)
				}
			}
		})
	}
}

func wantBirth(d string) func(t *testing.T, r StudentRow) {
	return func(t *testing.T, r StudentRow) {
		if r.Student.BirthDate != d {
			t.Errorf("birth %q, want %q", r.Student.BirthDate, d)
		}
	}
}

func wantYear(y int) func(t *testing.T, r StudentRow) {
	return func(t *testing.T, r StudentRow) {
		if r.Student.EntryYear != y {
			t.Errorf("entry year %d, want %d", r.Student.EntryYear, y)
		}
	}
}

func withCheck17(body string) string {
	w := []int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}
	sum := 0
	for i := range 17 {
		sum += int(body[i]-'0') * w[i]
	}
	return body + string("10X98765432"[sum%11])
}

func TestStudentDuplicates(t *testing.T) {
	idM := id(t, 2008, 3, 1, 1, true)
	res, err := parseBytes(studentCSV(t,
		base(map[string]string{"身份证号": idM}),
		base(map[string]string{"学号": "2024002"}),
		base(map[string]string{"学号": "2024001"}),
		base(map[string]string{"学号": "2024003", "身份证号": strings.ToLower(idM)}),
	))
	if err != nil {
		t.Fatal(err)
	}
	got := rowErrors(res)
	if !strings.Contains(got, "第 4 行「学号」值“2024001”：学号与第 2 行重复") ||
		!strings.Contains(got, "第 5 行「身份证号」") || !strings.Contains(got, "证件号码与第 2 行重复") || len(res.Rows) != 2 {
		t.Fatalf("%s / rows %d", got, len(res.Rows))
	}
}

func TestRowErrorText(t *testing.T) {
	e := RowError{Row: 5, Column: "身份证号", Value: "110105194912310021", Reason: "身份证号校验位错误：应为 X，实为 1"}
	if got := e.Error(); got != "第 5 行「身份证号」值“110105194912310021”：身份证号校验位错误：应为 X，实为 1" {
		t.Fatal(got)
	}
	if got := (RowError{Row: 2, Reason: "x"}).Error(); got != "第 2 行：x" {
		t.Fatal(got)
	}
}
