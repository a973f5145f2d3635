package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
)

// Taps performs and counts the taps of a browser test, so a test can say
// how many taps a task takes a person. Scrolling is not a tap: the element
// is brought to the middle of the screen first (where a finger would find
// it, clear of the sticky bars), then clicked with the mouse at its centre.
type Taps struct {
	t   *testing.T
	ctx context.Context
	N   int
}

func NewTaps(t *testing.T, ctx context.Context) *Taps { return &Taps{t: t, ctx: ctx} }

// Tap taps the first visible element matching sel.
func (p *Taps) Tap(sel string) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx,
		chromedp.WaitVisible(sel),
		chromedp.ScrollIntoView(sel),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center"})`),
		chromedp.Click(sel, chromedp.NodeVisible),
	); err != nil {
		p.t.Fatalf("tap %s: %v", sel, err)
	}
	p.N++
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	out := []rune{'"'}
	for _, r := range s {
		if r == '"' || r == '\\' {
			out = append(out, '\\')
		}
		out = append(out, r)
	}
	return string(append(out, '"'))
}
