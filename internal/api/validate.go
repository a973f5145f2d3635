package api

import (
	"strings"

	"zhijiao/internal/validate"
)

// ValidateStudent applies the shared student rules (package validate).
var ValidateStudent = validate.Student

var (
	validateTeacher = validate.Teacher
	validateClass   = validate.Class
	text            = validate.Text
	isDate          = validate.IsDate
	idLayout        = validate.IDLayout
)

// trim is applied to every string a client sends, as the form does.
func trim(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}
