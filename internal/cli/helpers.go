package cli

import (
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

func usersPage(page int) storage.UserFilter {
	return storage.UserFilter{ListQuery: model.ListQuery{Page: page, PerPage: 500}}
}
