package roster

import (
	"io"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// ParseTeachers reads a teacher roster; see ParseStudents for the error
// contract. 专业部 is resolved through Lookups.Departments.
func ParseTeachers(r io.Reader, lim Limits, lk Lookups) (*Result[TeacherRow], error) {
	return StreamTeachers(r, lim, lk, nil)
}

// StreamTeachers is ParseTeachers that also hands valid rows to sink while reading.
func StreamTeachers(r io.Reader, lim Limits, lk Lookups, sink *Sink[TeacherRow]) (*Result[TeacherRow], error) {
	depts := lookupIndex(lk.Departments)
	nos, ids := seen{}, seen{}
	return parse(r, lim, teacherColumns, func(c *rowCtx) TeacherRow {
		out := TeacherRow{Row: c.row, Teacher: model.Teacher{Active: true}}
		t := &out.Teacher
		if v := c.required(colStaffNo); v != "" {
			if no, err := checkCode(v); err != nil {
				c.fail(colStaffNo, v, err.Error())
			} else if prev := nos.dup(no, c.row); prev > 0 {
				c.fail(colStaffNo, v, dupReason("工号", prev))
			} else {
				t.StaffNo = no
			}
		}
		if v := c.required(colName); v != "" {
			t.Name = personName(c, colName, v)
		}
		var idGender model.Gender
		if v := c.get(colIDNumber); v != "" {
			if norm, _, err := idNumber(v); err != nil {
				c.fail(colIDNumber, v, err.Error())
			} else if prev := ids.dup(norm, c.row); prev > 0 {
				c.fail(colIDNumber, v, dupReason("身份证号", prev))
			} else {
				t.IDNumber = norm
				idGender = model.Female
				if (norm[16]-'0')%2 == 1 {
					idGender = model.Male
				}
			}
		}
		if v := c.get(colGender); v != "" {
			g, err := parseGender(v)
			switch {
			case err != nil:
				c.fail(colGender, v, err.Error())
			case idGender != "" && g != idGender:
				c.fail(colGender, v, "与身份证号不一致：身份证号第17位表示“"+string(idGender)+"”")
			default:
				t.Gender = g
			}
		} else {
			t.Gender = idGender
		}
		if v := c.get(colTitle); v != "" {
			if s, err := checkText(v, 30); err != nil {
				c.fail(colTitle, v, err.Error())
			} else {
				t.Title = s
			}
		}
		if v := c.get(colDepartment); v != "" {
			t.DepartmentName = v
			if id, ok := depts[normKey(v)]; ok {
				t.DepartmentID = id
			} else {
				c.fail(colDepartment, v, "专业部「"+v+"」不存在，请先在专业部管理中创建")
			}
		}
		if v := c.get(colDual); v != "" {
			if level, err := parseDualLevel(v); err != nil {
				c.fail(colDual, v, err.Error())
			} else {
				t.DualLevel, t.DualQualified = level, level != ""
			}
		}
		if v := c.get(colHiredOn); v != "" {
			t.HiredOn = hiredOn(c, v)
		}
		t.Phone = phone(c, colPhone)
		return out
	}, sink)
}

// hiredOn reads 入职日期: a whole day, not in the future, in the range
// the form and the API accept.
func hiredOn(c *rowCtx, v string) string {
	iso, partial, err := parseDate(v, c.date1904)
	switch {
	case err != nil:
		c.fail(colHiredOn, v, err.Error())
	case partial:
		c.fail(colHiredOn, v, "入职日期只写到月，请写完整的日期，如 "+iso+"-01")
	default:
		if r := validate.HireDates.Check(iso); r != "" {
			c.fail(colHiredOn, v, r)
			return ""
		}
		return iso
	}
	return ""
}
