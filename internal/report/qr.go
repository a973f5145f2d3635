package report

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// qrMatrix is the QR module matrix for text (Medium error correction),
// including the 4-module quiet zone, as go-qrcode builds it.
func qrMatrix(text string) ([][]bool, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("report: qr code: %w", err)
	}
	return q.Bitmap(), nil
}

// qr draws the QR code for text as vector rectangles in the square (x, y,
// size): one filled rectangle per horizontal run of dark modules, so it is
// crisp at any zoom and small in the file. It returns the number of modules
// per side it drew (quiet zone included).
func (d *doc) qr(text string, x, y, size float64) (int, error) {
	m, err := qrMatrix(text)
	if err != nil {
		return 0, err
	}
	n := len(m)
	if n == 0 {
		return 0, nil
	}
	cell := size / float64(n)
	d.fillColor(rgb{0, 0, 0})
	for r, row := range m {
		for c := 0; c < len(row); {
			if !row[c] {
				c++
				continue
			}
			start := c
			for c < len(row) && row[c] {
				c++
			}
			// a hair of overlap with the next row hides viewer seams
			d.pdf.RectFromUpperLeftWithStyle(x+float64(start)*cell, y+float64(r)*cell, float64(c-start)*cell, cell+0.02, "F")
		}
	}
	return n, nil
}
