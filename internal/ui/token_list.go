package ui

import (
	"net/http"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

type tokenListData struct {
	Tokens  []model.APIToken
	Created string // the new token, shown once
	Curl    string
	Name    string
	Days    int
	Errors  formErrors
	Now     time.Time
}

// tokenExpiries are the lifetimes offered for a new token (0 = never).
var tokenExpiries = []int{30, 90, 365, 0}

func (s *Server) tokenPage(w http.ResponseWriter, r *http.Request, status int, d tokenListData) {
	u := userOf(r)
	var err error
	if d.Tokens, err = s.st.APITokens(r.Context(), u.SchoolID, u.ID); err != nil {
		s.serverError(w, r, err)
		return
	}
	d.Now = time.Now()
	if d.Created != "" {
		noStore(w)
	}
	s.render(w, r, status, "token_list", "API 令牌", d)
}

// tokenList shows the user's own API tokens.
func (s *Server) tokenList(w http.ResponseWriter, r *http.Request) {
	s.tokenPage(w, r, http.StatusOK, tokenListData{Days: 90})
}

// tokenCreate makes a token for the user; only its hash is stored, so the
// token itself is shown once, with an example request.
func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	d := tokenListData{Name: field(r, "name"), Days: int(formInt(r, "days"))}
	if d.Name == "" {
		d.Errors.add("请填写令牌名称，如「教务系统对接」")
	}
	maxLen(&d.Errors, "令牌名称", d.Name, 50)
	valid := false
	for _, x := range tokenExpiries {
		valid = valid || x == d.Days
	}
	if !valid {
		d.Errors.add("请选择有效期")
	}
	if d.Errors.any() {
		s.tokenPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	token, prefix, hash := auth.NewAPIToken()
	t := model.APIToken{UserID: u.ID, Name: d.Name, Prefix: prefix}
	if d.Days > 0 {
		t.ExpiresAt = time.Now().AddDate(0, 0, d.Days).UTC().Truncate(time.Second)
	}
	if err := s.st.CreateAPIToken(r.Context(), u.SchoolID, actor(r), &t, hash); err != nil {
		s.serverError(w, r, err)
		return
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	d = tokenListData{Created: token, Days: 90, Curl: `curl -H "Authorization: Bearer ` + token + `" ` + scheme + "://" + r.Host + "/api/v1/me"}
	s.tokenPage(w, r, http.StatusOK, d)
}

// tokenRevoke revokes one of the user's own tokens; anyone else's is not
// found.
func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, ok := s.pathID(w, r)
	if !ok {
		return
	}
	u := userOf(r)
	if err := s.st.RevokeAPIToken(r.Context(), u.SchoolID, actor(r), u.ID, id); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.redirect(w, r, "/tokens", "令牌已吊销")
}
