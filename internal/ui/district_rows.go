package ui

import (
	"strconv"
	"sync"

	"zhijiao/internal/portrait"
)

// districtRowCache keeps each school's computed row of the district table
// for as long as its summed read is kept. KPISummaryInputs hands out the
// same *portrait.Inputs for a school until one of the summaries changes
// (kpi_summary_cache.go), so a row computed from that pointer stays right,
// and a changed summary gives a new pointer and a new row. At 1,000
// schools computing the nineteen figures of every school was about 50 ms
// of CPU a request, most of the page's cost with ten users on two cores.
type districtRowCache struct {
	mu   sync.Mutex
	rows map[districtRowKey]districtRow
}

type districtRowKey struct {
	in          *portrait.Inputs
	period      portrait.Period
	label, lang string
}

// districtRowLimit bounds the rows kept (kept reads of many periods and
// lists of schools); past it the cache starts again.
const districtRowLimit = 50000

var districtRows = &districtRowCache{rows: map[districtRowKey]districtRow{}}

// row is the school's KPIs and cells computed from in (read only, shared
// with other requests), in lang. The returned row has no school.
func (c *districtRowCache) row(in *portrait.Inputs, p portrait.Period, label, lang string) districtRow {
	k := districtRowKey{in, p, label, lang}
	c.mu.Lock()
	row, ok := c.rows[k]
	c.mu.Unlock()
	if ok {
		return row
	}
	x := *in // a copy: the read is shared with other requests
	x.ProvincialLabel = label
	ks := portrait.Dashboard(x, p)
	for i := range ks {
		ks[i].Records = nil // figures only
	}
	row = districtRow{KPIs: ks}
	for _, k := range ks {
		cell := k.Value
		if k.Count != nil {
			cell = strconv.Itoa(*k.Count) + " " + k.Unit
		}
		row.Cells = append(row.Cells, districtCell{Text: translateValue(lang, cell), Title: translateValue(lang, k.Value)})
	}
	c.mu.Lock()
	if len(c.rows) >= districtRowLimit {
		c.rows = map[districtRowKey]districtRow{}
	}
	c.rows[k] = row
	c.mu.Unlock()
	return row
}
