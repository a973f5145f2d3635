package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/signintech/gopdf"
	"github.com/signintech/gopdf/fontmaker/core"
)

// The embedded fonts. Droid Sans Fallback has the CJK characters but no
// Latin letters, digits or Western punctuation (not even “ ” …), so text
// is split into runs: runes below U+2E80 (Latin, Greek, Cyrillic, general
// punctuation, symbols) are set in Roboto, everything else in Droid Sans
// Fallback. All are Apache License 2.0 (fonts/LICENSE).
//
// Droid Sans Fallback comes twice. DroidSansFallbackGB.ttf is the same
// font cut down to GB 2312 (6,763 hanzi and its symbols) plus CJK and
// full-width punctuation: 12,834 glyphs instead of 49,382. gopdf copies a
// font's whole hmtx and loca tables into every PDF and deflates them at
// the default level, so the glyph count, not the text, sets most of a
// card's time; the cut font makes a card about 2× faster. A rune outside
// it (a rare character in a name, 堃 or 玥) is set in the full font,
// which is added to a document only when it prints such a rune.
const (
	famCJK     = "droid-gb"
	famCJKFull = "droid"
	famLatin   = "roboto"
)

//go:embed fonts/DroidSansFallbackGB.ttf
var fontCJK []byte

//go:embed fonts/DroidSansFallbackFull.ttf
var fontCJKFull []byte

//go:embed fonts/Roboto-Regular.ttf
var fontLatin []byte

// familyOf is the font a rune is set in.
func familyOf(r rune) string {
	if r < 0x2E80 && r != 0x3000 {
		return famLatin
	}
	if _, ok := cjkChars[int(r)]; ok {
		return famCJK
	}
	return famCJKFull
}

// cjkChars are the runes the cut CJK font has (its cmap), read once.
var cjkChars = func() map[int]uint {
	var p core.TTFParser
	if err := p.ParseByReader(bytes.NewReader(fontCJK)); err != nil {
		panic("report: embedded CJK font: " + err.Error())
	}
	return p.Chars()
}()

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
		if err := fc.AddTTFFontData(famCJKFull, fontCJKFull); err != nil {
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
