package api

import (
	"net/http"
	"strings"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
)

// Tokens always belong to the caller's own account (and school, 0 for
// platform accounts): nobody lists or revokes another user's tokens here,
// so another user's token id is simply not found.

func (a *API) tokenList(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	l := q.list()
	if !q.ok(w) {
		return
	}
	list, err := a.st.APITokens(r.Context(), c.user.SchoolID, c.user.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page(orEmpty(list), l))
}

// tokenRequest is the body of POST /tokens.
type tokenRequest struct {
	Name          string `json:"name"`
	ExpiresInDays int    `json:"expires_in_days"`
}

// tokenCreated carries the token itself, shown this once: only its hash
// is stored.
type tokenCreated struct {
	model.APIToken
	Token string `json:"token"`
}

// tokenCreate makes a token for the caller. Only a web session may: a
// token that could mint tokens would let a short-lived or stolen one make a
// permanent one that survives its own revocation. A token carries exactly
// its owner's permissions, never more.
func (a *API) tokenCreate(w http.ResponseWriter, r *http.Request, c *call) {
	if c.viaToken {
		fail(w, http.StatusForbidden, "API 令牌不能创建新令牌：请登录网页，在“我的 API 令牌”页面或以网页会话调用本接口创建")
		return
	}
	var in tokenRequest
	if !decode(w, r, &in) {
		return
	}
	in.Name = strings.TrimSpace(in.Name)
	var errs []FieldError
	if msg := text(in.Name, 50, true); msg != "" {
		errs = append(errs, FieldError{Field: "name", Reason: "令牌名称" + msg})
	}
	if in.ExpiresInDays < 0 || in.ExpiresInDays > 3650 {
		errs = append(errs, FieldError{Field: "expires_in_days", Reason: "有效天数应为 1–3650；0 或不填表示不过期"})
	}
	if len(errs) > 0 {
		invalid(w, errs)
		return
	}
	tok, prefix, hash := auth.NewAPIToken()
	t := model.APIToken{UserID: c.user.ID, Name: in.Name, Prefix: prefix}
	if in.ExpiresInDays > 0 {
		t.ExpiresAt = time.Now().UTC().Truncate(time.Second).AddDate(0, 0, in.ExpiresInDays)
	}
	if err := a.st.CreateAPIToken(r.Context(), c.user.SchoolID, c.actor, &t, hash); err != nil {
		a.serverError(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, tokenCreated{APIToken: t, Token: tok})
}

func (a *API) tokenRevoke(w http.ResponseWriter, r *http.Request, c *call) {
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	if err := a.st.RevokeAPIToken(r.Context(), c.user.SchoolID, c.actor, c.user.ID, id); err != nil {
		a.storeErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
