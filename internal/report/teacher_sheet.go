package report

import (
	"io"
)

// TeacherSheet is the printable teacher's portrait (教师画像,
// docs/teachers.md §3 section 3): a title block and sections of
// plain lines, set with the same fonts, sizes and footer as the report
// cards.
type TeacherSheet struct {
	School, Title string
	Name, Meta    string // "王老师", "工号 T001 · 智能制造专业部"
	Printed       string // the day it was printed, in the footer
	Sections      []SheetSection
}

// SheetSection is one heading and its lines; a line longer than the page
// wraps.
type SheetSection struct {
	Heading string
	Lines   []string
}

// RenderTeacherSheet writes the sheet as a PDF.
func RenderTeacherSheet(w io.Writer, s TeacherSheet) error {
	d, err := newDoc(s.Title + " " + s.Name)
	if err != nil {
		return err
	}
	d.footerLeft, d.footerRight = s.School, s.Printed
	if err := d.newPage(); err != nil {
		return err
	}
	if err := d.sheetHeader(s); err != nil {
		return err
	}
	for _, sec := range s.Sections {
		if err := d.heading(sec.Heading, 16); err != nil {
			return err
		}
		for _, l := range sec.Lines {
			for _, part := range d.wrapPara(l, contentW-8) {
				if _, err := d.ensure(15); err != nil {
					return err
				}
				if err := d.text(marginX+8, d.y, part); err != nil {
					return err
				}
				d.y += 15
			}
		}
		d.y += 6
	}
	b, err := d.finish()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

func (d *doc) sheetHeader(s TeacherSheet) error {
	d.setFont(sizeSmall)
	d.textColor(colMuted)
	if err := d.text(marginX, d.y, s.School); err != nil {
		return err
	}
	d.y += 14
	d.setFont(sizeTitle)
	d.textColor(colText)
	if err := d.text(marginX, d.y, s.Title+" · "+s.Name); err != nil {
		return err
	}
	d.y += 26
	d.setFont(sizeBody)
	d.textColor(colMuted)
	if err := d.text(marginX, d.y, s.Meta); err != nil {
		return err
	}
	d.textColor(colText)
	d.line(marginX, d.y+18, pageW-marginX, d.y+18, 0.6, colRule)
	d.y += 28
	return nil
}
