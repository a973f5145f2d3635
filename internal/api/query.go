package api

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/model"
)

// query reads filters from the URL and collects every malformed one, so a
// client learns all its mistakes in one 400 rather than one at a time.
type query struct {
	v    url.Values
	errs []FieldError
}

func newQuery(r *http.Request) *query { return &query{v: r.URL.Query()} }

func (q *query) str(name string) string { return strings.TrimSpace(q.v.Get(name)) }

// id reads a positive id; absent is 0.
func (q *query) id(name string) int64 {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		q.errs = append(q.errs, FieldError{Field: name, Reason: "应为正整数编号"})
		return 0
	}
	return n
}

func (q *query) year(name string) int {
	s := q.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 2000 || n > 2100 {
		q.errs = append(q.errs, FieldError{Field: name, Reason: "应为四位入学年份，如 2026"})
		return 0
	}
	return n
}

func (q *query) boolean(name string) *bool {
	s := q.str(name)
	if s == "" {
		return nil
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		q.errs = append(q.errs, FieldError{Field: name, Reason: "应为 true 或 false"})
		return nil
	}
	return &b
}

func (q *query) status(name string) model.EnrollmentStatus {
	s := model.EnrollmentStatus(q.str(name))
	if s != "" && !s.Valid() {
		q.errs = append(q.errs, FieldError{Field: name, Reason: "学籍状态应为 在籍、休学、退学、转出 或 毕业"})
		return ""
	}
	return s
}

// cst is the schools' clock: a bare date in a filter means a day in China.
var cst = time.FixedZone("CST", 8*3600)

// date reads YYYY-MM-DD (a day in China time) or an RFC 3339 instant.
// endOfDay moves a bare date to the start of the next day, so ?to=2026-03-01
// includes all of 1 March.
func (q *query) date(name string, endOfDay bool) time.Time {
	s := q.str(name)
	if s == "" {
		return time.Time{}
	}
	if t, err := time.ParseInLocation("2006-01-02", s, cst); err == nil {
		if endOfDay {
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		q.errs = append(q.errs, FieldError{Field: name, Reason: "应为日期 YYYY-MM-DD 或 RFC 3339 时间"})
	}
	return t
}

// list reads q, page and per_page. per_page is capped at 500 by
// model.ListQuery, like the pages.
func (q *query) list() model.ListQuery {
	l := model.ListQuery{Q: q.str("q"), Page: 1, PerPage: 20}
	for _, p := range []struct {
		name string
		dst  *int
	}{{"page", &l.Page}, {"per_page", &l.PerPage}} {
		if s := q.str(p.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 1 {
				q.errs = append(q.errs, FieldError{Field: p.name, Reason: "应为正整数"})
				continue
			}
			*p.dst = n
		}
	}
	l.Normalize()
	return l
}

// ok answers 400 with every collected error, if any.
func (q *query) ok(w http.ResponseWriter) bool {
	if len(q.errs) == 0 {
		return true
	}
	d := make([]any, len(q.errs))
	for i, e := range q.errs {
		d[i] = e
	}
	fail(w, http.StatusBadRequest, "查询参数有误", d...)
	return false
}

// page cuts an in-memory list (the few small lists storage does not page)
// to the requested page, so every list answers the same envelope.
func page[T any](all []T, l model.ListQuery) listBody[T] {
	out := listBody[T]{Items: []T{}, Total: len(all), Page: l.Page, PerPage: l.PerPage}
	if from := l.Offset(); from < len(all) {
		out.Items = all[from:min(len(all), from+l.PerPage)]
	}
	return out
}

// listOf wraps a page storage already cut.
func listOf[T any](items []T, total int, l model.ListQuery) listBody[T] {
	if items == nil {
		items = []T{}
	}
	return listBody[T]{Items: items, Total: total, Page: l.Page, PerPage: l.PerPage}
}

// contains is the free-text match of in-memory lists: case-insensitive
// substring over the given fields.
func contains(q string, fields ...string) bool {
	if q == "" {
		return true
	}
	q = strings.ToLower(q)
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), q) {
			return true
		}
	}
	return false
}
