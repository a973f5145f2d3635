package model

// ListQuery is the search, filter and paging every list page shares.
type ListQuery struct {
	Q       string // free-text search
	Page    int    // 1-based
	PerPage int
}

// Normalize clamps paging to sane values.
func (q *ListQuery) Normalize() {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.PerPage <= 0 {
		q.PerPage = 20
	}
	if q.PerPage > 500 {
		q.PerPage = 500
	}
}

// Offset is the row offset of the page.
func (q ListQuery) Offset() int { return (q.Page - 1) * q.PerPage }

// Pages is how many pages total rows fill.
func (q ListQuery) Pages(total int) int {
	if q.PerPage <= 0 {
		return 1
	}
	p := (total + q.PerPage - 1) / q.PerPage
	if p < 1 {
		p = 1
	}
	return p
}
