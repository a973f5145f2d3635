package report

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
)

// Title is the printed title of a report card.
const Title = "中等职业学校学生综合素质评价报告单"

// ArchiveTitle is the printed title of the graduation archive cover.
const ArchiveTitle = "中等职业学校学生综合素质评价档案"

// RenderCard writes one report card as an A4 PDF to w.
func RenderCard(w io.Writer, c Card) error {
	b, err := renderCard(c)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func renderCard(c Card) ([]byte, error) {
	d, err := newDoc(c.Student.Name + " " + c.Term + " " + Title)
	if err != nil {
		return nil, err
	}
	if err := d.card(&c); err != nil {
		return nil, err
	}
	return d.finish()
}

// RenderArchive writes a graduation archive: a cover page with the student
// and a summary of every term, then one report card section per term, each
// starting on a new page. terms are printed in the given order; the student
// and school on the cover come from the last term.
func RenderArchive(w io.Writer, terms []Card) error {
	if len(terms) == 0 {
		return errors.New("report: archive has no terms")
	}
	last := terms[len(terms)-1]
	d, err := newDoc(last.Student.Name + " " + ArchiveTitle)
	if err != nil {
		return err
	}
	if err := d.cover(terms); err != nil {
		return err
	}
	for i := range terms {
		if err := d.card(&terms[i]); err != nil {
			return err
		}
	}
	b, err := d.finish()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// RenderMany renders each card to its own PDF on workers goroutines
// (workers ≤ 0 means 1) and hands every PDF to out with its index in cards.
// Calls to out are serialised (never concurrent) but come in completion
// order, not index order. The first error from rendering or from out stops
// the work and is returned.
func RenderMany(cards []Card, workers int, out func(i int, pdf []byte) error) error {
	if workers <= 0 {
		workers = 1
	}
	if workers > len(cards) {
		workers = len(cards)
	}
	if _, err := fonts(); err != nil {
		return err
	}
	var (
		next    atomic.Int64
		stop    atomic.Bool
		mu      sync.Mutex
		first   error
		wg      sync.WaitGroup
		setFail = func(err error) {
			mu.Lock()
			if first == nil {
				first = err
			}
			mu.Unlock()
			stop.Store(true)
		}
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				i := int(next.Add(1) - 1)
				if i >= len(cards) {
					return
				}
				b, err := renderCard(cards[i])
				if err != nil {
					setFail(fmt.Errorf("report: card %d: %w", i, err))
					return
				}
				mu.Lock()
				if first == nil {
					err = out(i, b)
					if err != nil {
						first = err
						stop.Store(true)
					}
				}
				mu.Unlock()
				if err != nil {
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// card lays out one term's report card starting on a new page.
func (d *doc) card(c *Card) error {
	d.cont = nil
	d.footerLeft = c.SchoolName
	d.footerRight = ""
	if c.VerifyCode != "" {
		d.footerRight = "验证码：" + c.VerifyCode
	}
	if err := d.newPage(); err != nil {
		return err
	}
	if err := d.cardHeader(c); err != nil {
		return err
	}
	d.cont = func() { d.contHeader(c) }
	if err := d.studentTable(c, true); err != nil {
		return err
	}
	if err := d.results(c); err != nil {
		return err
	}
	if err := d.evidence(c); err != nil {
		return err
	}
	if err := d.comments(c); err != nil {
		return err
	}
	return d.closing(c)
}

// cardHeader: title, school and term, a double rule.
func (d *doc) cardHeader(c *Card) error {
	d.textColor(colText)
	if err := d.setFont(sizeTitle); err != nil {
		return err
	}
	if err := d.box(marginX, d.y, contentW, 24, Title, alignCenter, 0); err != nil {
		return err
	}
	d.y += 32
	if err := d.setFont(10.5); err != nil {
		return err
	}
	if err := d.box(marginX, d.y, contentW/2, 14, "学校："+c.SchoolName, alignLeft, 0); err != nil {
		return err
	}
	if err := d.box(marginX+contentW/2, d.y, contentW/2, 14, "学期："+c.Term, alignRight, 0); err != nil {
		return err
	}
	d.y += 19
	d.line(marginX, d.y, pageW-marginX, d.y, 1.2, colRule)
	d.line(marginX, d.y+2.2, pageW-marginX, d.y+2.2, 0.4, colRule)
	d.y += 12
	return d.setFont(sizeBody)
}

// contHeader is the repeated header of a continuation page.
func (d *doc) contHeader(c *Card) {
	d.textColor(colText)
	size := d.size
	_ = d.setFont(sizeHeading)
	_ = d.box(marginX, d.y, contentW, 16, Title+"（续）", alignCenter, 0)
	d.y += 21
	_ = d.setFont(sizeSmall)
	d.textColor(colMuted)
	left := "姓名：" + c.Student.Name + "    学号：" + c.Student.StudentNo + "    班级：" + c.Student.ClassName
	_ = d.box(marginX, d.y, contentW*0.62, 12, left, alignLeft, 0)
	_ = d.box(marginX+contentW*0.62, d.y, contentW*0.38, 12, c.Term, alignRight, 0)
	d.textColor(colText)
	d.y += 15
	d.line(marginX, d.y, pageW-marginX, d.y, 0.6, colRule)
	d.y += 12
	_ = d.setFont(size)
}

// grid draws a table of rows × len(widths) cells with thin rules (heavier
// outside); shade picks the shaded (label) cells, align each cell's text
// alignment (default centred).
func (d *doc) grid(x, y float64, widths []float64, rowH float64, rows [][]string, shade func(r, c int) bool, align func(r, c int) int) error {
	total := 0.0
	for _, w := range widths {
		total += w
	}
	for r := range rows {
		cx := x
		for ci, w := range widths {
			if shade != nil && shade(r, ci) {
				d.fillRect(cx, y+float64(r)*rowH, w, rowH, colLabelFill)
			}
			cx += w
		}
	}
	// rules
	h := rowH * float64(len(rows))
	for r := 0; r <= len(rows); r++ {
		lw := 0.5
		if r == 0 || r == len(rows) {
			lw = 0.9
		}
		d.line(x, y+float64(r)*rowH, x+total, y+float64(r)*rowH, lw, colRule)
	}
	cx := x
	for ci := 0; ci <= len(widths); ci++ {
		lw := 0.5
		if ci == 0 || ci == len(widths) {
			lw = 0.9
		}
		d.line(cx, y, cx, y+h, lw, colRule)
		if ci < len(widths) {
			cx += widths[ci]
		}
	}
	d.textColor(colText)
	for r, row := range rows {
		cx := x
		for ci, w := range widths {
			if ci < len(row) {
				a := alignCenter
				if align != nil {
					a = align(r, ci)
				}
				if err := d.box(cx, y+float64(r)*rowH, w, rowH, row[ci], a, 5); err != nil {
					return err
				}
			}
			cx += w
		}
	}
	return nil
}

// cover prints the archive's cover page.
func (d *doc) cover(terms []Card) error {
	last := &terms[len(terms)-1]
	d.cont = nil
	d.footerLeft = last.SchoolName
	d.footerRight = ""
	if err := d.newPage(); err != nil {
		return err
	}
	d.y = 150
	if err := d.setFont(sizeCover); err != nil {
		return err
	}
	d.textColor(colText)
	if err := d.box(marginX, d.y, contentW, 32, ArchiveTitle, alignCenter, 0); err != nil {
		return err
	}
	d.y += 44
	if err := d.setFont(14); err != nil {
		return err
	}
	if err := d.box(marginX, d.y, contentW, 20, "（毕业档案）", alignCenter, 0); err != nil {
		return err
	}
	d.y += 70
	if err := d.setFont(sizeBody); err != nil {
		return err
	}
	if err := d.studentTable(last, false); err != nil {
		return err
	}
	d.y += 10
	if err := d.heading("各学期综合素质评价结果", 0); err != nil {
		return err
	}
	rows := [][]string{{"学期", "综合得分", "班级平均", "综合等级"}}
	for _, t := range terms {
		avg := "—"
		if t.TotalClassAvg != 0 {
			avg = fmtScore(t.TotalClassAvg)
		}
		if t.Incomplete {
			rows = append(rows, []string{t.Term, IncompleteMark, avg, IncompleteMark})
		} else {
			rows = append(rows, []string{t.Term, fmtScore(t.Total), avg, t.Level})
		}
	}
	const rowH = 21.0
	if err := d.grid(marginX, d.y, []float64{contentW - 240, 80, 80, 80}, rowH, rows,
		func(r, c int) bool { return r == 0 }, nil); err != nil {
		return err
	}
	d.y += rowH*float64(len(rows)) + 14
	d.textColor(colMuted)
	if err := d.setFont(sizeSmall); err != nil {
		return err
	}
	if err := d.text(marginX, d.y, "以下各页为各学期综合素质评价报告单，每学期一节；各节验证码可单独核验。"); err != nil {
		return err
	}
	d.textColor(colText)
	return d.setFont(sizeBody)
}
