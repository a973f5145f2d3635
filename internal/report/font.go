package report

import (
	_ "embed"
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
)

// The two embedded fonts. Droid Sans Fallback has the CJK characters but
// no Latin letters, digits or Western punctuation (not even “ ” …), so text
// is split into runs: runes below U+2E80 (Latin, Greek, Cyrillic, general
// punctuation, symbols) are set in Roboto, everything else in Droid Sans
// Fallback. Both are Apache License 2.0 (fonts/LICENSE).
const (
	famCJK   = "droid"
	famLatin = "roboto"
)

//go:embed fonts/DroidSansFallbackFull.ttf
var fontCJK []byte

//go:embed fonts/Roboto-Regular.ttf
var fontLatin []byte

// familyOf is the font a rune is set in.
func familyOf(r rune) string {
	if r < 0x2E80 && r != 0x3000 {
		return famLatin
	}
	return famCJK
}

var (
	fontOnce      sync.Once
	fontContainer *gopdf.FontContainer
	fontErr       error
)

// fonts returns the process-wide parsed fonts. Parsing the 4 MB CJK TTF
// takes some milliseconds and is done once; every document then gets its own copy
// of the parsed font (sharing the read-only tables) and subsets only the
// glyphs it prints.
func fonts() (*gopdf.FontContainer, error) {
	fontOnce.Do(func() {
		fc := &gopdf.FontContainer{}
		if err := fc.AddTTFFontData(famCJK, fontCJK); err != nil {
			fontErr = fmt.Errorf("report: parse embedded CJK font: %w", err)
			return
		}
		if err := fc.AddTTFFontData(famLatin, fontLatin); err != nil {
			fontErr = fmt.Errorf("report: parse embedded Latin font: %w", err)
			return
		}
		fontContainer = fc
	})
	return fontContainer, fontErr
}
