package importer

import (
	"context"
	"io"
	"sync"

	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// importStudents reads and writes at the same time: valid rows are handed,
// a batch at a time, to a writer goroutine that adds them inside one open
// transaction while the parser goes on with the next rows. If any row turns
// out invalid, the transaction is rolled back and nothing is written, just
// as if the whole file had been checked first; if every row is valid, the
// file is committed at once. On two cores this makes an import cost about
// the larger of reading and writing rather than their sum.
func importStudents(ctx context.Context, st *storage.Storage, schoolID int64, a model.Actor, r io.Reader, lim roster.Limits, lk roster.Lookups) (*Outcome, error) {
	im, err := st.BeginStudentImport(ctx, schoolID, a)
	if err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			im.Rollback()
		}
	}()
	batches := make(chan []storage.StudentImport, 4)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var writeErr error
	failed := func() error {
		mu.Lock()
		defer mu.Unlock()
		return writeErr
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		for b := range batches {
			if failed() != nil {
				continue // drain, so the parser never blocks
			}
			if err := im.Add(b); err != nil {
				mu.Lock()
				writeErr = err
				mu.Unlock()
			}
		}
	}()
	sink := &roster.Sink[roster.StudentRow]{Batch: 500, Fn: func(rows []roster.StudentRow) error {
		if err := failed(); err != nil {
			return err // stop reading: the write already failed
		}
		batches <- toImports(rows)
		return nil
	}}
	res, perr := roster.StreamStudents(r, lim, lk, sink)
	close(batches)
	wg.Wait()
	if perr != nil {
		if werr := failed(); werr != nil {
			return nil, werr
		}
		return nil, perr
	}
	o := &Outcome{Kind: roster.KindStudents}
	o.fill(res.Errors, res.Unused, res.Header, res.HeaderRow, res.Raw, len(res.Rows))
	if len(o.Errors) > 0 {
		return o, nil // the deferred rollback drops what was written
	}
	if err := failed(); err != nil {
		return nil, err
	}
	if o.Summary, err = im.Commit(); err != nil {
		return nil, err
	}
	committed = true
	return o, nil
}

func toImports(rows []roster.StudentRow) []storage.StudentImport {
	out := make([]storage.StudentImport, len(rows))
	for i, row := range rows {
		out[i] = storage.StudentImport{Row: row.Row, Student: row.Student}
		if row.GuardianName != "" {
			out[i].Guardians = []model.Guardian{{Name: row.GuardianName, Relation: row.GuardianRelation, Phone: row.GuardianPhone}}
		}
	}
	return out
}
