package research

import (
	"errors"
	"regexp"
	"strings"
)

// The check digits and shapes of the identifiers an output carries. Each
// function takes the value as typed (spaces, hyphens, full-width digits
// and a lower-case x are forgiven) and returns it in its one normal form,
// or a Chinese reason why it is not one.

// halfWidth turns full-width ASCII (Ａ-Ｚ, ０-９, －) into half-width and
// the ideographic space into a space, as Chinese input methods often type
// them.
func halfWidth(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\u3000':
			return ' '
		case r >= 0xFF01 && r <= 0xFF5E:
			return r - 0xFEE0
		}
		return r
	}, s)
}

// compact drops spaces and hyphens and upper-cases: the form identifiers
// are compared in.
func compact(s string) string {
	s = strings.ToUpper(halfWidth(strings.TrimSpace(s)))
	return strings.NewReplacer(" ", "", "-", "", "\t", "").Replace(s)
}

// ISSN checks an ISSN's mod-11 check digit and returns it as NNNN-NNNC.
// The first seven digits are weighted 8 down to 2; the check digit makes
// the weighted sum a multiple of 11 (X stands for 10).
func ISSN(s string) (string, error) {
	c := strings.TrimPrefix(compact(s), "ISSN")
	if len(c) != 8 || !allDigits(c[:7]) || !(isDigit(c[7]) || c[7] == 'X') {
		return "", errors.New("应为 8 位，如 1671-0568（最后一位可为 X）")
	}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(c[i]-'0') * (8 - i)
	}
	if want := mod11Char((11 - sum%11) % 11); c[7] != want {
		return "", errors.New("校验位不对（按前 7 位应为 " + string(want) + "），请核对")
	}
	return c[:4] + "-" + c[4:], nil
}

// ISBN checks an ISBN-13 (or an old ISBN-10, which it converts) and
// returns the 13 digits. ISBN-13 weights its digits 1, 3, 1, 3 …; the
// check digit makes the weighted sum a multiple of 10.
func ISBN(s string) (string, error) {
	c := strings.TrimPrefix(compact(s), "ISBN")
	if len(c) == 10 {
		return isbn10(c)
	}
	if len(c) != 13 || !allDigits(c) {
		return "", errors.New("应为 13 位数字，如 978-7-04-012345-6")
	}
	if !strings.HasPrefix(c, "978") && !strings.HasPrefix(c, "979") {
		return "", errors.New("应以 978 或 979 开头")
	}
	if want := isbn13Check(c[:12]); c[12] != want {
		return "", errors.New("校验位不对（按前 12 位应为 " + string(want) + "），请核对")
	}
	return c, nil
}

func isbn13Check(d12 string) byte {
	sum := 0
	for i := 0; i < 12; i++ {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(d12[i]-'0') * w
	}
	return byte('0' + (10-sum%10)%10)
}

// isbn10 checks an ISBN-10 (weights 10 down to 2, mod 11) and returns the
// ISBN-13 of the same book: 978, the first nine digits, a new check digit.
func isbn10(c string) (string, error) {
	if !allDigits(c[:9]) || !(isDigit(c[9]) || c[9] == 'X') {
		return "", errors.New("应为 13 位数字，如 978-7-04-012345-6")
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(c[i]-'0') * (10 - i)
	}
	if want := mod11Char((11 - sum%11) % 11); c[9] != want {
		return "", errors.New("校验位不对（按前 9 位应为 " + string(want) + "），请核对")
	}
	d := "978" + c[:9]
	return d + string(isbn13Check(d)), nil
}

var cnShape = regexp.MustCompile(`^CN(\d{2})-?(\d{4})/([A-Z][A-Z0-9.]{0,5})$`)

// CN checks the shape of a 国内统一连续出版物号 (CN 11-1234/G4: the
// region's two digits, the serial's four, the 中图分类 class) and returns
// it as "CN 11-1234/G4". It has no check digit.
func CN(s string) (string, error) {
	c := strings.ReplaceAll(strings.ToUpper(halfWidth(strings.TrimSpace(s))), " ", "")
	c = strings.ReplaceAll(c, "／", "/")
	m := cnShape.FindStringSubmatch(c)
	if m == nil {
		return "", errors.New("格式应如 CN 11-1234/G4")
	}
	return "CN " + m[1] + "-" + m[2] + "/" + m[3], nil
}

var doiShape = regexp.MustCompile(`^10\.\d{4,9}/\S+$`)

// DOI checks a DOI's shape (10.NNNN/suffix; a doi.org address or a "doi:"
// prefix is taken off) and returns it lower-cased, as DOIs are compared
// without case.
func DOI(s string) (string, error) {
	c := strings.TrimSpace(halfWidth(s))
	l := strings.ToLower(c)
	for _, p := range []string{"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi："} {
		if strings.HasPrefix(l, p) {
			l = strings.TrimSpace(l[len(p):])
			break
		}
	}
	if !doiShape.MatchString(l) {
		return "", errors.New("格式应如 10.1234/abcd.2024.01.005")
	}
	return l, nil
}

// PatentType is the type the fifth digit of a post-2003 application number
// gives: 1 and 8 (PCT) 发明, 2 and 9 (PCT) 实用新型, 3 外观设计.
var patentTypes = map[byte]string{'1': "发明", '8': "发明", '2': "实用新型", '9': "实用新型", '3': "外观设计"}

// Patent checks a 专利号 (ZL + the 12-digit application number + "." +
// check digit) and returns it as ZL202310123456.7, with the patent type
// its fifth digit gives. The check digit is the sum of the twelve digits
// weighted 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5 modulo 11 (X for 10).
func Patent(s string) (number, kind string, err error) {
	c := strings.ReplaceAll(compact(s), "．", ".")
	c = strings.TrimPrefix(strings.TrimPrefix(c, "ZL"), "CN")
	if len(c) != 14 || c[12] != '.' || !allDigits(c[:12]) || !(isDigit(c[13]) || c[13] == 'X') {
		return "", "", errors.New("格式应如 ZL202310123456.7（ZL、12 位数字、点、校验位）")
	}
	sum := 0
	for i := 0; i < 12; i++ {
		sum += int(c[i]-'0') * (2 + i%8)
	}
	if want := mod11Char(sum % 11); c[13] != want {
		return "", "", errors.New("校验位不对（按前 12 位应为 " + string(want) + "），请核对")
	}
	kind = patentTypes[c[4]]
	if kind == "" {
		return "", "", errors.New("第 5 位应为专利类型 1、2、3、8 或 9")
	}
	return "ZL" + c, kind, nil
}

func mod11Char(v int) byte {
	if v == 10 {
		return 'X'
	}
	return byte('0' + v)
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}
