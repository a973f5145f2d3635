package api

import (
	"net/http"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

// meBody tells a client who it is acting as and what it may do, so it can
// shape its interface without probing endpoints.
type meBody struct {
	User        model.User    `json:"user"`
	School      *model.School `json:"school,omitempty"`
	Roles       []roleBody    `json:"roles"`
	Permissions []string      `json:"permissions"`
	Scope       scopeBody     `json:"scope"`
}

type roleBody struct {
	Role string `json:"role"`
	Name string `json:"name"`
}

// scopeBody summarises auth.Scope: all of the school, or these classes and
// students.
type scopeBody struct {
	All        bool    `json:"all"`
	ClassIDs   []int64 `json:"class_ids"`
	StudentIDs []int64 `json:"student_ids"`
}

func (a *API) me(w http.ResponseWriter, r *http.Request, c *call) {
	sc, err := a.scopeOf(r.Context(), c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	b := meBody{User: *c.user, Permissions: a.authz.Permissions(c.user), Roles: []roleBody{},
		Scope: scopeBody{All: sc.All, ClassIDs: orEmpty(sc.ClassIDs), StudentIDs: orEmpty(sc.StudentIDs)}}
	for _, r := range c.user.Roles {
		b.Roles = append(b.Roles, roleBody{Role: r, Name: auth.RoleNames[r]})
	}
	if b.User.Roles == nil {
		b.User.Roles = []string{}
	}
	if c.user.SchoolID != model.PlatformSchoolID {
		s, err := a.st.School(r.Context(), c.user.SchoolID)
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		b.School = &s
	}
	writeJSON(w, http.StatusOK, b)
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
