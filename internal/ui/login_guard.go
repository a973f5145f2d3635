package ui

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"hash/fnv"
	"net/http"
	"sync"
	"time"

	"zhijiao/internal/model"
)

// loginFloor is the least time a failed login takes to answer. It is
// longer than a lookup plus one argon2id hash, so a wrong password for a
// real account and any password for an unknown name answer alike: the
// time no more tells which accounts exist than the message does.
const loginFloor = 150 * time.Millisecond

// loginStripes serialise attempts on one account name, so parallel
// guesses each see the failures counted before them instead of all
// passing the wait together. Names share 64 locks: unrelated logins
// rarely wait on each other, and there is nothing to clean up.
type loginStripes [64]sync.Mutex

func (l *loginStripes) lock(name string) func() {
	h := fnv.New32a()
	h.Write([]byte(name))
	m := &l[h.Sum32()%uint32(len(l))]
	m.Lock()
	return m.Unlock
}

// deviceCookie marks a browser that logged in to an account before. The
// owner's own browser passes the account's wait and the address limit, so
// a guesser slows the account down without locking its owner out.
const deviceCookie = "zhijiao_device"

// deviceProof is an HMAC keyed with the account's password hash: only the
// server can make it, and a new password makes every old proof invalid.
func deviceProof(u *model.User) string {
	mac := hmac.New(sha256.New, []byte(u.PasswordHash))
	mac.Write([]byte("known-device:" + itoa64(u.ID)))
	return itoa64(u.ID) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
}

func knownDevice(r *http.Request, u *model.User) bool {
	c, err := r.Cookie(deviceCookie)
	return err == nil && u != nil && hmac.Equal([]byte(c.Value), []byte(deviceProof(u)))
}

func (s *Server) rememberDevice(w http.ResponseWriter, u *model.User) {
	http.SetCookie(w, &http.Cookie{Name: deviceCookie, Value: deviceProof(u), Path: "/login", MaxAge: 180 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.sm.Cookie.Secure})
}

// passwordMark is what a session remembers of the password it logged in
// with. A session whose mark no longer matches the account's hash is over:
// changing or resetting a password ends every other session at once,
// wherever sessions are stored.
func passwordMark(hash string) string {
	sum := sha256.Sum256([]byte("session:" + hash))
	return hex.EncodeToString(sum[:12])
}
