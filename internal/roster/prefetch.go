package roster

import "io"

// prefetch runs a source in its own goroutine, handing rows over in
// batches. excelize's XML decoding dominates an xlsx import; with this the
// validation of one batch overlaps the decoding of the next, which on a
// two-core server hides most of the validation cost.
type prefetch struct {
	inner source
	ch    chan rowBatch
	done  chan struct{}
	cur   []rawRow
	err   error
}

type rawRow struct {
	n     int
	cells []string
}

type rowBatch struct {
	rows []rawRow
	err  error // io.EOF at the end
}

const batchRows = 256

func newPrefetch(inner source) *prefetch {
	p := &prefetch{inner: inner, ch: make(chan rowBatch, 4), done: make(chan struct{})}
	go p.run()
	return p
}

func (p *prefetch) run() {
	defer close(p.ch)
	buf := make([]rawRow, 0, batchRows)
	for {
		n, cells, err := p.inner.next()
		if err == nil {
			buf = append(buf, rawRow{n, cells})
			if len(buf) < batchRows {
				continue
			}
		}
		select {
		case p.ch <- rowBatch{rows: buf, err: err}:
		case <-p.done:
			return
		}
		if err != nil {
			return
		}
		buf = make([]rawRow, 0, batchRows)
	}
}

func (p *prefetch) next() (int, []string, error) {
	for len(p.cur) == 0 {
		if p.err != nil {
			return 0, nil, p.err
		}
		b, ok := <-p.ch
		if !ok {
			return 0, nil, io.EOF
		}
		p.cur, p.err = b.rows, b.err
	}
	r := p.cur[0]
	p.cur = p.cur[1:]
	return r.n, r.cells, nil
}

// close stops the reader goroutine, waits for it, then closes the source
// it was reading, so excelize is never closed under a running reader.
func (p *prefetch) close() {
	close(p.done)
	for range p.ch {
	}
	p.inner.close()
}
