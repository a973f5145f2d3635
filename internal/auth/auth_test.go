package auth

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse 1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash format %s", h)
	}
	if !CheckPassword(h, "correct horse 1") || CheckPassword(h, "correct horse 2") {
		t.Fatal("check")
	}
	h2, _ := HashPassword("correct horse 1")
	if h == h2 {
		t.Fatal("no salt")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=x$a$b", "$bcrypt$..."} {
		if CheckPassword(bad, "x") {
			t.Fatalf("accepted %q", bad)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	for pw, ok := range map[string]bool{"short1": false, "longbutnodigits": false, "12345678": false, "zhijiao2026": true, "密码很长但是12": true} {
		if err := ValidatePassword(pw); (err == nil) != ok {
			t.Errorf("%q: %v", pw, err)
		}
	}
	p := RandomPassword()
	if ValidatePassword(p) != nil || strings.ContainsAny(p, "01lIoO") {
		t.Fatalf("random password %q", p)
	}
}

func TestTokens(t *testing.T) {
	tok, prefix, hash := NewAPIToken()
	if !strings.HasPrefix(tok, "zj_") || len(tok) != 67 || !strings.HasPrefix(tok, prefix) || HashToken(tok) != hash || strings.Contains(hash, tok[3:]) {
		t.Fatalf("token %s %s %s", tok, prefix, hash)
	}
}

// memStore is a PermissionStore over a map, for testing the parsing and the
// check alone; the table itself is tested through storage on both engines.
type memStore struct{ rules map[string][]string }

func (m *memStore) SyncPermissions(_ context.Context, r map[string][]string) error {
	m.rules = r
	return nil
}
func (m *memStore) RolePermissions(context.Context) (map[string][]string, error) { return m.rules, nil }

func TestRulesAndCan(t *testing.T) {
	rules := Rules()
	for role := range RoleNames {
		if len(rules[role]) == 0 {
			t.Errorf("role %s has no rules", role)
		}
	}
	for role, perms := range rules {
		if _, ok := RoleNames[role]; !ok {
			t.Errorf("rules for unknown role %s", role)
		}
		for _, p := range perms {
			if p != "*" && !strings.Contains(p, ":") {
				t.Errorf("%s: malformed %q", role, p)
			}
		}
	}
	a, err := LoadAuthorizer(context.Background(), &memStore{})
	if err != nil {
		t.Fatal(err)
	}
	head := &model.User{Roles: []string{model.RoleHeadTeacher}}
	if !a.Can(head, "student:read") || a.Can(head, "student:manage") || a.Can(head, "user:manage") {
		t.Fatal("head teacher permissions")
	}
	root := &model.User{Roles: []string{model.RolePlatformAdmin}}
	if !a.Can(root, "anything:at_all") {
		t.Fatal("platform admin")
	}
	if a.Can(&model.User{Roles: []string{model.RoleSchoolAdmin}, Disabled: true}, "student:read") || a.Can(nil, "student:read") {
		t.Fatal("disabled or nil user")
	}
	if a.Can(&model.User{Roles: []string{model.RoleSchoolAdmin}}, "platform:manage") {
		t.Fatal("school admin holds platform:manage")
	}
	both := &model.User{Roles: []string{model.RoleStudent, model.RoleResearch}}
	if !a.Can(both, "teacher:read") || !a.Can(both, "student:read") {
		t.Fatal("roles do not add up")
	}
}

func TestThrottle(t *testing.T) {
	th := NewThrottle(3, 50*time.Millisecond)
	for i := 0; i < 3; i++ {
		if b, _ := th.Blocked("1.2.3.4"); b {
			t.Fatalf("blocked after %d", i)
		}
		th.Fail("1.2.3.4")
	}
	if b, wait := th.Blocked("1.2.3.4"); !b || wait <= 0 {
		t.Fatal("not blocked after 3 failures")
	}
	if b, _ := th.Blocked("5.6.7.8"); b {
		t.Fatal("another address blocked")
	}
	time.Sleep(60 * time.Millisecond)
	if b, _ := th.Blocked("1.2.3.4"); b {
		t.Fatal("still blocked after the window")
	}
	// A reservation counts before the outcome; a success forgives only
	// its own reservation, never earlier failures.
	th.Fail("1.2.3.4")
	th.Fail("1.2.3.4")
	if !th.Reserve("1.2.3.4") || th.Reserve("1.2.3.4") {
		t.Fatal("reservations past the limit")
	}
	th.Forgive("1.2.3.4")
	if len(th.seen["1.2.3.4"]) != 2 {
		t.Fatalf("forgive took back more than one attempt: %d left", len(th.seen["1.2.3.4"]))
	}
}

func TestLoginDelayGrows(t *testing.T) {
	prev := time.Duration(0)
	for n := 1; n <= 20; n++ {
		d := LoginDelay(n)
		if n < FreeFailures && d != 0 {
			t.Fatalf("failure %d waits %v", n, d)
		}
		if d < prev || d > MaxLoginDelay {
			t.Fatalf("failure %d waits %v after %v", n, d, prev)
		}
		prev = d
	}
	if LoginDelay(FreeFailures) != 30*time.Second || LoginDelay(100) != MaxLoginDelay {
		t.Fatal("delay bounds")
	}
	d := NewNameDelays()
	for range FreeFailures {
		d.Fail("nobody")
	}
	if time.Until(d.Until("nobody")) < 29*time.Second || !d.Until("other").IsZero() {
		t.Fatal("unknown names wait like accounts")
	}
}
