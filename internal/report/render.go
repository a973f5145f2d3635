package report

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/signintech/gopdf"
	"zhijiao/internal/idcheck"
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

// studentTable prints the 学生基本信息 block; the ID number is masked.
func (d *doc) studentTable(c *Card, withLevel bool) error {
	s := c.Student
	entry := ""
	if s.EntryYear > 0 {
		entry = fmt.Sprintf("%d年", s.EntryYear)
	}
	lastL, lastV := "综合等级", c.Level
	if !withLevel {
		lastL, lastV = "学　　校", c.SchoolName
	}
	rows := [][]string{
		{"姓　　名", s.Name, "性　　别", s.Gender},
		{"学　　号", s.StudentNo, "身份证件号", idcheck.MaskID(s.IDNumber)},
		{"班　　级", s.ClassName, "专　　业", s.MajorName},
		{"入学年份", entry, lastL, lastV},
	}
	lw := 72.0
	vw := (contentW - 2*lw) / 2
	const rowH = 20.0
	if _, err := d.ensure(rowH * 4); err != nil {
		return err
	}
	err := d.grid(marginX, d.y, []float64{lw, vw, lw, vw}, rowH, rows,
		func(r, c int) bool { return c%2 == 0 },
		func(r, c int) int {
			if c%2 == 0 {
				return alignCenter
			}
			return alignLeft
		})
	d.y += rowH*4 + 12
	return err
}

// results prints 一、评价结果: the dimension table on the left and the
// radar chart on the right.
func (d *doc) results(c *Card) error {
	const rowH = 19.0
	n := len(c.Dimensions)
	tableH := rowH * float64(n+2)
	const radarR = 68.0
	radarH := 0.0
	if n >= 3 {
		radarH = 2*radarR + 52
	}
	h := math.Max(tableH, radarH)
	if err := d.heading("一、评价结果", h); err != nil {
		return err
	}
	rows := make([][]string, 0, n+2)
	rows = append(rows, []string{"评价维度", "得分", "班级平均", "等级"})
	for _, dm := range c.Dimensions {
		score := fmtScore(dm.Score)
		if dm.Missing {
			score = "—"
		}
		rows = append(rows, []string{dm.Name, score, fmtScore(dm.ClassAvg), dm.Level})
	}
	avg := "—"
	if c.TotalClassAvg != 0 {
		avg = fmtScore(c.TotalClassAvg)
	}
	if c.Incomplete {
		rows = append(rows, []string{"综合得分", IncompleteMark, avg, IncompleteMark})
	} else {
		rows = append(rows, []string{"综合得分", fmtScore(c.Total), avg, c.Level})
	}
	tw := []float64{104, 56, 62, 52}
	if n < 3 {
		tw = []float64{contentW - 210, 70, 70, 70}
	}
	last := n + 1
	err := d.grid(marginX, d.y, tw, rowH, rows,
		func(r, c int) bool { return r == 0 || r == last },
		func(r, c int) int {
			if c == 0 && r != 0 {
				return alignLeft
			}
			return alignCenter
		})
	if err != nil {
		return err
	}
	if n >= 3 {
		tableW := tw[0] + tw[1] + tw[2] + tw[3]
		left := marginX + tableW
		cx := left + (pageW-marginX-left)/2
		r := radarR
		if n > 8 {
			r = radarR - 10
		}
		if err := d.radar(c, cx, d.y+radarR+18, r, left+4); err != nil {
			return err
		}
	}
	d.y += h + 10
	return nil
}

// radar draws the dimension scores as a radar chart centred on (cx, cy):
// gridlines at 20/40/60/80/100, the student's polygon filled light with a
// dark outline, the class average as a dashed outline, axis labels in
// Chinese and a legend below.
func (d *doc) radar(c *Card, cx, cy, R, minX float64) error {
	n := len(c.Dimensions)
	pt := func(i int, v float64) gopdf.Point {
		v = math.Max(0, math.Min(100, v))
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		return gopdf.Point{X: cx + R*v/100*math.Cos(a), Y: cy + R*v/100*math.Sin(a)}
	}
	poly := func(val func(i int) float64) []gopdf.Point {
		ps := make([]gopdf.Point, n)
		for i := range ps {
			ps[i] = pt(i, val(i))
		}
		return ps
	}
	student := poly(func(i int) float64 { return c.Dimensions[i].Score })
	class := poly(func(i int) float64 { return c.Dimensions[i].ClassAvg })

	// student area first, so the grid stays visible on top of it
	d.fillColor(colFill)
	d.pdf.Polygon(student, "F")

	d.strokeColor(colGrid)
	for g := 20; g <= 100; g += 20 {
		w := 0.35
		if g == 100 {
			w = 0.7
		}
		d.pdf.SetLineWidth(w)
		d.pdf.Polygon(poly(func(int) float64 { return float64(g) }), "D")
	}
	d.pdf.SetLineWidth(0.35)
	for i := 0; i < n; i++ {
		p := pt(i, 100)
		d.pdf.Line(cx, cy, p.X, p.Y)
	}

	// class average: dashed outline
	d.strokeColor(colClass)
	d.pdf.SetLineWidth(0.9)
	d.pdf.SetCustomLineType([]float64{3, 2}, 0)
	d.pdf.Polygon(class, "D")
	d.pdf.SetLineType("solid")

	// student outline and vertices
	d.strokeColor(colAccent)
	d.pdf.SetLineWidth(1.2)
	d.pdf.Polygon(student, "D")
	d.fillColor(colAccent)
	for _, p := range student {
		d.pdf.RectFromUpperLeftWithStyle(p.X-1.6, p.Y-1.6, 3.2, 3.2, "F")
	}

	// grid values along the first (upward) axis
	if err := d.setFont(sizeTiny); err != nil {
		return err
	}
	d.textColor(colMuted)
	for g := 20; g <= 100; g += 20 {
		p := pt(0, float64(g))
		if err := d.text(p.X+2, p.Y-3.5, fmt.Sprint(g)); err != nil {
			return err
		}
	}

	// axis labels
	if err := d.setFont(sizeSmall); err != nil {
		return err
	}
	d.textColor(colText)
	for i, dm := range c.Dimensions {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		cos, sin := math.Cos(a), math.Sin(a)
		lx, ly := cx+(R+6)*cos, cy+(R+6)*sin
		// room to the page edge on the right, to the table on the left
		room := 2 * math.Min(lx-minX, pageW-marginX-lx)
		switch {
		case cos > 0.25:
			room = pageW - marginX - lx
		case cos < -0.25:
			room = lx - minX
		}
		w := math.Min(d.textWidth(dm.Name), math.Min(78, room))
		const h = 11.0
		x := lx - w/2
		switch {
		case cos > 0.25:
			x = lx
		case cos < -0.25:
			x = lx - w
		}
		y := ly - h/2
		switch {
		case sin < -0.5:
			y = ly - h
		case sin > 0.5:
			y = ly
		}
		if err := d.box(x, y, w, h, dm.Name, alignCenter, 0); err != nil {
			return err
		}
	}

	// legend
	ly := cy + R + 24
	lx := cx - 62
	d.fillColor(colFill)
	d.strokeColor(colAccent)
	d.pdf.SetLineWidth(1)
	d.pdf.RectFromUpperLeftWithStyle(lx, ly+2, 14, 7, "FD")
	if err := d.text(lx+18, ly, "本人"); err != nil {
		return err
	}
	lx += 64
	d.strokeColor(colClass)
	d.pdf.SetLineWidth(0.9)
	d.pdf.SetCustomLineType([]float64{3, 2}, 0)
	d.pdf.Line(lx, ly+5.5, lx+16, ly+5.5)
	d.pdf.SetLineType("solid")
	if err := d.text(lx+20, ly, "班级平均"); err != nil {
		return err
	}
	return d.setFont(sizeBody)
}

// evidence prints 二、写实记录 as a numbered list; it continues on new
// pages (with the repeated header) when long.
func (d *doc) evidence(c *Card) error {
	const lh = 14.5
	if err := d.heading("二、写实记录（已审核）", lh); err != nil {
		return err
	}
	d.textColor(colText)
	if len(c.Evidence) == 0 {
		d.textColor(colMuted)
		err := d.text(marginX+8, d.y+2, "本学期无已审核的写实记录。")
		d.textColor(colText)
		d.y += lh + 12
		return err
	}
	numW := 22.0
	textW := contentW - numW - 8
	for i, ev := range c.Evidence {
		lines := d.wrap(strings.TrimSpace(ev), textW)
		for j, ln := range lines {
			if _, err := d.ensure(lh); err != nil {
				return err
			}
			if j == 0 {
				d.textColor(colMuted)
				if err := d.box(marginX, d.y, numW, lh, fmt.Sprintf("%d.", i+1), alignRight, 0); err != nil {
					return err
				}
				d.textColor(colText)
			}
			if err := d.box(marginX+numW+6, d.y, textW+2, lh, ln, alignLeft, 0); err != nil {
				return err
			}
			d.y += lh
		}
	}
	d.y += 12
	return nil
}

// comments prints 三、评语, each with its role label.
func (d *doc) comments(c *Card) error {
	const lh = 15.5
	if len(c.Comments) == 0 {
		return nil
	}
	if err := d.heading("三、评语", 2*lh); err != nil {
		return err
	}
	labelW := 0.0
	labels := make([]string, len(c.Comments))
	for i, cm := range c.Comments {
		l := strings.TrimSpace(cm.Role)
		if !strings.HasSuffix(l, "评语") {
			l = strings.TrimSuffix(l, "评") + "评语"
		}
		labels[i] = l + "："
		labelW = math.Max(labelW, d.textWidth(labels[i]))
	}
	labelW = math.Min(labelW+4, 120)
	textW := contentW - labelW - 8
	for i, cm := range c.Comments {
		lines := d.wrap(strings.TrimSpace(cm.Text), textW)
		for j, ln := range lines {
			keep := lh
			if j == 0 && len(lines) > 1 {
				keep = 2 * lh
			}
			if _, err := d.ensure(keep); err != nil {
				return err
			}
			if j == 0 {
				d.textColor(colMuted)
				if err := d.box(marginX+8, d.y, labelW, lh, labels[i], alignLeft, 0); err != nil {
					return err
				}
				d.textColor(colText)
			}
			if err := d.box(marginX+8+labelW, d.y, textW+2, lh, ln, alignLeft, 0); err != nil {
				return err
			}
			d.y += lh
		}
		d.y += 4
	}
	d.y += 8
	return nil
}

// closing prints, kept together at the bottom of the last page: the
// signature row, then the verification block (QR code, code, instructions)
// beside the school stamp box.
func (d *doc) closing(c *Card) error {
	const sigH = 34.0
	const verH = 70.0
	if _, err := d.ensure(sigH + verH); err != nil {
		return err
	}
	// pinned to the bottom: the free space stays between content and signatures
	y := math.Max(d.y, bodyBottom-verH-sigH)

	// signature row
	if err := d.setFont(sizeBody + 0.5); err != nil {
		return err
	}
	d.textColor(colText)
	sig := func(x, y float64, label string, lineW float64) (float64, error) {
		if err := d.text(x, y, label); err != nil {
			return 0, err
		}
		lx := x + d.textWidth(label)
		d.line(lx+2, y+13, lx+2+lineW, y+13, 0.5, colRule)
		return lx + lineW + 14, nil
	}
	for i, pair := range [][2]string{{"班主任签字：", "日期："}, {"学生签字：", "日期："}} {
		x := marginX + float64(i)*(contentW/2+12)
		var err error
		if x, err = sig(x, y+8, pair[0], 70); err != nil {
			return err
		}
		if _, err = sig(x, y+8, pair[1], 56); err != nil {
			return err
		}
	}

	// verification block, QR on the left, stamp box on the right
	vy := y + sigH
	d.line(marginX, vy, pageW-marginX, vy, 0.4, colGrid)
	const qrSize = 58.0
	qy := vy + 7
	if c.VerifyURL != "" {
		if _, err := d.qr(c.VerifyURL, marginX-2, qy, qrSize); err != nil {
			return err
		}
	}
	boxW, boxH := 128.0, qrSize
	bx := pageW - marginX - boxW
	d.strokeRect(bx, qy, boxW, boxH, 0.6, colRule)
	if err := d.box(bx, qy+5, boxW, 14, "学校（盖章）", alignCenter, 0); err != nil {
		return err
	}
	if c.IssueDate != "" {
		if err := d.setFont(sizeSmall); err != nil {
			return err
		}
		if err := d.box(bx, qy+boxH-17, boxW, 12, c.IssueDate, alignCenter, 0); err != nil {
			return err
		}
	}

	tx := marginX + qrSize + 8
	tw := bx - 12 - tx
	if err := d.setFont(11); err != nil {
		return err
	}
	d.textColor(colText)
	if err := d.box(tx, qy, tw, 15, "验证码："+c.VerifyCode, alignLeft, 0); err != nil {
		return err
	}
	if err := d.setFont(sizeBody - 1); err != nil {
		return err
	}
	site := c.VerifySite
	if site == "" {
		site, _, _ = strings.Cut(c.VerifyURL, "?")
	}
	ty := qy + 17
	lines := d.wrap("扫码或访问 "+site+" 输入验证码核验真伪", tw)
	if len(lines) > 2 {
		lines = lines[:2]
	}
	for _, ln := range lines {
		if err := d.box(tx, ty, tw, 12, ln, alignLeft, 0); err != nil {
			return err
		}
		ty += 12
	}
	if err := d.setFont(sizeSmall); err != nil {
		return err
	}
	d.textColor(colMuted)
	note := "本报告单由" + c.SchoolName + "出具，涂改无效；复印件须加盖学校公章。"
	if err := d.box(tx, math.Max(ty+2, qy+qrSize-12), tw, 12, note, alignLeft, 0); err != nil {
		return err
	}
	d.textColor(colText)
	d.y = vy + verH
	return d.setFont(sizeBody)
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
