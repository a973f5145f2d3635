package roster

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

const csvText = "学号,姓名,性别,班级,民族\r\n1,欧阳小红,女,24数控1班,土家族\r\n2,阿依古丽·买买提,女,24汽修2班,维吾尔族\r\n"

func checkTwoStudents(t *testing.T, b []byte) {
	t.Helper()
	res, err := parseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 || len(res.Rows) != 2 {
		t.Fatalf("rows %d errors %s", len(res.Rows), rowErrors(res))
	}
	s := res.Rows[1].Student
	if s.Name != "阿依古丽·买买提" || s.Ethnicity != "维吾尔族" || s.ClassID != 12 || res.Rows[0].Student.Ethnicity != "土家族" {
		t.Fatalf("decoded wrongly: %+v", s)
	}
}

func TestCSVEncodings(t *testing.T) {
	t.Run("utf8", func(t *testing.T) { checkTwoStudents(t, []byte(csvText)) })
	t.Run("utf8-bom", func(t *testing.T) { checkTwoStudents(t, append([]byte("\xEF\xBB\xBF"), csvText...)) })
	t.Run("gbk", func(t *testing.T) {
		gbk, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(csvText))
		if err != nil {
			t.Fatal(err)
		}
		checkTwoStudents(t, gbk)
	})
	t.Run("gb18030", func(t *testing.T) {
		b, _ := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(csvText))
		checkTwoStudents(t, b)
	})
	t.Run("utf16-tab", func(t *testing.T) {
		// Excel's "Unicode 文本" export: UTF-16LE with BOM, tab-separated.
		tsv := strings.ReplaceAll(csvText, ",", "\t")
		b, _ := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(tsv))
		checkTwoStudents(t, b)
	})
	t.Run("semicolon-quoted", func(t *testing.T) {
		txt := strings.ReplaceAll(csvText, ",", ";")
		txt = strings.Replace(txt, "欧阳小红", `"欧阳小红"`, 1)
		checkTwoStudents(t, []byte(txt))
	})
}

func TestHeaderAliasesAndUnused(t *testing.T) {
	b := csvFile(
		"*学生学号,学生姓名（必填）,性 别,所在班级,专业简称,入学年月,证件号码,手机号码,家长姓名,与学生关系,家长手机,全国学籍号,出生年月,备注,序号",
		"2024001,张三,男,24数控1班,数控,2024年9月,"+id(t, 2008, 3, 1, 1, true)+",13800000001,张大,父亲,13900000002,G123,2008.03,转学生,1",
	)
	res, err := parseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatal(rowErrors(res))
	}
	if strings.Join(res.Unused, ",") != "备注,序号" {
		t.Errorf("unused = %v", res.Unused)
	}
	r := res.Rows[0]
	s := r.Student
	if s.StudentNo != "2024001" || s.Name != "张三" || s.ClassID != 11 || s.MajorID != 21 || s.EntryYear != 2024 ||
		s.BirthDate != "2008-03-01" || s.Phone != "13800000001" || s.RegistrationNo != "G123" ||
		r.GuardianName != "张大" || r.GuardianRelation != "父亲" || r.GuardianPhone != "13900000002" {
		t.Fatalf("mapped wrongly: %+v", r)
	}

	// Full-width header characters and ideographic spaces.
	res, err = parseBytes(csvFile("学号　,姓名,身份证号码（18位）,班级【必填】", "１,李四,"+id(t, 2008, 5, 6, 2, false)+",２４数控１班"))
	if err != nil || len(res.Errors) > 0 {
		t.Fatalf("%v %s", err, rowErrors(res))
	}
	if s := res.Rows[0].Student; s.StudentNo != "1" || s.Gender != "女" || s.ClassID != 11 || s.BirthDate != "2008-05-06" {
		t.Fatalf("%+v", s)
	}
}

func TestCSVInjectionAndTextGuardsRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	err := writeCSV(&buf, classColumns, [][]string{{"=1+1班", "数控", "2024", "三年制中职", "0012"}})
	if err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, `'=1+1班`) || !strings.Contains(out, `"=""0012"""`) {
		t.Fatalf("csv = %q", out)
	}
	res, err := ParseClasses(&buf, Limits{}, testLookups)
	if err != nil || len(res.Rows) != 1 {
		t.Fatalf("%v %v", err, res)
	}
	if c := res.Rows[0]; c.Class.Name != "=1+1班" || c.HeadTeacherStaffNo != "0012" {
		t.Fatalf("%+v", c)
	}
}
