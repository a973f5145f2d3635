package cli

import (
	"net/http"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// apiHandler builds the JSON API mounted under /api/v1/.
func apiHandler(st *storage.Storage) func(*auth.Authorizer, func(*http.Request) *model.User) http.Handler {
	return nil
}
