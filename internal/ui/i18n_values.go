package ui

import (
	"fmt"
	"time"

	"zhijiao/internal/portrait"
)

// Some Chinese on the pages is not a fixed phrase but text the engines
// build from numbers: KPI headlines, counts with units, ratios, school
// years and terms, periods, and dates. The English interface renders them
// through translateValue: the phrase table first, then the engines' own
// English forms (portrait.English). Names of people, classes and schools
// are data and stay as they are.

// translateValue renders engine-built text in lang.
func translateValue(lang, s string) string {
	if lang != "en" {
		return s
	}
	if en := translate(lang, s); en != s {
		return en
	}
	if en, ok := englishJobNote(s); ok {
		return en
	}
	return portrait.English(s)
}

// translateChart copies an ECharts option with its words in lang: titles,
// legend entries, category labels, series and item names. Numbers and
// data that are names stay as they are (translate leaves unknown text).
func translateChart(lang string, c portrait.Chart) portrait.Chart {
	if lang != "en" || c == nil {
		return c
	}
	return translateAny(lang, map[string]any(c)).(map[string]any)
}

func translateAny(lang string, v any) any {
	switch x := v.(type) {
	case string:
		return translateValue(lang, x)
	case []string:
		out := make([]string, len(x))
		for i, s := range x {
			out[i] = translateValue(lang, s)
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = translateAny(lang, e)
		}
		return out
	case []map[string]any:
		out := make([]map[string]any, len(x))
		for i, e := range x {
			out[i] = translateAny(lang, e).(map[string]any)
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = translateAny(lang, e)
		}
		return out
	}
	return v
}

// dateIn renders a date (YYYY-MM-DD text or a time) for lang: 2026年3月1日
// in Chinese, 2026-03-01 in English.
func dateIn(lang string) func(any) string {
	if lang != "en" {
		return cnDate
	}
	return func(v any) string {
		switch x := v.(type) {
		case time.Time:
			if x.IsZero() {
				return ""
			}
			return x.In(displayZone).Format("2006-01-02")
		case string:
			return x
		}
		return fmt.Sprint(v)
	}
}

// timeIn is dateIn with the time of day.
func timeIn(lang string) func(time.Time) string {
	if lang != "en" {
		return cnTime
	}
	return func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.In(displayZone).Format("2006-01-02 15:04")
	}
}
