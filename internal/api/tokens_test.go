package api

import (
	"testing"

	"zhijiao/internal/model"
)

// A token cannot mint tokens (a short-lived one could otherwise make a
// permanent one that outlives its revocation); tokens are made from a
// logged-in session, and every staff member may make their own.
func TestTokensAreMadeFromSessionsByStaff(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		body := map[string]any{"name": "对接", "expires_in_days": 0}
		r := e.do("POST", "/tokens", e.tokens["a1/school_admin"], body).want(403, "a token minting a token")
		if msg, _ := r.json()["error"].(string); msg == "" {
			t.Errorf("no Chinese reason: %s", r.Body.String())
		}
		for _, role := range []string{model.RoleSchoolAdmin, model.RoleHeadTeacher, model.RoleSubjectTeacher, model.RoleDeptHead} {
			u := e.a.Users[role]
			e.do("POST", "/tokens", "", body, sessionHeader, id(u.ID)).want(201, role+" creates a token from the session")
			e.do("GET", "/tokens", e.tokens["a1/"+role], nil).want(200, role+" lists tokens")
		}
		for _, role := range []string{model.RoleStudent, model.RoleParent} {
			u := e.a.Users[role]
			e.do("POST", "/tokens", "", body, sessionHeader, id(u.ID)).want(403, role+" creates a token")
		}
	})
}
