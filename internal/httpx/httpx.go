// Package httpx holds the small request helpers that the pages (ui) and the
// JSON API share, so both read a request the same way.
package httpx

import (
	"net/http"
	"strconv"
)

// PathID parses the path value name as a record id; ok false (malformed,
// zero or negative) means "not found", never a bad request: a guessed id
// and a deleted record look the same.
func PathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil && id > 0
}
