package e2e

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"

	"zhijiao/internal/testfix"
)

// LoginAs starts a browser of its own for username (a fixture account,
// testfix.Password) and logs in on the site at base.
func LoginAs(t *testing.T, base, username string) context.Context {
	t.Helper()
	b := Browser(t)
	if err := chromedp.Do(b,
		chromedp.Navigate(base+"/login"),
		chromedp.SendKeys(`input[name=username]`, username),
		chromedp.SendKeys(`input[name=password]`, testfix.Password),
		chromedp.Click(`button[type=submit]`),
		chromedp.WaitVisible(`header.topbar`),
	); err != nil {
		t.Fatalf("%s logs in: %v", username, err)
	}
	return b
}
