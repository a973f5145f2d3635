package cli

import (
	"net/http"

	"zhijiao/internal/api"
	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// apiHandler builds the JSON API mounted under /api/v1/. The web server
// passes its permission checker and session reader, so the API and the
// pages enforce the same rules.
func apiHandler(st *storage.Storage) func(*auth.Authorizer, func(*http.Request) *model.User) http.Handler {
	return func(authz *auth.Authorizer, sessionUser func(*http.Request) *model.User) http.Handler {
		return api.New(st, authz, sessionUser)
	}
}
