package demo

import "testing"

// TestResearchIdentifiers checks the check digits against known numbers.
func TestResearchIdentifiers(t *testing.T) {
	// 0317-8471 is the ISSN standard's own example; 978-0-306-40615-7 the ISBN one.
	if got := issn(317847); got != "0317-8471" {
		t.Errorf("issn = %s", got)
	}
	if got := isbn13(30640615); got != "9780306406157" {
		t.Errorf("isbn13 = %s", got)
	}
	// ZL 2012 1 0123456 . check: 2*2+0*3+1*4+2*5+1*6+0*7+1*8+2*9+3*2+4*3+5*4+6*5 = 118, 118 mod 11 = 8.
	if got := patentNumber(2012, 1, 123456); got != "ZL201210123456.8" {
		t.Errorf("patent = %s", got)
	}
}
