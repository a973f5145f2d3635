package api

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// call is what the wrapper learned about a request before the handler runs.
type call struct {
	user   *model.User
	school int64 // every storage call of the request uses this school
	actor  model.Actor
	scope  *auth.Scope // computed on first use: not every endpoint needs it
	// viaToken: the request was authenticated by an API token, not by the
	// web session.
	viaToken bool
}

// wrap applies a route's policy in a fixed order: who are you (401), must
// you change your password first (403), may you do this at all (403), in
// which school (400/403/404). Scope is checked by the handler, per object,
// and answers 404.
func (a *API) wrap(rt route) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if name := controlInQuery(r); name != "" {
			fail(w, http.StatusBadRequest, "查询参数"+validate.ControlReason, FieldError{Field: name, Reason: validate.ControlReason})
			return
		}
		if rt.Public {
			rt.H(a, w, r, &call{})
			return
		}
		u, msg := a.authenticate(r)
		if u == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="zhijiao"`)
			fail(w, http.StatusUnauthorized, msg)
			return
		}
		if u.MustChangePassword && !rt.BeforePassword {
			fail(w, http.StatusForbidden, "该账号须先修改初始密码：请登录网页修改密码后再调用接口")
			return
		}
		if !a.authz.Can(u, rt.Perm) {
			fail(w, http.StatusForbidden, "您没有权限执行此操作", FieldError{Field: "permission", Reason: "需要权限 " + rt.Perm})
			return
		}
		c := &call{user: u, school: u.SchoolID, actor: model.Actor{UserID: u.ID, Username: u.Username, IP: clientIP(r)},
			viaToken: r.Header.Get("Authorization") != ""}
		if rt.School {
			school, status, msg := a.schoolOf(r.Context(), u, r.URL.Query().Get("school"))
			if status != 0 {
				fail(w, status, msg)
				return
			}
			c.school = school
		} else if code := r.URL.Query().Get("school"); code != "" && u.SchoolID != model.PlatformSchoolID {
			if _, status, msg := a.schoolOf(r.Context(), u, code); status != 0 {
				fail(w, status, msg)
				return
			}
		}
		rt.H(a, w, r, c)
	}
}

// authenticate finds the user behind a bearer token, or else behind the
// web session. A request that presents a token is judged by the token
// alone: a bad token is never rescued by a cookie sent along with it.
func (a *API) authenticate(r *http.Request) (*model.User, string) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		tok = strings.TrimSpace(tok)
		if !strings.EqualFold(scheme, "Bearer") || !strings.HasPrefix(tok, "zj_") {
			return nil, "认证方式无效：请使用 Authorization: Bearer zj_… 形式的 API 令牌"
		}
		u, err := a.st.UserByTokenHash(r.Context(), auth.HashToken(tok))
		if err != nil {
			if !errors.Is(err, storage.ErrNotFound) {
				a.log.Error("api token lookup", "err", err)
			}
			return nil, "API 令牌无效、已过期或已吊销"
		}
		if u.Disabled {
			return nil, "该账号已停用"
		}
		return &u, ""
	}
	if a.sessionUser != nil {
		if u := a.sessionUser(r); u != nil && !u.Disabled {
			return u, ""
		}
	}
	return nil, "请先登录，或在请求头中提供 API 令牌（Authorization: Bearer zj_…）"
}

// schoolOf decides the school a request acts in. School accounts act in
// their own school only; naming another one is refused before it is looked
// up, so the answer says nothing about which codes exist. Platform accounts
// (school_id 0) belong to no school and must name one; a district account
// may only name a school of its district.
func (a *API) schoolOf(ctx context.Context, u *model.User, code string) (int64, int, string) {
	code = strings.TrimSpace(code)
	if u.SchoolID != model.PlatformSchoolID {
		if code == "" {
			return u.SchoolID, 0, ""
		}
		own, err := a.st.School(ctx, u.SchoolID)
		if err != nil {
			return 0, http.StatusInternalServerError, "服务器内部错误，请稍后再试"
		}
		if own.Code != code {
			return 0, http.StatusForbidden, "school 参数仅供平台管理员切换学校；学校账号只能访问本校数据"
		}
		return u.SchoolID, 0, ""
	}
	if code == "" {
		return 0, http.StatusBadRequest, "平台账号不属于任何学校：请用查询参数 ?school=学校代码 指定要操作的学校"
	}
	sc, err := a.st.SchoolByCode(ctx, code)
	if err != nil || (u.DistrictID != 0 && sc.DistrictID != u.DistrictID) {
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			a.log.Error("school lookup", "err", err)
			return 0, http.StatusInternalServerError, "服务器内部错误，请稍后再试"
		}
		return 0, http.StatusNotFound, "学校不存在：" + code
	}
	return sc.ID, 0, ""
}

// scopeOf computes the caller's scope once per request.
func (a *API) scopeOf(ctx context.Context, c *call) (auth.Scope, error) {
	if c.scope != nil {
		return *c.scope, nil
	}
	sc, err := auth.ScopeOf(ctx, a.st, c.user)
	if err != nil {
		return sc, err
	}
	c.scope = &sc
	return sc, nil
}

// clientIP is the socket address, as on the pages: a forwarded header is
// only as honest as the proxy that sets it.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
