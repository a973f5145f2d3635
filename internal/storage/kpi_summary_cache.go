package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"zhijiao/internal/portrait"
)

// The district view's summed summaries are kept in memory until a summary
// changes. Summaries only change when the refresher rebuilds a school
// (every 30 s at most), while ten district users reloading a page of a
// thousand schools would otherwise add up the same rows each time. The
// figures of a kept read are exactly those of a new one: what may have
// changed since is read again on every request (which schools are behind,
// hence 数据截至), and a read with a never-refreshed school (read by the
// scan) is not kept at all.

// summaryCacheSize bounds the kept reads: a read of 1,000 schools holds
// about 55 records a school.
const summaryCacheSize = 8

type summaryCache struct {
	mu      sync.Mutex
	entries map[string]summaryEntry
	order   []string // oldest first
}

type summaryEntry struct {
	stamp string
	by    map[int64]*portrait.Inputs
}

// summaryReadKey names a read: the period and the schools, in order.
func summaryReadKey(schoolIDs []int64, p portrait.Period) string {
	var b strings.Builder
	b.WriteString(p.From + "|" + p.To)
	for _, id := range schoolIDs {
		b.WriteByte(',')
		b.WriteString(strconv.FormatInt(id, 10))
	}
	return b.String()
}

func (c *summaryCache) get(key, stamp string) (map[int64]*portrait.Inputs, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	return e.by, ok && e.stamp == stamp
}

func (c *summaryCache) put(key, stamp string, by map[int64]*portrait.Inputs) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[string]summaryEntry{}
	}
	if _, ok := c.entries[key]; !ok {
		c.order = append(c.order, key)
	}
	c.entries[key] = summaryEntry{stamp: stamp, by: by}
	for len(c.order) > summaryCacheSize {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

// summaryStamp changes whenever any school's summaries are rebuilt: the
// number of schools ever rebuilt and the latest rebuild. Read from the
// database, so a rebuild by another server process counts too.
func (s *Storage) summaryStamp(ctx context.Context) (string, error) {
	var n int64
	var last sql.NullString // a time, compared as text: SQLite's MAX answers text
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*), MAX(refreshed_at) FROM kpi_summary_state`).Scan(&n, &last); err != nil {
		return "", fmt.Errorf("summaryStamp: %w", err)
	}
	return strconv.FormatInt(n, 10) + "@" + last.String, nil
}
