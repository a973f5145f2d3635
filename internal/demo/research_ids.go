package demo

import "fmt"

// Identifiers of the demo's research outputs, made with their check digits
// so the entry checks accept them: ISSN (mod 11), ISBN-13 (weights 1 and 3)
// and Chinese patent numbers (ZL + 12 digits + the mod-11 check).

// issn is "NNNN-NNNC" for a 7-digit serial.
func issn(serial int) string {
	d := fmt.Sprintf("%07d", serial%10000000)
	sum := 0
	for i := range 7 {
		sum += int(d[i]-'0') * (8 - i)
	}
	c := (11 - sum%11) % 11
	check := string(rune('0' + c))
	if c == 10 {
		check = "X"
	}
	return d[:4] + "-" + d[4:] + check
}

// isbn13 is a 978 ISBN-13 for a 9-digit body.
func isbn13(body int) string {
	d := fmt.Sprintf("978%09d", body%1000000000)
	sum := 0
	for i := range 12 {
		w := 1
		if i%2 == 1 {
			w = 3
		}
		sum += int(d[i]-'0') * w
	}
	return d + string(rune('0'+(10-sum%10)%10))
}

// patentNumber is "ZL" + year + type (1 发明, 2 实用新型, 3 外观设计) + a
// 7-digit serial + "." + the check digit.
func patentNumber(year, kind, serial int) string {
	d := fmt.Sprintf("%04d%d%07d", year, kind, serial%10000000)
	weights := []int{2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5}
	sum := 0
	for i, w := range weights {
		sum += int(d[i]-'0') * w
	}
	c := sum % 11
	check := string(rune('0' + c))
	if c == 10 {
		check = "X"
	}
	return "ZL" + d + "." + check
}
