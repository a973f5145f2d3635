// Package validate holds the rules a student, teacher or class record must
// meet, shared by the web forms and the JSON API (the roster import applies
// the same rules cell by cell, with row numbers). Pure: no SQL, no HTTP.
package validate

import (
	"fmt"
	"time"
	"unicode/utf8"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

// FieldError names one bad field and says why, in Chinese.
type FieldError struct {
	Field  string `json:"field"`
	Reason string `json:"reason"`
}

// Student checks and normalises a student with the rules of the roster
// import: ID checksum, birth
// date agreeing with the ID number, phone format; plus the fields storage
// requires. It fills what the ID number implies (document kind, birth date,
// and gender when left empty, as the import does). Whether ClassID names a
// class the caller may use is for the handler, which can ask storage.
func Student(st *model.Student) []FieldError {
	var errs []FieldError
	bad := func(f, reason string) { errs = append(errs, FieldError{Field: f, Reason: reason}) }
	if r := code(st.StudentNo); r != "" {
		bad("student_no", "学号"+r)
	}
	if n, err := PersonName(st.Name); err != nil {
		bad("name", err.Error())
	} else {
		st.Name = n
	}
	if st.IDType == "" {
		st.IDType = model.IDResident
	}
	if !validIDType(st.IDType) {
		bad("id_type", "证件类型应为 居民身份证、港澳居民居住证、台湾居民居住证、外国人永久居留身份证、护照 或 其他")
	}
	birthFromID := ""
	if st.IDNumber != "" && IDLayout(st.IDType) {
		norm, birth, err := idcheck.IDNumber(st.IDNumber)
		if err != nil {
			bad("id_number", err.Error())
		} else {
			st.IDNumber, st.IDType, birthFromID = norm, idcheck.Kind(norm), birth
			if st.Gender == "" {
				// Digit 17 is odd for men, even for women (GB 11643).
				st.Gender = model.Female
				if (norm[16]-'0')%2 == 1 {
					st.Gender = model.Male
				}
			}
		}
	} else if utf8.RuneCountInString(st.IDNumber) > 32 {
		bad("id_number", "证件号码不能超过32个字符")
	}
	if st.Gender != model.Male && st.Gender != model.Female {
		bad("gender", "性别应为 男 或 女")
	}
	switch {
	case st.BirthDate != "" && !IsDate(st.BirthDate):
		bad("birth_date", "出生日期应为 YYYY-MM-DD 格式的有效日期")
	case st.BirthDate == "":
		st.BirthDate = birthFromID
	case birthFromID != "" && st.BirthDate != birthFromID:
		bad("birth_date", "出生日期 "+st.BirthDate+" 与身份证号中的出生日期 "+birthFromID+" 不一致")
	}
	if st.BirthDate != "" && IsDate(st.BirthDate) {
		if r := BirthDates.Check(st.BirthDate); r != "" {
			bad("birth_date", r)
		}
	}
	if r := Text(st.Ethnicity, 20, false); r != "" {
		bad("ethnicity", "民族"+r)
	}
	if r := Text(st.RegistrationNo, 32, false); r != "" {
		bad("registration_no", "学籍号"+r)
	}
	if st.Phone != "" {
		p, err := idcheck.Phone(st.Phone)
		if err != nil {
			bad("phone", err.Error())
		}
		st.Phone = p
	}
	if st.ClassID <= 0 {
		bad("class_id", "请指定班级")
	}
	if st.EnrollmentStatus == "" {
		st.EnrollmentStatus = model.StatusEnrolled
	}
	if !st.EnrollmentStatus.Valid() {
		bad("enrollment_status", "学籍状态应为 在籍、休学、退学、转出 或 毕业")
	}
	return errs
}

// Teacher applies the roster import's rules for teachers.
func Teacher(t *model.Teacher) []FieldError {
	var errs []FieldError
	bad := func(f, reason string) { errs = append(errs, FieldError{Field: f, Reason: reason}) }
	if r := code(t.StaffNo); r != "" {
		bad("staff_no", "工号"+r)
	}
	if n, err := PersonName(t.Name); err != nil {
		bad("name", err.Error())
	} else {
		t.Name = n
	}
	if r := Text(t.Title, 50, false); r != "" {
		bad("title", "职称"+r)
	}
	if t.IDNumber != "" {
		norm, _, err := idcheck.IDNumber(t.IDNumber)
		if err != nil {
			bad("id_number", err.Error())
		} else {
			t.IDNumber = norm
			if t.Gender == "" {
				t.Gender = model.Female
				if (norm[16]-'0')%2 == 1 {
					t.Gender = model.Male
				}
			}
		}
	}
	if t.Gender != "" && t.Gender != model.Male && t.Gender != model.Female {
		bad("gender", "性别应为 男 或 女")
	}
	if t.HiredOn != "" {
		if r := HireDates.Check(t.HiredOn); r != "" {
			bad("hired_on", r)
		}
	}
	if t.Phone != "" {
		p, err := idcheck.Phone(t.Phone)
		if err != nil {
			bad("phone", err.Error())
		}
		t.Phone = p
	}
	return errs
}

// Class checks what storage.CreateClass would refuse, so the
// client gets field errors instead of one sentence.
func Class(c *model.Class) []FieldError {
	var errs []FieldError
	bad := func(f, reason string) { errs = append(errs, FieldError{Field: f, Reason: reason}) }
	if r := Text(c.Name, 50, true); r != "" {
		bad("name", "班级名称"+r)
	}
	if c.MajorID <= 0 {
		bad("major_id", "请指定专业")
	}
	if c.EntryYear < 2000 || c.EntryYear > 2100 {
		bad("entry_year", "入学年份应为 2000–2100 之间的四位年份")
	}
	if c.Program == "" {
		c.Program = model.Program3Year
	}
	if !c.Program.Valid() {
		bad("program", "学制应为 三年制中职、五年一贯制高职、3+2 或 3+4中本贯通")
	}
	return errs
}

// code checks a 学号 or 工号: the import template's rule, letters, digits
// and "-", at most 32.
func code(s string) string {
	if s == "" {
		return "不能为空"
	}
	if len(s) > 32 {
		return "最多32位"
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') {
			return fmt.Sprintf("只能包含字母、数字和“-”，不能含“%c”", r)
		}
	}
	return ""
}

// Text checks a free-text field: required, at most maxRunes characters,
// no control characters; it returns the reason, or "" when the value is
// fine.
func Text(s string, maxRunes int, required bool) string {
	if required && s == "" {
		return "不能为空"
	}
	if r := Control(s); r != "" {
		return r
	}
	if utf8.RuneCountInString(s) > maxRunes {
		return fmt.Sprintf("最多%d个字", maxRunes)
	}
	return ""
}

// IsDate reports whether s is a real date written YYYY-MM-DD.
func IsDate(s string) bool {
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

func validIDType(t model.IDType) bool {
	for _, x := range model.IDTypes {
		if t == x {
			return true
		}
	}
	return false
}

// IDLayout reports whether a document type uses the 18-digit ID layout
// and its check digit (the form checks exactly these).
func IDLayout(t model.IDType) bool {
	return t == model.IDResident || t == model.IDHKMacauResident || t == model.IDTaiwanResident || t == model.IDForeignPR
}
