package ui

import (
	"embed"
	"encoding/json"
	"net/http"
	"strings"
)

// Chinese is the source language: templates and handlers write zh-CN text,
// and locale/en.json maps it to English. A phrase missing from en.json is
// shown in Chinese rather than as a key, so nothing ever renders blank.

//go:embed locale/*.json
var localeFS embed.FS

var english map[string]string

func init() {
	b, err := localeFS.ReadFile("locale/en.json")
	if err != nil {
		panic(err)
	}
	if err := json.Unmarshal(b, &english); err != nil {
		panic("locale/en.json: " + err.Error())
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
