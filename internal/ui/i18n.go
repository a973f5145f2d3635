package ui

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"strings"
)

// Chinese is the source language: templates and handlers write zh-CN text,
// and locale/en.json maps it to English. A phrase missing from en.json is
// shown in Chinese rather than as a key, so nothing ever renders blank.

//go:embed locale/*.json
var localeFS embed.FS

var english = map[string]string{}

// init merges locale/en.json and any locale/en-*.json (one file per area of
// the site, so parallel work does not edit one file); a phrase defined in
// two files is a mistake and stops the program at start, in tests first.
func init() {
	files, err := fs.Glob(localeFS, "locale/en*.json")
	if err != nil {
		panic(err)
	}
	for _, f := range files {
		b, err := localeFS.ReadFile(f)
		if err != nil {
			panic(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			panic(f + ": " + err.Error())
		}
		for k, v := range m {
			if _, dup := english[k]; dup {
				panic(f + ": " + k + " is already translated in another locale file")
			}
			english[k] = v
		}
	}
}

// langOf picks the language: the lang cookie set by the switcher, else
// zh-CN (the default whatever the browser says, as schools expect).
func langOf(r *http.Request) string {
	if c, err := r.Cookie("lang"); err == nil && c.Value == "en" {
		return "en"
	}
	return "zh-CN"
}

// translate returns s in lang.
func translate(lang, s string) string {
	if lang != "en" {
		return s
	}
	if e, ok := english[s]; ok {
		return e
	}
	return s
}

// translator returns a T function for lang.
func translator(lang string) func(string) string {
	return func(s string) string { return translate(lang, s) }
}

func urlQueryEscape(s string) string {
	r := strings.NewReplacer("%", "%25", "&", "%26", "?", "%3F", "#", "%23", "+", "%2B", " ", "%20")
	return r.Replace(s)
}
