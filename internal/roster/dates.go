package roster

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"zhijiao/internal/validate"
)

// now is replaceable so tests can pin "today".
var now = time.Now

// parseDate accepts what schools type or Excel stores for a date: a serial
// number (38000), 2008-03-01, 2008/3/1, 2008.3.1, 2008年3月1日, 20080301,
// optionally followed by a time. It returns YYYY-MM-DD, or YYYY-MM with
// partial set when only a year and month were given (出生年月 columns).
func parseDate(s string, date1904 bool) (iso string, partial bool, err error) {
	s = fold(s)
	if d, t, ok := strings.Cut(s, " "); ok && strings.Contains(t, ":") {
		s = d // "2008-03-01 00:00:00" from system exports
	}
	bad := fmt.Errorf("日期格式无法识别，请写成 2008-03-01 的形式")
	var y, m, d int
	switch {
	case isSerial(s):
		t, err := fromSerial(s, date1904)
		if err != nil {
			return "", false, err
		}
		y, m, d = t.Year(), int(t.Month()), t.Day()
	case len(s) == 8 && allDigits(s):
		y, m, d = atoi(s[:4]), atoi(s[4:6]), atoi(s[6:])
	case len(s) == 6 && allDigits(s):
		y, m = atoi(s[:4]), atoi(s[4:])
	default:
		parts, ok := dateParts(s)
		if !ok || len(parts) < 2 || len(parts) > 3 || len(parts[0]) != 4 {
			return "", false, bad
		}
		y, m = atoi(parts[0]), atoi(parts[1])
		if len(parts) == 3 {
			d = atoi(parts[2])
		}
	}
	if d == 0 {
		if m < 1 || m > 12 {
			return "", false, fmt.Errorf("日期 %04d-%02d 中月份无效", y, m)
		}
		return checkYear(fmt.Sprintf("%04d-%02d", y, m), y, true)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	iso = fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return "", false, fmt.Errorf("日期 %s 不存在", iso)
	}
	if t.After(now()) {
		return "", false, fmt.Errorf("日期 %s 晚于今天", iso)
	}
	return checkYear(iso, y, false)
}

func checkYear(iso string, y int, partial bool) (string, bool, error) {
	if y < 1900 {
		return "", false, fmt.Errorf("日期 %s 早于1900年，不是有效日期", iso)
	}
	return iso, partial, nil
}

// dateParts splits "2008年3月1日", "2008/3/1", "2008.03" into digit groups,
// refusing any separator a date would not use.
func dateParts(s string) ([]string, bool) {
	for _, r := range s {
		if (r < '0' || r > '9') && !strings.ContainsRune("-/.年月日号", r) {
			return nil, false
		}
	}
	return strings.FieldsFunc(s, func(r rune) bool { return r < '0' || r > '9' }), true
}

// isSerial reports whether s is an Excel serial day number, maybe with a
// time fraction. Only five integer digits (1927–2173) qualify: shorter
// numbers in a date column are far more likely a mistyped year.
func isSerial(s string) bool {
	i, f, _ := strings.Cut(s, ".")
	return len(i) == 5 && allDigits(i) && (f == "" || allDigits(f))
}

// fromSerial converts an Excel serial day to a date. Day 60 of the 1900
// system is the 1900-02-29 that never was (a bug Excel kept from Lotus
// 1-2-3), so days before it are shifted by one.
func fromSerial(s string, date1904 bool) (time.Time, error) {
	v, err := validate.Number(s)
	days := int(v)
	if err != nil || days < 1 {
		return time.Time{}, fmt.Errorf("日期“%s”不是有效的 Excel 日期", s)
	}
	if date1904 {
		return time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days), nil
	}
	if days == 60 {
		return time.Time{}, fmt.Errorf("日期“%s”对应 1900-02-29，这一天不存在", s)
	}
	base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	if days < 60 {
		base = base.AddDate(0, 0, 1)
	}
	return base.AddDate(0, 0, days), nil
}

// parseEntryYear reads 入学年份: 2024, 2024年, 2024级, 2024-09, 2024年9月,
// 202409, or any full date (typed or serial).
func parseEntryYear(s string, date1904 bool) (int, error) {
	s = strings.TrimSuffix(strings.TrimSuffix(fold(s), "级"), "年")
	y := 0
	switch {
	case len(s) == 4 && allDigits(s):
		y = atoi(s)
	default:
		iso, _, err := parseDate(s, date1904)
		if err != nil {
			return 0, fmt.Errorf("入学年份无法识别，请写成 2024 或 2024-09 的形式")
		}
		y = atoi(iso[:4])
	}
	if y < 1990 || y > now().Year()+1 {
		return 0, fmt.Errorf("入学年份 %d 不在合理范围（1990–%d）", y, now().Year()+1)
	}
	return y, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
