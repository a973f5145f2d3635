package roster

import (
	"io"

	"zhijiao/internal/model"
)

// ParseClasses reads a class list; see ParseStudents for the error
// contract. 专业 is resolved through Lookups.Majors; the head teacher stays
// a 工号 for the caller to resolve.
func ParseClasses(r io.Reader, lim Limits, lk Lookups) (*Result[ClassRow], error) {
	return StreamClasses(r, lim, lk, nil)
}

// StreamClasses is ParseClasses that also hands valid rows to sink while reading.
func StreamClasses(r io.Reader, lim Limits, lk Lookups, sink *Sink[ClassRow]) (*Result[ClassRow], error) {
	majors := lookupIndex(lk.Majors)
	names := seen{}
	return parse(r, lim, classColumns, func(c *rowCtx) ClassRow {
		out := ClassRow{Row: c.row, Class: model.Class{Program: model.Program3Year}}
		cl := &out.Class
		if v := c.required(colClassName); v != "" {
			if n, err := checkText(v, 50); err != nil {
				c.fail(colClassName, v, err.Error())
			} else if prev := names.dup(normKey(n), c.row); prev > 0 {
				c.fail(colClassName, v, dupReason("班级名称", prev))
			} else {
				cl.Name = n
			}
		}
		if v := c.required(colMajor); v != "" {
			cl.MajorName = v
			if id, ok := majors[normKey(v)]; ok {
				cl.MajorID = id
			} else {
				c.fail(colMajor, v, "专业「"+v+"」不存在，请先在专业管理中创建")
			}
		}
		if v := c.required(colEntryYear); v != "" {
			if y, err := parseEntryYear(v, c.date1904); err != nil {
				c.fail(colEntryYear, v, err.Error())
			} else {
				cl.EntryYear = y
			}
		}
		if v := c.get(colProgram); v != "" {
			if p, err := parseProgram(v); err != nil {
				c.fail(colProgram, v, err.Error())
			} else {
				cl.Program = p
			}
		}
		if v := c.get(colHeadTeacher); v != "" {
			if no, err := checkCode(v); err != nil {
				c.fail(colHeadTeacher, v, "请填写班主任的工号："+err.Error())
			} else {
				out.HeadTeacherStaffNo = no
			}
		}
		return out
	}, sink)
}
