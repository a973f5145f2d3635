package validate

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameDots are the look-alikes people type for the 间隔号 in minority and
// foreign names (阿依古丽·买买提); they are stored as U+00B7.
const nameDots = "•・．.‧∙●ㆍ･"

// PersonName is the rule for a person's name, the same for the roster
// import, the forms and the API: letters of any script, '·' and single
// spaces between Latin words, at most 50 characters. So "<script>",
// "=1+2" (a spreadsheet formula) and control characters are refused
// wherever a name comes in. It returns the normalised name.
func PersonName(s string) (string, error) {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(nameDots, r) {
			return '·'
		}
		return r
	}, s)
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return "", fmt.Errorf("姓名不能为空")
	}
	if n := utf8.RuneCountInString(s); n > 50 {
		return "", fmt.Errorf("姓名不能超过50个字，实为%d个字", n)
	}
	if Control(s) != "" {
		return "", fmt.Errorf("姓名%s", ControlReason)
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) && r != '·' && r != ' ' {
			return "", fmt.Errorf("姓名中不能有数字或符号“%c”", r)
		}
	}
	return s, nil
}
