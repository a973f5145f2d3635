package reportcard

import (
	"crypto/rand"
	"errors"
	"strings"
)

// Verification codes are 12 random Crockford base32 symbols (60 bits: not
// guessable, and a wrong guess is only ever answered "无效") and one check
// symbol from the same alphabet (Luhn mod 32), which catches any one
// mistyped or altered symbol and most swaps of neighbours before any
// lookup. (Crockford's own mod-37 check adds * ~ $ = U, which do not
// belong in a URL or on a phone keyboard.) Printed in groups of
// four: ABCD-EFGH-JKMN-P. Reading forgives case, spaces, hyphens and the
// letters people confuse (I, L → 1; O → 0).
const (
	alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	codeLen  = 12
)

// ErrBadCode is a code that cannot be one of ours (wrong length, symbol or
// check symbol).
var ErrBadCode = errors.New("验证码格式不正确")

// NewCode returns a fresh random code with its check symbol, without
// hyphens.
func NewCode() (string, error) {
	var b [codeLen]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	out := make([]byte, 0, codeLen+1)
	for _, x := range b {
		out = append(out, alphabet[x&31])
	}
	return string(out) + string(check(string(out))), nil
}

// check is the Luhn mod 32 check symbol of a code body.
func check(body string) byte {
	const n = len(alphabet)
	factor, sum := 2, 0
	for i := len(body) - 1; i >= 0; i-- {
		a := factor * strings.IndexByte(alphabet, body[i])
		factor = 3 - factor
		sum += a/n + a%n
	}
	return alphabet[(n-sum%n)%n]
}

// Normalize reads a typed or scanned code: it returns the canonical form
// (upper case, no separators) or ErrBadCode.
func Normalize(s string) (string, error) {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch r {
		case ' ', '-', '\t':
			continue
		case 'I', 'L':
			r = '1'
		case 'O':
			r = '0'
		}
		b.WriteRune(r)
	}
	c := b.String()
	if len(c) != codeLen+1 {
		return "", ErrBadCode
	}
	body := c[:codeLen]
	for i := 0; i < codeLen; i++ {
		if strings.IndexByte(alphabet, body[i]) < 0 {
			return "", ErrBadCode
		}
	}
	if c[codeLen] != check(body) {
		return "", ErrBadCode
	}
	return c, nil
}

// Format prints a canonical code in groups of four for reading aloud.
func Format(code string) string {
	var parts []string
	for len(code) > 4 {
		parts = append(parts, code[:4])
		code = code[4:]
	}
	return strings.Join(append(parts, code), "-")
}
