package report

// The results page of a card: the student table, the scores and the radar.

import (
	"fmt"
	"math"

	"zhijiao/internal/idcheck"

	"github.com/signintech/gopdf"
)

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

// radarGeom places values on a radar of n axes centred on (cx, cy) with
// radius R: axis i points up for i = 0 and turns clockwise, and a value
// (clamped to 0–100) lies at value% of R.
type radarGeom struct {
	n         int
	cx, cy, R float64
}

func (g radarGeom) angle(i int) float64 { return -math.Pi/2 + 2*math.Pi*float64(i)/float64(g.n) }

func (g radarGeom) pt(i int, v float64) gopdf.Point {
	v = math.Max(0, math.Min(100, v))
	a := g.angle(i)
	return gopdf.Point{X: g.cx + g.R*v/100*math.Cos(a), Y: g.cy + g.R*v/100*math.Sin(a)}
}

func (g radarGeom) poly(val func(i int) float64) []gopdf.Point {
	ps := make([]gopdf.Point, g.n)
	for i := range ps {
		ps[i] = g.pt(i, val(i))
	}
	return ps
}

// radar draws the dimension scores as a radar chart centred on (cx, cy):
// gridlines at 20/40/60/80/100, the student's polygon filled light with a
// dark outline, the class average as a dashed outline, axis labels in
// Chinese and a legend below.
func (d *doc) radar(c *Card, cx, cy, R, minX float64) error {
	g := radarGeom{n: len(c.Dimensions), cx: cx, cy: cy, R: R}
	student := g.poly(func(i int) float64 { return c.Dimensions[i].Score })
	class := g.poly(func(i int) float64 { return c.Dimensions[i].ClassAvg })

	// student area first, so the grid stays visible on top of it
	d.fillColor(colFill)
	d.pdf.Polygon(student, "F")

	d.strokeColor(colGrid)
	for v := 20; v <= 100; v += 20 {
		w := 0.35
		if v == 100 {
			w = 0.7
		}
		d.pdf.SetLineWidth(w)
		d.pdf.Polygon(g.poly(func(int) float64 { return float64(v) }), "D")
	}
	d.pdf.SetLineWidth(0.35)
	for i := 0; i < g.n; i++ {
		p := g.pt(i, 100)
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
	if err := d.radarLabels(c, g, minX); err != nil {
		return err
	}
	if err := d.radarLegend(cx-62, cy+R+24); err != nil {
		return err
	}
	return d.setFont(sizeBody)
}

// radarLabels writes the grid values along the first (upward) axis and
// each dimension's name at the end of its axis, kept clear of the page
// edge on the right and of the table (minX) on the left.
func (d *doc) radarLabels(c *Card, g radarGeom, minX float64) error {
	if err := d.setFont(sizeTiny); err != nil {
		return err
	}
	d.textColor(colMuted)
	for v := 20; v <= 100; v += 20 {
		p := g.pt(0, float64(v))
		if err := d.text(p.X+2, p.Y-3.5, fmt.Sprint(v)); err != nil {
			return err
		}
	}
	if err := d.setFont(sizeSmall); err != nil {
		return err
	}
	d.textColor(colText)
	for i, dm := range c.Dimensions {
		a := g.angle(i)
		cos, sin := math.Cos(a), math.Sin(a)
		lx, ly := g.cx+(g.R+6)*cos, g.cy+(g.R+6)*sin
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
	return nil
}

// radarLegend writes the legend (本人, 班级平均) starting at (lx, ly).
func (d *doc) radarLegend(lx, ly float64) error {
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
	return d.text(lx+20, ly, "班级平均")
}
