package storage

import (
	"strconv"
	"strings"

	"zhijiao/internal/model"
)

func itoa(n int) string { return strconv.Itoa(n) }

// where builds a WHERE clause with numbered placeholders, starting with the
// school, so every list query is scoped to its tenant by construction.
type where struct {
	conds []string
	args  []any
}

func schoolWhere(col string, schoolID int64) *where {
	return &where{conds: []string{col + " = $1"}, args: []any{schoolID}}
}

// add appends a condition; each '?' in cond becomes the next placeholder,
// all bound to v (a search term used in several columns binds once).
func (w *where) add(cond string, v any) {
	w.args = append(w.args, v)
	w.conds = append(w.conds, strings.ReplaceAll(cond, "?", "$"+itoa(len(w.args))))
}

// in appends "col IN (…)" for ids; an empty list matches nothing, which is
// what a scope with no classes must mean.
func (w *where) in(col string, ids []int64) {
	if len(ids) == 0 {
		w.conds = append(w.conds, "1 = 0")
		return
	}
	ph := make([]string, len(ids))
	for i, id := range ids {
		w.args = append(w.args, id)
		ph[i] = "$" + itoa(len(w.args))
	}
	w.conds = append(w.conds, col+" IN ("+strings.Join(ph, ", ")+")")
}

// pop takes back the last condition added, so callers can join several
// with OR while their arguments stay numbered.
func (w *where) pop() string {
	c := w.conds[len(w.conds)-1]
	w.conds = w.conds[:len(w.conds)-1]
	return c
}

func (w *where) sql() string { return " WHERE " + strings.Join(w.conds, " AND ") }

// pageSQL is the LIMIT and OFFSET of a page, nothing for an unpaged query.
func pageSQL(q model.ListQuery) string {
	if q.Unpaged {
		return ""
	}
	return " LIMIT " + itoa(q.PerPage) + " OFFSET " + itoa(q.Offset())
}
