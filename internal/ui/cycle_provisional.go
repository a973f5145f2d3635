package ui

import (
	"net/http"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/model"
)

// provisionalDist is the cycle page's provisional (暂定) distribution:
// how many students' totals from the ratings so far fall in each band,
// and how many still lack raters. Staff only (the page needs cycle:read),
// and only before computing: then the real results take over.
type provisionalDist struct {
	Students   int // with a provisional result
	Incomplete int // 待补评 so far
	Bands      []provisionalBand
}

type provisionalBand struct {
	Label   string // 90 分及以上 …
	Count   int
	Percent int // of the complete ones, for the bar
}

// provisionalBands are the bands' lower bounds, highest first.
var provisionalBands = []struct {
	min   float64
	label string
}{{90, "90 分及以上"}, {80, "80–89 分"}, {70, "70–79 分"}, {60, "60–69 分"}, {-1, "60 分以下"}}

// fillProvisional reads the cycle's provisional results into d.
func (s *Server) fillProvisional(r *http.Request, d *cycleShowData) error {
	if d.Cycle.State != model.CycleOpen && d.Cycle.State != model.CycleClosed {
		return nil
	}
	rows, err := s.st.ProvisionalResults(r.Context(), schoolOf(r), d.Cycle.ID)
	if err != nil || len(rows) == 0 {
		return err
	}
	p := &provisionalDist{Students: len(rows)}
	counts := make([]int, len(provisionalBands))
	for _, row := range rows {
		if !row.Complete {
			p.Incomplete++
			continue
		}
		for i, b := range provisionalBands {
			if row.Total >= b.min {
				counts[i]++
				break
			}
		}
	}
	for i, b := range provisionalBands {
		p.Bands = append(p.Bands, provisionalBand{Label: b.label, Count: counts[i], Percent: percent(counts[i], p.Students-p.Incomplete)})
	}
	d.Provisional = p
	return nil
}

// Provisional is the worker keeping provisional results current.
func (s *Server) Provisional() *evalrun.Provisional { return s.provisional }
