package idcheck

import "strings"

// MaskID hides the middle of an identity number for lists: the first 6
// (region) and last 4 characters stay, as is customary on Chinese forms.
// Strings too short for that keep a quarter at each end, so a masked value
// never reveals more than half of the original.
func MaskID(s string) string {
	r := []rune(strings.TrimSpace(s))
	n := len(r)
	head, tail := 6, 4
	if n <= 10 {
		head, tail = n/4, n/4
	}
	return mask(r, head, tail)
}

// MaskPhone hides the middle of a phone number: "138****5678". For a
// landline only the local number is masked, keeping the area code.
func MaskPhone(s string) string {
	s = strings.TrimSpace(s)
	if area, local, ok := strings.Cut(s, "-"); ok {
		return area + "-" + MaskPhone(local)
	}
	r := []rune(s)
	n := len(r)
	switch {
	case n >= 11:
		return mask(r, 3, 4)
	case n >= 7:
		return mask(r, max(0, n-8), 4)
	default:
		return mask(r, n/4, n/4)
	}
}

func mask(r []rune, head, tail int) string {
	n := len(r)
	if head+tail > n {
		head, tail = 0, 0
	}
	return string(r[:head]) + strings.Repeat("*", n-head-tail) + string(r[n-tail:])
}

// MaskEmbeddedID masks an identity number inside another code, such as a
// 学籍号, which the national system issues as 'G' + the student's ID
// number: the code then reveals exactly what MaskID hides. It masks the
// given id where it occurs (case-insensitively) and any other 18-character
// run that is a valid resident ID number; other codes are returned as they
// are.
func MaskEmbeddedID(code, id string) string {
	if id = strings.ToUpper(strings.TrimSpace(id)); len(id) >= 15 {
		if i := strings.Index(strings.ToUpper(code), id); i >= 0 {
			return code[:i] + MaskID(code[i:i+len(id)]) + code[i+len(id):]
		}
	}
	for i := 0; i+18 <= len(code); i++ {
		if _, _, err := IDNumber(code[i : i+18]); err == nil {
			return code[:i] + MaskID(code[i:i+18]) + MaskEmbeddedID(code[i+18:], "")
		}
	}
	return code
}
