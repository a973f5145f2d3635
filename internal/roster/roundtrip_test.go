package roster

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

func sampleStudents(t testing.TB) []StudentRow {
	return []StudentRow{
		{Student: model.Student{StudentNo: "2024001", Name: "张三", Gender: model.Male, IDType: model.IDResident,
			IDNumber: id(t, 2008, 3, 1, 1, true), BirthDate: "2008-03-01", Ethnicity: "汉族", ClassID: 11, ClassName: "24数控1班",
			MajorID: 21, MajorName: "数控技术应用", EntryYear: 2024, Program: model.Program3Year, RegistrationNo: "G500112200803010011",
			EnrollmentStatus: model.StatusEnrolled, Phone: "13800000001"},
			GuardianName: "张大", GuardianRelation: "父亲", GuardianPhone: "023-12345678"},
		{Student: model.Student{StudentNo: "0024002", Name: "阿依古丽·买买提", Gender: model.Female, IDType: model.IDPassport,
			IDNumber: "E12345678", BirthDate: "2009-07-15", Ethnicity: "维吾尔族", ClassID: 12, ClassName: "24汽修2班",
			EntryYear: 2024, Program: model.Program3p2, EnrollmentStatus: model.StatusSuspended}},
		{Student: model.Student{StudentNo: "2023003", Name: "李四", Gender: model.Female, IDType: model.IDHKMacauResident,
			IDNumber: withCheck17("81000020080301022"), BirthDate: "2008-03-01", ClassID: 13, ClassName: "23电商1班",
			EnrollmentStatus: model.StatusGraduated}},
	}
}

func TestStudentRoundTrip(t *testing.T) {
	want := sampleStudents(t)
	for _, format := range []string{"xlsx", "csv"} {
		var buf bytes.Buffer
		if err := WriteStudentRows(&buf, format, want, false); err != nil {
			t.Fatal(err)
		}
		res, err := ParseStudents(&buf, Limits{}, testLookups)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(res.Errors) > 0 || len(res.Unused) > 0 {
			t.Fatalf("%s: %s unused %v", format, rowErrors(res), res.Unused)
		}
		for i := range want {
			got := res.Rows[i]
			got.Row = 0
			if !reflect.DeepEqual(got, want[i]) {
				t.Errorf("%s row %d:\n got %+v\nwant %+v", format, i, got, want[i])
			}
		}
	}

	// Masked exports are for reading only.
	var buf bytes.Buffer
	students := []model.Student{want[0].Student}
	if err := WriteStudents(&buf, "csv", students, true); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "500112********0011") && !strings.Contains(buf.String(), "500112********") {
		t.Fatalf("not masked: %s", buf.String())
	}
	if !strings.HasPrefix(buf.String(), "\uFEFF学号,姓名") {
		t.Fatalf("csv must start with a BOM and the template header: %q", buf.String()[:20])
	}
	if err := WriteStudents(&buf, "pdf", students, false); err == nil {
		t.Fatal("unknown format must fail")
	}
}

func TestTeacherAndClassRoundTrip(t *testing.T) {
	teachers := []model.Teacher{
		{StaffNo: "T001", Name: "李老师", Gender: model.Female, Title: "讲师", DepartmentID: 31, DepartmentName: "数控专业部",
			DualLevel: "中级", DualQualified: true, Phone: "13700000003", IDNumber: id(t, 1985, 6, 1, 3, false), HiredOn: "2018-09-01", Active: true},
		{StaffNo: "T002", Name: "王老师", Gender: model.Male, Active: true},
	}
	classes := []model.Class{
		{Name: "24数控1班", MajorID: 21, MajorName: "数控技术应用", EntryYear: 2024, Program: model.Program3Year, HeadTeacherID: 7},
		{Name: "24汽修2班", MajorID: 22, MajorName: "汽车运用与维修", EntryYear: 2024, Program: model.Program5Year},
	}
	for _, format := range []string{"xlsx", "csv"} {
		var buf bytes.Buffer
		if err := WriteTeachers(&buf, format, teachers, false); err != nil {
			t.Fatal(err)
		}
		tr, err := ParseTeachers(&buf, Limits{}, testLookups)
		if err != nil || len(tr.Errors) > 0 {
			t.Fatalf("%s: %v %s", format, err, rowErrors(tr))
		}
		for i, r := range tr.Rows {
			if !reflect.DeepEqual(r.Teacher, teachers[i]) {
				t.Errorf("%s teacher %d:\n got %+v\nwant %+v", format, i, r.Teacher, teachers[i])
			}
		}
		buf.Reset()
		if err := WriteClasses(&buf, format, classes, map[int64]string{7: "T001"}); err != nil {
			t.Fatal(err)
		}
		cr, err := ParseClasses(&buf, Limits{}, testLookups)
		if err != nil || len(cr.Errors) > 0 {
			t.Fatalf("%s: %v %s", format, err, rowErrors(cr))
		}
		want := []string{"T001", ""}
		for i, r := range cr.Rows {
			c := classes[i]
			c.HeadTeacherID = 0
			if !reflect.DeepEqual(r.Class, c) || r.HeadTeacherStaffNo != want[i] {
				t.Errorf("%s class %d:\n got %+v %q\nwant %+v", format, i, r.Class, r.HeadTeacherStaffNo, c)
			}
		}
	}
}
