package idcheck

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// creditAlphabet is the GB 32100-2015 character set: digits and upper-case
// letters without I, O, Z, S, V (too easily confused with 1, 0, 2, 5, U).
const creditAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

var creditWeights = [17]int{1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28}

// CreditCode validates a 统一社会信用代码 and returns it upper-cased.
func CreditCode(s string) (string, error) {
	s = strings.ToUpper(clean(s))
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return "", fmt.Errorf("统一社会信用代码不能为空")
	}
	if n != 18 {
		return "", fmt.Errorf("统一社会信用代码应为18位，实为%d位", n)
	}
	pos := 0
	for _, r := range s {
		pos++
		if r > 0x7f || strings.IndexByte(creditAlphabet, byte(r)) < 0 {
			return "", fmt.Errorf("统一社会信用代码第%d位“%c”不是允许的字符（只能是数字和除 I、O、Z、S、V 以外的大写字母）", pos, r)
		}
	}
	if want := creditCheck(s[:17]); want != s[17] {
		return "", fmt.Errorf("统一社会信用代码校验位错误：应为 %c，实为 %c", want, s[17])
	}
	return s, nil
}

// creditCheck computes the 18th character; body must already be in the
// alphabet.
func creditCheck(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += strings.IndexByte(creditAlphabet, body[i]) * creditWeights[i]
	}
	return creditAlphabet[(31-sum%31)%31]
}

// MakeCreditCode appends the check character to a 17-character body, for
// synthetic demo data. It panics on characters outside the alphabet because
// that is a bug in the calling generator.
func MakeCreditCode(body17 string) string {
	body17 = strings.ToUpper(body17)
	if len(body17) != 17 {
		panic("idcheck.MakeCreditCode: body must be 17 characters, got " + body17)
	}
	for i := 0; i < 17; i++ {
		if strings.IndexByte(creditAlphabet, body17[i]) < 0 {
			panic("idcheck.MakeCreditCode: invalid character in " + body17)
		}
	}
	return body17 + string(creditCheck(body17))
}
