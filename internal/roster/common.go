package roster

import (
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

var errScientific = errors.New("号码被 Excel 存成了数字（科学计数法），后几位已经丢失；请把该列设置为“文本”格式后重新填写")

func dupReason(what string, prev int) string {
	return fmt.Sprintf("%s与第 %d 行重复", what, prev)
}

// personName validates a name cell and reports under the given column.
func personName(c *rowCtx, col, v string) string {
	n, err := checkPersonName(v)
	if err != nil {
		c.fail(col, v, err.Error())
	}
	return n
}

// phone validates an optional phone column.
func phone(c *rowCtx, col string) string {
	v := c.get(col)
	if v == "" {
		return ""
	}
	p, err := idcheck.Phone(v)
	if err != nil {
		c.fail(col, v, err.Error())
	}
	return p
}

// checkPassport accepts passport and other document numbers: letters,
// digits and '-', at most 32.
func checkPassport(v string) (string, error) {
	no, err := checkCode(strings.ToUpper(v))
	if err != nil {
		return "", fmt.Errorf("证件号码%s", err.Error())
	}
	return no, nil
}

// passportHint explains the usual cause when a number that is not an ID
// card fails: the 证件类型 column was left at its default.
func passportHint(v string, typ model.IDType) string {
	if typ != "" {
		return ""
	}
	for _, r := range v {
		if r >= 'A' && r <= 'Z' && r != 'X' || r >= 'a' && r <= 'z' && r != 'x' {
			return "；若是护照等其他证件，请在「证件类型」列注明"
		}
	}
	return ""
}
