package idcheck

import (
	"fmt"
	"strings"
)

// phoneNoise strips the separators people type between digit groups; built
// once because a Replacer is costly to construct and rosters call Phone
// tens of thousands of times.
var phoneNoise = strings.NewReplacer(" ", "", "(", "", ")", "", "（", "", "）", "")

// Phone validates a mainland mobile number (11 digits, 1[3-9]…, with an
// optional +86 / 86 / 0086 prefix that is stripped) or a landline with area
// code (023-12345678 or 02312345678). Mobiles are returned as 11 digits,
// landlines as "area-number".
func Phone(s string) (string, error) {
	raw := clean(s)
	if raw == "" {
		return "", fmt.Errorf("电话号码不能为空")
	}
	// Separators people type between groups carry no meaning; remember
	// whether a dash split the area code so we can honour it.
	d := phoneNoise.Replace(raw)
	area, local, dashed := strings.Cut(d, "-")
	d = strings.ReplaceAll(d, "-", "")
	d = strings.TrimPrefix(d, "+")
	if !allDigits(d) {
		return "", fmt.Errorf("电话号码“%s”含有数字以外的字符", raw)
	}
	for _, p := range []string{"0086", "86"} {
		if len(d) == len(p)+11 && strings.HasPrefix(d, p) && d[len(p)] == '1' {
			d = d[len(p):]
			break
		}
	}
	// Too short to read an area code by position ("0", "02", "+8"):
	// fuzzing found both reads past the end.
	if len(d) < 3 {
		return "", fmt.Errorf("电话号码“%s”位数不够：手机号为11位，固定电话为区号加7–8位号码", raw)
	}
	if d[0] == '1' {
		if len(d) != 11 {
			return "", fmt.Errorf("手机号应为11位，实为%d位", len(d))
		}
		if d[1] < '3' {
			return "", fmt.Errorf("手机号“%s”第二位应为3–9", d)
		}
		return d, nil
	}
	if d[0] != '0' {
		return "", fmt.Errorf("电话号码“%s”无效：手机号应以1开头，固定电话应带以0开头的区号", raw)
	}
	// Without a dash, infer the area code length: 010 and 020–029 are
	// the only 3-digit area codes, every other one has 4 digits.
	if !dashed {
		if d[1] == '1' || d[1] == '2' {
			area, local = d[:3], d[3:]
		} else {
			area, local = d[:min(4, len(d))], d[min(4, len(d)):]
		}
	} else {
		local = strings.ReplaceAll(local, "-", "")
	}
	if len(area) < 3 || len(area) > 4 || area[0] != '0' {
		return "", fmt.Errorf("固定电话区号“%s”无效：应为以0开头的3–4位数字", area)
	}
	if len(local) < 7 || len(local) > 8 || local[0] == '0' {
		return "", fmt.Errorf("固定电话号码“%s”无效：区号后应为7–8位、不以0开头的号码", local)
	}
	return area + "-" + local, nil
}
