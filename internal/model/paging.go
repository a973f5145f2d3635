package model

import "fmt"

// MaxPerPage is the largest page a list reads.
const MaxPerPage = 500

// ListQuery is the search, filter and paging every list page shares.
type ListQuery struct {
	Q       string // free-text search
	Page    int    // 1-based
	PerPage int
	// Unpaged reads every matching row: Page and PerPage are ignored. Only
	// code that means "all" sets it (an export, a choice of every class),
	// through All; paging read from a request never does.
	Unpaged bool
}

// All is q without paging: every matching row.
func (q ListQuery) All() ListQuery {
	q.Unpaged, q.Page, q.PerPage = true, 1, 0
	return q
}

// AllRows asks for every row, with no search.
func AllRows() ListQuery { return ListQuery{}.All() }

// Normalize clamps paging read from a request to sane values (the page
// and API report the page size they used). Storage does not clamp: it
// refuses a page over MaxPerPage (CheckPaging).
func (q *ListQuery) Normalize() {
	if q.Page < 1 {
		q.Page = 1
	}
	if q.Unpaged {
		return
	}
	if q.PerPage <= 0 {
		q.PerPage = 20
	}
	if q.PerPage > MaxPerPage {
		q.PerPage = MaxPerPage
	}
}

// CheckPaging fills in the default page and size, and refuses a page
// larger than MaxPerPage: a caller asking for more would otherwise get
// MaxPerPage rows without knowing it. Callers that mean every row use All.
func (q *ListQuery) CheckPaging() error {
	if q.PerPage > MaxPerPage && !q.Unpaged {
		return fmt.Errorf("每页最多 %d 行（要求 %d 行）；读取全部请用 ListQuery.All", MaxPerPage, q.PerPage)
	}
	q.Normalize()
	return nil
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
