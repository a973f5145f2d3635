package idcheck

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"zhijiao/internal/model"
)

// idWeights are the GB 11643-1999 weights (2^(17-i) mod 11) for the first
// 17 digits; idCheckChars maps the weighted sum mod 11 to the 18th character.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheckChars = "10X98765432"

// now is replaceable so tests can pin "today" for the future-date rule.
var now = time.Now

// provinces holds the first two digits an ID number may start with:
// the province-level division codes of GB/T 2260, 71 (Taiwan), 81/82/83
// (the permits). 9x (foreigner permanent residence, 2023 format) is
// checked separately. A typo in the first two digits that still passes
// the check digit is rare, but a wrong province is cheap to catch.
var provinces = map[string]bool{
	"11": true, "12": true, "13": true, "14": true, "15": true,
	"21": true, "22": true, "23": true,
	"31": true, "32": true, "33": true, "34": true, "35": true, "36": true, "37": true,
	"41": true, "42": true, "43": true, "44": true, "45": true, "46": true,
	"50": true, "51": true, "52": true, "53": true, "54": true,
	"61": true, "62": true, "63": true, "64": true, "65": true,
	"71": true, "81": true, "82": true, "83": true,
}

// IDNumber validates an 18-character identity number: the 居民身份证 and the
// documents sharing its layout and check digit (港澳/台湾居民居住证 with
// prefixes 81/82/83, the 2023 外国人永久居留身份证 with prefix 9). It returns
// the normalised number (trimmed, upper-case X) and the birth date as
// YYYY-MM-DD.
func IDNumber(s string) (norm string, birth string, err error) {
	s = strings.ToUpper(clean(s))
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		return "", "", fmt.Errorf("身份证号不能为空")
	case n == 15 && allDigits(s):
		return "", "", fmt.Errorf("这是15位旧身份证号，请改用18位号码：在第6位后插入“19”把出生年份补成4位，再按国家标准计算第18位校验码；或请学生提供现用的18位身份证号")
	case n != 18:
		return "", "", fmt.Errorf("身份证号应为18位，实为%d位", n)
	}
	for i := 0; i < 17; i++ {
		if c := s[i]; c < '0' || c > '9' {
			r, _ := utf8.DecodeRuneInString(s[i:])
			return "", "", fmt.Errorf("身份证号第%d位应为数字，实为“%c”", i+1, r)
		}
	}
	if last := s[17]; (last < '0' || last > '9') && last != 'X' {
		r, _ := utf8.DecodeRuneInString(s[17:])
		return "", "", fmt.Errorf("身份证号第18位应为数字或X，实为“%c”", r)
	}
	if s[0] == '9' {
		// The 2023 permanent-residence card puts the issuing province in
		// digits 2–3.
		if !provinces[s[1:3]] {
			return "", "", fmt.Errorf("身份证号第2–3位“%s”不是有效的省级行政区划代码", s[1:3])
		}
	} else if !provinces[s[:2]] {
		return "", "", fmt.Errorf("身份证号前两位“%s”不是有效的省级行政区划代码", s[:2])
	}
	birth, err = birthDate(s[6:14])
	if err != nil {
		return "", "", err
	}
	if want := idCheck(s[:17]); want != s[17] {
		return "", "", fmt.Errorf("身份证号校验位错误：应为 %c，实为 %c", want, s[17])
	}
	return s, birth, nil
}

// birthDate checks the YYYYMMDD digits of an ID number.
func birthDate(d string) (string, error) {
	iso := d[:4] + "-" + d[4:6] + "-" + d[6:8]
	t, err := time.Parse("20060102", d)
	if err != nil {
		return "", fmt.Errorf("出生日期 %s 不是有效日期", iso)
	}
	if t.Year() < 1900 {
		return "", fmt.Errorf("出生日期 %s 早于1900年，不是有效日期", iso)
	}
	today := now()
	if t.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)) {
		return "", fmt.Errorf("出生日期 %s 晚于今天，不是有效日期", iso)
	}
	return iso, nil
}

// idCheck computes the 18th character from the first 17 digits.
func idCheck(body string) byte {
	sum := 0
	for i := 0; i < 17; i++ {
		sum += int(body[i]-'0') * idWeights[i]
	}
	return idCheckChars[sum%11]
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Kind tells which document a number already validated by IDNumber is.
func Kind(norm string) model.IDType {
	switch {
	case strings.HasPrefix(norm, "81"), strings.HasPrefix(norm, "82"):
		return model.IDHKMacauResident
	case strings.HasPrefix(norm, "83"):
		return model.IDTaiwanResident
	case strings.HasPrefix(norm, "9"):
		return model.IDForeignPR
	default:
		return model.IDResident
	}
}

// MakeIDNumber builds a valid synthetic number for demo data. region is a
// 6-digit area code, seq (taken mod 100) fills digits 15–16, and digit 17 is
// odd for male and even for female as the standard requires. It panics on
// a malformed region because that is a bug in the calling generator.
func MakeIDNumber(region string, birth time.Time, seq int, male bool) string {
	if len(region) != 6 || !allDigits(region) {
		panic("idcheck.MakeIDNumber: region must be 6 digits, got " + region)
	}
	seq = ((seq % 100) + 100) % 100
	// Vary digit 17 with seq so generated numbers do not all look alike.
	g := (seq * 7 % 5) * 2
	if male {
		g++
	}
	body := fmt.Sprintf("%s%s%02d%d", region, birth.Format("20060102"), seq, g)
	return body + string(idCheck(body))
}
