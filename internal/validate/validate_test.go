package validate

import (
	"strings"
	"testing"

	"zhijiao/internal/model"
)

func TestStudent(t *testing.T) {
	ok := func() model.Student {
		return model.Student{StudentNo: "2026010101", Name: "张三", ClassID: 1, IDNumber: "11010519491231002x"}
	}
	st := ok()
	if errs := Student(&st); len(errs) != 0 {
		t.Fatalf("valid student refused: %+v", errs)
	}
	if st.IDNumber != "11010519491231002X" || st.BirthDate != "1949-12-31" || st.Gender != model.Female || st.EnrollmentStatus != model.StatusEnrolled {
		t.Fatalf("not normalised: %+v", st)
	}
	cases := []struct {
		edit  func(*model.Student)
		field string
		want  string
	}{
		{func(s *model.Student) { s.StudentNo = "" }, "student_no", "不能为空"},
		{func(s *model.Student) { s.StudentNo = "A 1" }, "student_no", "只能包含"},
		{func(s *model.Student) { s.Name = "" }, "name", "不能为空"},
		{func(s *model.Student) { s.IDNumber = "110105194912310021" }, "id_number", "校验位"},
		{func(s *model.Student) { s.BirthDate = "1949-12-30" }, "birth_date", "不一致"},
		{func(s *model.Student) { s.BirthDate = "1949-02-30"; s.IDNumber = "" }, "birth_date", "有效日期"},
		{func(s *model.Student) { s.Phone = "12345" }, "phone", ""},
		{func(s *model.Student) { s.Gender = "未知" }, "gender", "男 或 女"},
		{func(s *model.Student) { s.ClassID = 0 }, "class_id", "班级"},
		{func(s *model.Student) { s.EnrollmentStatus = "开除" }, "enrollment_status", "在籍"},
		{func(s *model.Student) { s.IDType = "驾驶证" }, "id_type", "证件类型"},
	}
	for _, c := range cases {
		st := ok()
		c.edit(&st)
		errs := Student(&st)
		found := false
		for _, e := range errs {
			found = found || (e.Field == c.field && strings.Contains(e.Reason, c.want))
		}
		if !found {
			t.Errorf("%s: want an error containing %q, got %+v", c.field, c.want, errs)
		}
	}
}

func TestTeacherAndClass(t *testing.T) {
	tc := model.Teacher{StaffNo: "T01", Name: "李老师", Phone: "+86 138 0013 8000"}
	if errs := Teacher(&tc); len(errs) != 0 || tc.Phone != "13800138000" {
		t.Fatalf("teacher: %+v %+v", errs, tc)
	}
	tc.StaffNo = ""
	if errs := Teacher(&tc); len(errs) != 1 || errs[0].Field != "staff_no" {
		t.Fatalf("teacher without 工号: %+v", errs)
	}
	c := model.Class{Name: "2026级数控1班", MajorID: 1, EntryYear: 2026}
	if errs := Class(&c); len(errs) != 0 || c.Program != model.Program3Year {
		t.Fatalf("class: %+v %+v", errs, c)
	}
	c.EntryYear = 1999
	if errs := Class(&c); len(errs) != 1 {
		t.Fatalf("class year 1999: %+v", errs)
	}
}
