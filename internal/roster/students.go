package roster

import (
	"cmp"
	"io"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// ParseStudents reads a student roster. The error is for problems with the
// file as a whole; problems in rows are in Result.Errors, all of them.
func ParseStudents(r io.Reader, lim Limits, lk Lookups) (*Result[StudentRow], error) {
	return StreamStudents(r, lim, lk, nil)
}

// StreamStudents is ParseStudents that also hands valid rows to sink while reading.
func StreamStudents(r io.Reader, lim Limits, lk Lookups, sink *Sink[StudentRow]) (*Result[StudentRow], error) {
	classes, majors := lookupIndex(lk.Classes), lookupIndex(lk.Majors)
	nos, ids := seen{}, seen{}
	return parse(r, lim, studentColumns, func(c *rowCtx) StudentRow {
		out := StudentRow{Row: c.row}
		s := &out.Student
		s.EnrollmentStatus = model.StatusEnrolled
		if v := c.required(colStudentNo); v != "" {
			if no, err := checkCode(v); err != nil {
				c.fail(colStudentNo, v, err.Error())
			} else if prev := nos.dup(no, c.row); prev > 0 {
				c.fail(colStudentNo, v, dupReason("学号", prev))
			} else {
				s.StudentNo = no
			}
		}
		if v := c.required(colName); v != "" {
			s.Name = personName(c, colName, v)
		}
		idGender := studentID(c, s, ids)
		studentGender(c, s, idGender)
		studentSchooling(c, s, classes, majors)
		if v := c.get(colEthnicity); v != "" {
			if g, err := parseEthnicity(v); err != nil {
				c.fail(colEthnicity, v, err.Error())
			} else {
				s.Ethnicity = g
			}
		}
		s.Phone = phone(c, colPhone)
		studentGuardian(c, &out)
		return out
	}, sink)
}

// studentSchooling reads where the student is in the school: 班级 and 专业
// (which must exist), 入学年份, 学制, 学籍状态 and 学籍号.
func studentSchooling(c *rowCtx, s *model.Student, classes, majors map[string]int64) {
	if v := c.required(colClass); v != "" {
		s.ClassName = v
		if id, ok := classes[normKey(v)]; ok {
			s.ClassID = id
		} else {
			c.fail(colClass, v, "班级「"+v+"」不存在，请先在班级管理中创建")
		}
	}
	if v := c.get(colMajor); v != "" {
		s.MajorName = v
		if id, ok := majors[normKey(v)]; ok {
			s.MajorID = id
		} else {
			c.fail(colMajor, v, "专业「"+v+"」不存在，请先在专业管理中创建")
		}
	}
	if v := c.get(colEntryYear); v != "" {
		if y, err := parseEntryYear(v, c.date1904); err != nil {
			c.fail(colEntryYear, v, err.Error())
		} else {
			s.EntryYear = y
		}
	}
	if v := c.get(colProgram); v != "" {
		if p, err := parseProgram(v); err != nil {
			c.fail(colProgram, v, err.Error())
		} else {
			s.Program = p
		}
	}
	if v := c.get(colStatus); v != "" {
		if st, err := parseStatus(v); err != nil {
			c.fail(colStatus, v, err.Error())
		} else {
			s.EnrollmentStatus = st
		}
	}
	if v := c.get(colRegNo); v != "" {
		if no, err := checkCode(v); err != nil {
			c.fail(colRegNo, v, err.Error())
		} else {
			s.RegistrationNo = no
		}
	}
}

// studentGuardian reads the guardian's name, relation and phone.
func studentGuardian(c *rowCtx, out *StudentRow) {
	if v := c.get(colGuardian); v != "" {
		out.GuardianName = personName(c, colGuardian, v)
	}
	if v := c.get(colRelation); v != "" {
		if rel, err := checkText(v, 10); err != nil {
			c.fail(colRelation, v, err.Error())
		} else {
			out.GuardianRelation = rel
		}
	}
	out.GuardianPhone = phone(c, colGuardianTel)
}

// studentID checks 证件类型, 身份证号 and 出生日期 together, since each
// constrains the others, and returns the gender the number encodes ("" when
// it encodes none).
func studentID(c *rowCtx, s *model.Student, ids seen) model.Gender {
	var typ model.IDType
	if v := c.get(colIDType); v != "" {
		t, err := parseIDType(v)
		if err != nil {
			c.fail(colIDType, v, err.Error())
		}
		typ = t
	}
	var idBirth string
	var gender model.Gender
	if v := c.get(colIDNumber); v != "" {
		switch typ {
		case model.IDPassport, model.IDOther:
			if no, err := checkPassport(v); err != nil {
				c.fail(colIDNumber, v, err.Error())
			} else {
				s.IDNumber = no
			}
		default:
			norm, birth, err := idNumber(v)
			if err != nil {
				c.fail(colIDNumber, v, err.Error()+passportHint(v, typ))
				break
			}
			kind := idcheck.Kind(norm)
			if typ != "" && typ != model.IDResident && typ != idTypePermit && typ != kind {
				c.fail(colIDType, string(typ), "与证件号码不符：号码“"+norm[:2]+"…”开头的是"+string(kind))
			}
			typ, s.IDNumber, idBirth = kind, norm, birth
			gender = model.Female
			if (norm[16]-'0')%2 == 1 {
				gender = model.Male
			}
		}
		if s.IDNumber != "" {
			if prev := ids.dup(s.IDNumber, c.row); prev > 0 {
				c.fail(colIDNumber, v, dupReason("证件号码", prev))
			}
		}
	}
	if typ == "" || typ == idTypePermit {
		typ = model.IDResident
	}
	s.IDType = typ
	s.BirthDate = birthDate(c, idBirth)
	return gender
}

// idNumber wraps idcheck.IDNumber with the one mistake idcheck cannot
// explain: Excel having turned the number into 1.10105E+17.
func idNumber(v string) (string, string, error) {
	if looksScientific(v) {
		return "", "", errScientific
	}
	return idcheck.IDNumber(v)
}

// birthDate reconciles the 出生日期 column with the date in the ID number.
func birthDate(c *rowCtx, idBirth string) string {
	v := c.get(colBirth)
	if v == "" {
		return idBirth
	}
	iso, partial, err := parseDate(v, c.date1904)
	switch {
	case err != nil:
		c.fail(colBirth, v, err.Error())
	case idBirth != "" && (partial && idBirth[:7] != iso || !partial && idBirth != iso):
		c.fail(colBirth, v, "出生日期 "+iso+" 与身份证号中的出生日期 "+idBirth+" 不一致")
	case partial && idBirth == "":
		c.fail(colBirth, v, "出生日期只写到月，请写完整的日期，如 "+iso+"-01")
	default:
		d := cmp.Or(idBirth, iso)
		if r := validate.BirthDates.Check(d); r != "" {
			c.fail(colBirth, v, r)
			return ""
		}
		return d
	}
	return ""
}

// studentGender fills 性别 from its column or, failing that, the ID.
func studentGender(c *rowCtx, s *model.Student, idGender model.Gender) {
	v := c.get(colGender)
	if v == "" {
		if idGender == "" && !c.hasFailed(colGender) {
			c.fail(colGender, "", "不能为空（填写身份证号时可自动识别）")
		}
		s.Gender = idGender
		return
	}
	g, err := parseGender(v)
	switch {
	case err != nil:
		c.fail(colGender, v, err.Error())
	case idGender != "" && g != idGender:
		c.fail(colGender, v, "与身份证号不一致：身份证号第17位表示“"+string(idGender)+"”")
	default:
		s.Gender = g
	}
}
