package bench

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"time"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// ImportResult is the figure `zhijiao bench import` prints.
type ImportResult struct {
	Rows      int
	FileBytes int
	Bare      time.Duration // excelize's bare streaming read of the file (median)
	Import    time.Duration // parse, validate and write in one transaction (median)
	Runs      int
}

// Ratio is import time over the bare read.
func (r ImportResult) Ratio() float64 { return float64(r.Import) / float64(r.Bare) }

// SetupSchool makes a school with nClasses classes to import into.
func SetupSchool(ctx context.Context, st *storage.Storage, code string, nClasses int) ([]string, int64, error) {
	sc := model.School{Code: code, Name: "基准测试学校" + code}
	if err := st.CreateSchool(ctx, &sc); err != nil {
		return nil, 0, err
	}
	a := model.SystemActor
	cat := model.MajorCategory{Code: "71", Name: "电子与信息大类"}
	if err := st.CreateMajorCategory(ctx, sc.ID, a, &cat); err != nil {
		return nil, 0, err
	}
	m := model.Major{Code: "710201", Name: "计算机应用", CategoryID: cat.ID}
	if err := st.CreateMajor(ctx, sc.ID, a, &m); err != nil {
		return nil, 0, err
	}
	names := make([]string, nClasses)
	for i := range names {
		c := model.Class{Name: fmt.Sprintf("%d级计算机应用%d班", 2024+i%3, i+1), EntryYear: 2024 + i%3, MajorID: m.ID}
		if err := st.CreateClass(ctx, sc.ID, a, &c); err != nil {
			return nil, 0, err
		}
		names[i] = c.Name
	}
	return names, sc.ID, nil
}

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

// Import measures importing an n-row roster into a fresh school on st,
// runs times, against excelize's bare read of the same bytes, interleaved
// so both see the same machine state.
func Import(ctx context.Context, st *storage.Storage, n, runs int) (ImportResult, error) {
	res := ImportResult{Rows: n, Runs: runs}
	var bare, full []time.Duration
	var data []byte
	for i := 0; i < runs; i++ {
		classes, sid, err := SetupSchool(ctx, st, fmt.Sprintf("bench%d-%d", time.Now().UnixNano()%1e6, i), (n+49)/50)
		if err != nil {
			return res, err
		}
		if data == nil {
			if data, err = RosterXLSX(classes, n, 1); err != nil {
				return res, err
			}
			res.FileBytes = len(data)
		}
		t := time.Now()
		rows, err := roster.BareRead(bytes.NewReader(data))
		if err != nil {
			return res, err
		}
		bare = append(bare, time.Since(t))
		if rows < n {
			return res, fmt.Errorf("bare read saw %d rows, want %d", rows, n)
		}
		t = time.Now()
		out, err := importer.Import(ctx, st, sid, model.Actor{Username: "bench"}, roster.KindStudents, bytes.NewReader(data), roster.Limits{})
		if err != nil {
			return res, err
		}
		full = append(full, time.Since(t))
		if !out.Written() {
			return res, fmt.Errorf("import refused the roster: %v", out.Errors[0])
		}
		if out.Summary.Created != n {
			return res, fmt.Errorf("imported %d of %d", out.Summary.Created, n)
		}
	}
	res.Bare, res.Import = median(bare), median(full)
	return res, nil
}
