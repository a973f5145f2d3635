// Package auth holds passwords, API tokens, login throttling and the one
// place where permissions are checked.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's recommended minimum (19 MiB, 2 passes, 1
// lane) keeps a login under ~50 ms on a 2-core server while making offline
// guessing expensive.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
	saltLen      = 16
)

// HashPassword returns an encoded argon2id hash in the PHC string format.
func HashPassword(pw string) (string, error) {
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := idKey([]byte(pw), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key)), nil
}

// CheckPassword reports whether pw matches an encoded hash, in constant time.
func CheckPassword(encoded, pw string) bool {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m uint32
	var t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	// A stored hash asking for more memory than this server's own
	// parameters is refused rather than allowed past the semaphore's budget.
	if m > argonMemory || t > 10 || p > 4 {
		return false
	}
	got := idKey([]byte(pw), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// ValidatePassword enforces the password policy for new passwords.
func ValidatePassword(pw string) error {
	if len([]rune(pw)) < 8 {
		return errors.New("密码至少 8 位")
	}
	var letter, digit bool
	for _, r := range pw {
		switch {
		case unicode.IsLetter(r):
			letter = true
		case unicode.IsDigit(r):
			digit = true
		}
	}
	if !letter || !digit {
		return errors.New("密码需同时包含字母和数字")
	}
	return nil
}

// RandomPassword makes an initial password that is easy to read aloud and
// type on a phone: no 0/O, 1/l/I.
func RandomPassword() string {
	const letters = "abcdefghjkmnpqrstuvwxyz"
	const digits = "23456789"
	b := make([]byte, 10)
	rand.Read(b)
	out := make([]byte, 10)
	for i := range out {
		if i < 6 {
			out[i] = letters[int(b[i])%len(letters)]
		} else {
			out[i] = digits[int(b[i])%len(digits)]
		}
	}
	return string(out)
}

// NewAPIToken returns a fresh token, the prefix shown in lists, and the
// hash to store. Tokens are 32 random bytes, so a fast hash (SHA-256) is
// enough: there is nothing to guess.
func NewAPIToken() (token, prefix, hash string) {
	b := make([]byte, 32)
	rand.Read(b)
	token = "zj_" + hex.EncodeToString(b)
	return token, token[:10], HashToken(token)
}

// HashToken is how a presented token is looked up.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// HashSlots is how many argon2id hashes may run at once. Each holds
// argonMemory (19 MiB) while it runs, so four bound hashing to 76 MiB
// however many logins arrive together; on the 2-core servers schools use,
// more at once would not finish sooner anyway. Callers wait their turn.
const HashSlots = 4

var hashSlots = make(chan struct{}, HashSlots)

// idKey is argon2.IDKey behind the semaphore.
func idKey(pw, salt []byte, t, m uint32, p uint8, n uint32) []byte {
	hashSlots <- struct{}{}
	defer func() { <-hashSlots }()
	return argon2.IDKey(pw, salt, t, m, p, n)
}
