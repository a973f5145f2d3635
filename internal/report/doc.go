package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/signintech/gopdf"
)

// Page geometry in points (A4 portrait, 595 × 842).
const (
	pageW       = 595.0
	pageH       = 842.0
	marginX     = 50.0
	marginTop   = 42.0
	contentW    = pageW - 2*marginX
	footerY     = 808.0 // top of the page footer line
	bodyBottom  = 792.0 // content never goes below this
	totalPlaceh = "total-pages"
)

// Type sizes: one scale for the whole document.
const (
	sizeTitle   = 18.0
	sizeCover   = 24.0
	sizeHeading = 12.0
	sizeBody    = 10.0
	sizeSmall   = 8.5
	sizeTiny    = 6.5
)

// Colours.
type rgb struct{ r, g, b uint8 }

var (
	colText      = rgb{0x1a, 0x1a, 0x1a}
	colMuted     = rgb{0x55, 0x55, 0x55}
	colRule      = rgb{0x40, 0x40, 0x40}
	colGrid      = rgb{0xb8, 0xb8, 0xb8}
	colLabelFill = rgb{0xee, 0xee, 0xee}
	colAccent    = rgb{0x1f, 0x4e, 0x8c}
	colFill      = rgb{0xcf, 0xdd, 0xf0}
	colClass     = rgb{0xb0, 0x3a, 0x2e}
)

// doc wraps one gopdf document with a y cursor and page handling.
type doc struct {
	pdf  *gopdf.GoPdf
	y    float64
	page int
	size float64 // the type size for the next text

	// the font gopdf has selected now
	curFam  string
	curSize float64
	// fc has the parsed fonts; full is whether the full CJK font has been
	// added to this document (only when a rune needs it).
	fc   *gopdf.FontContainer
	full bool

	// cont draws the header of a continuation page; nil for none.
	cont func()
	// footerLeft and footerRight are printed in every page footer.
	footerLeft, footerRight string

	// widths caches rune advance widths at font size 1.
	widths map[rune]float64
}

func newDoc(title string) (*doc, error) {
	fc, err := fonts()
	if err != nil {
		return nil, err
	}
	pdf := &gopdf.GoPdf{}
	pdf.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	// Level 1 (fastest) deflate: the content streams are small; the
	// embedded font subsets dominate the size either way.
	pdf.SetCompressLevel(1)
	for _, fam := range []string{famCJK, famLatin} {
		if err := pdf.AddTTFFontFromFontContainer(fam, fc); err != nil {
			return nil, fmt.Errorf("report: add font %s: %w", fam, err)
		}
	}
	pdf.SetInfo(gopdf.PdfInfo{Title: title, Creator: "zhijiao", Producer: "zhijiao report (gopdf)"})
	d := &doc{pdf: pdf, widths: make(map[rune]float64, 256), size: sizeBody, fc: fc}
	return d, nil
}

// setFont sets the type size of the text that follows.
func (d *doc) setFont(size float64) error {
	d.size = size
	return nil
}

// use makes fam at the current size gopdf's font.
func (d *doc) use(fam string) error {
	if d.curFam == fam && d.curSize == d.size {
		return nil
	}
	if fam == famCJKFull && !d.full {
		if err := d.pdf.AddTTFFontFromFontContainer(famCJKFull, d.fc); err != nil {
			return fmt.Errorf("report: add font %s: %w", famCJKFull, err)
		}
		d.full = true
	}
	d.curFam, d.curSize = fam, d.size
	return d.pdf.SetFont(fam, "", d.size)
}

func (d *doc) textColor(c rgb)   { d.pdf.SetTextColor(c.r, c.g, c.b) }
func (d *doc) strokeColor(c rgb) { d.pdf.SetStrokeColor(c.r, c.g, c.b) }
func (d *doc) fillColor(c rgb)   { d.pdf.SetFillColor(c.r, c.g, c.b) }

// runeWidth is the advance of r at the current size.
func (d *doc) runeWidth(r rune) float64 {
	w, ok := d.widths[r]
	if !ok {
		w = 1 // unknown glyph: assume a full em
		if d.use(familyOf(r)) == nil {
			if m, err := d.pdf.MeasureTextWidth(string(r)); err == nil {
				w = m / d.size
			}
		}
		d.widths[r] = w
	}
	return w * d.size
}

func (d *doc) textWidth(s string) float64 {
	var w float64
	for _, r := range s {
		w += d.runeWidth(r)
	}
	return w
}

// textAt prints s with its baseline starting at (x, base), switching
// between the CJK and the Latin font run by run.
func (d *doc) textAt(x, base float64, s string) error {
	for len(s) > 0 {
		r, _ := utf8.DecodeRuneInString(s)
		fam := familyOf(r)
		n := 0
		for i, q := range s {
			if familyOf(q) != fam {
				break
			}
			n = i + utf8.RuneLen(q)
		}
		run := s[:n]
		s = s[n:]
		if err := d.use(fam); err != nil {
			return err
		}
		d.pdf.SetXY(x, base)
		if err := d.pdf.Text(run); err != nil {
			return err
		}
		x += d.textWidth(run)
	}
	return nil
}

// Baseline offsets as a fraction of the type size: from the top of a line
// (ascent of the CJK face), and from the middle of a box (half the height
// of a CJK ideograph above the baseline).
const (
	ascent    = 0.86
	midToBase = 0.36
)

// text prints s with the top of its line at (x, y).
func (d *doc) text(x, y float64, s string) error {
	if s == "" {
		return nil
	}
	return d.textAt(x, y+ascent*d.size, s)
}

// Horizontal alignments for box.
const (
	alignLeft = iota
	alignCenter
	alignRight
)

// box prints s in the box (x, y, w, h), vertically centred, shrinking the
// type (down to 6.5 pt) when s is wider than the box, and cutting it with
// "…" when even that does not fit. The current size is kept for later text.
func (d *doc) box(x, y, w, h float64, s string, align int, pad float64) error {
	if s == "" {
		return nil
	}
	size := d.size
	defer d.setFont(size)
	avail := w - 2*pad
	tw := d.textWidth(s)
	for tw > avail && d.size > sizeTiny {
		d.size = math.Max(sizeTiny, d.size-0.5)
		tw = d.textWidth(s)
	}
	if tw > avail {
		rs := []rune(s)
		for len(rs) > 1 && d.textWidth(string(rs)+"…") > avail {
			rs = rs[:len(rs)-1]
		}
		s = string(rs) + "…"
		tw = d.textWidth(s)
	}
	tx := x + pad
	switch align {
	case alignCenter:
		tx = x + (w-tw)/2
	case alignRight:
		tx = x + w - pad - tw
	}
	return d.textAt(tx, y+h/2+midToBase*d.size, s)
}

func (d *doc) line(x1, y1, x2, y2, width float64, c rgb) {
	d.pdf.SetLineWidth(width)
	d.strokeColor(c)
	d.pdf.Line(x1, y1, x2, y2)
}

func (d *doc) fillRect(x, y, w, h float64, c rgb) {
	d.fillColor(c)
	d.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
}

func (d *doc) strokeRect(x, y, w, h, width float64, c rgb) {
	d.pdf.SetLineWidth(width)
	d.strokeColor(c)
	d.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "D")
}

// noLineStart are characters that must not begin a line (禁则).
const noLineStart = "，。、；：？！）》」』”’,.;:?!)%…"

// wrap breaks s into lines no wider than width at the current size. CJK
// text breaks between any two characters; runs of Latin letters and digits
// break at spaces when they can; closing punctuation never starts a line.
func (d *doc) wrap(s string, width float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		lines = append(lines, d.wrapPara(para, width)...)
	}
	return lines
}

func (d *doc) wrapPara(s string, width float64) []string {
	rs := []rune(strings.TrimRight(s, " "))
	if len(rs) == 0 {
		return []string{""}
	}
	var lines []string
	start, w := 0, 0.0
	lastSpace := -1 // index of the last space in the current line
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		rw := d.runeWidth(r)
		if w+rw > width && i > start && !strings.ContainsRune(noLineStart, r) {
			cut := i
			next := i
			if isWordRune(r) && lastSpace > start {
				cut, next = lastSpace, lastSpace+1
			}
			lines = append(lines, string(rs[start:cut]))
			start, lastSpace = next, -1
			w = 0
			for _, q := range rs[start:i] {
				w += d.runeWidth(q)
			}
		}
		if r == ' ' {
			lastSpace = i
		}
		w += rw
	}
	lines = append(lines, string(rs[start:]))
	return lines
}

func isWordRune(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '/')
}

// newPage starts a page: footer first (so it is on every page), then the
// continuation header when there is one.
func (d *doc) newPage() error {
	d.pdf.AddPage()
	d.page++
	if err := d.footer(); err != nil {
		return err
	}
	d.y = marginTop
	if d.cont != nil {
		d.cont()
	}
	return nil
}

// ensure starts a new page when h more points do not fit on this one. It
// reports whether it did.
func (d *doc) ensure(h float64) (bool, error) {
	if d.y+h <= bodyBottom {
		return false, nil
	}
	return true, d.newPage()
}

func (d *doc) footer() error {
	size := d.size
	defer d.setFont(size)
	if err := d.setFont(sizeSmall); err != nil {
		return err
	}
	d.line(marginX, footerY, pageW-marginX, footerY, 0.4, colGrid)
	d.textColor(colMuted)
	ty := footerY + 5
	if err := d.box(marginX, ty, 200, 12, d.footerLeft, alignLeft, 0); err != nil {
		return err
	}
	if err := d.box(pageW-marginX-200, ty, 200, 12, d.footerRight, alignRight, 0); err != nil {
		return err
	}
	// "第 N 页 共 M 页", M filled in when the document is finished.
	a := fmt.Sprintf("第 %d 页  共", d.page)
	b := "页"
	const numW = 16.0
	wa, wb := d.textWidth(a), d.textWidth(b)
	x := (pageW - (wa + numW + wb)) / 2
	if err := d.text(x, ty+1.5, a); err != nil {
		return err
	}
	if err := d.use(famLatin); err != nil {
		return err
	}
	d.pdf.SetXY(x+wa, ty+1.5+ascent*d.size)
	if err := d.pdf.PlaceHolderText(totalPlaceh, numW); err != nil {
		return err
	}
	if err := d.text(x+wa+numW, ty+1.5, b); err != nil {
		return err
	}
	d.textColor(colText)
	return nil
}

// finish fills in the page total and returns the PDF.
func (d *doc) finish() ([]byte, error) {
	if d.page > 0 {
		if err := d.use(famLatin); err != nil {
			return nil, err
		}
		if err := d.pdf.FillInPlaceHoldText(totalPlaceh, fmt.Sprint(d.page), gopdf.Center); err != nil {
			return nil, fmt.Errorf("report: page total: %w", err)
		}
	}
	return d.pdf.GetBytesPdfReturnErr()
}

// heading prints a section heading ("一、评价结果") and moves below it; keep
// is how much of what follows must fit on the same page.
func (d *doc) heading(s string, keep float64) error {
	if _, err := d.ensure(22 + keep); err != nil {
		return err
	}
	d.fillRect(marginX, d.y+2, 3, 12, colAccent)
	if err := d.setFont(sizeHeading); err != nil {
		return err
	}
	d.textColor(colText)
	if err := d.text(marginX+8, d.y+1, s); err != nil {
		return err
	}
	d.y += 20
	return d.setFont(sizeBody)
}

// IncompleteMark is printed where a 待补评 student's total and level would be.
const IncompleteMark = "待补评"

// fmtScore prints a score as the engine rounds it, two decimals at most
// ("86.5", "90", "59.99"): one decimal would print a 59.99 that is 待合格
// as "60.0".
func fmtScore(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "—"
	}
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "-0" {
		s = "0"
	}
	return s
}
