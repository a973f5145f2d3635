package httpx

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxFileName is the longest file name kept, in characters. It fits the
// storage column and every file system the files are later saved to.
const MaxFileName = 100

// FileName cleans a file name that came from outside (an upload's name, or
// a download named after a record): browsers on Windows may send a whole
// path with either separator, and a name may carry control characters or
// be very long. It keeps the last path element without control
// characters, cut to MaxFileName characters keeping the extension, and
// returns fallback when nothing usable is left.
func FileName(name, fallback string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		if r == utf8.RuneError || unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSpace(name)
	if strings.Trim(name, ".") == "" {
		return fallback
	}
	if utf8.RuneCountInString(name) <= MaxFileName {
		return name
	}
	ext := path.Ext(name)
	if utf8.RuneCountInString(ext) > 16 {
		ext = "" // not an extension, just a dot in a long name
	}
	stem := []rune(strings.TrimSuffix(name, ext))
	return string(stem[:MaxFileName-utf8.RuneCountInString(ext)]) + ext
}
