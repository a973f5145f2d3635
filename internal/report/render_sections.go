package report

// The later sections of a card: evidence, comments, signatures and the
// verification block.

import (
	"fmt"
	"math"
	"strings"
)

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

	if err := d.signatures(y); err != nil {
		return err
	}
	// verification block, QR on the left, stamp box on the right
	vy := y + sigH
	d.line(marginX, vy, pageW-marginX, vy, 0.4, colGrid)
	if err := d.verification(c, vy+7); err != nil {
		return err
	}
	d.y = vy + verH
	return d.setFont(sizeBody)
}

// signatures writes the signature row at y: 班主任 and 学生, each with a
// date line.
func (d *doc) signatures(y float64) error {
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

	return nil
}

// verification writes the block at qy: the QR code, the 验证码 and how to
// check it, the note on copies, and the school's stamp box on the right.
func (d *doc) verification(c *Card, qy float64) error {
	const qrSize = 58.0
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
	return nil
}
