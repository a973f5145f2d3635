package workbook

import (
	"maps"
	"regexp"
	"slices"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// The spelling of the cells that hold more than a number: a scale's
// levels and an indicator's choices as "name=value/…", observation points
// and level descriptors one per line as "name：text", so a school can edit
// them in Excel.

// DefaultLevels are the levels an indicator gets when its scale is set to
// 等级制 without levels.
func DefaultLevels() []model.ScaleLevel {
	return []model.ScaleLevel{{Name: "优秀", Points: 95}, {Name: "良好", Points: 85}, {Name: "合格", Points: 70}, {Name: "待合格", Points: 50}}
}

// choicesCell writes a framework's own choices, "" for the default.
func choicesCell(cs []model.Choice) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Name + "=" + eval.FormatValue(c.Value)
	}
	return strings.Join(parts, "/")
}

func parseChoicesCell(v string) ([]model.Choice, bool) {
	if v == "" {
		return nil, true
	}
	return parseNamedNumbers(v)
}

// descriptorsCell writes one "name：text" line per level or choice, in the
// order the rater sees them.
func descriptorsCell(ind model.Indicator) string {
	var lines []string
	opts := eval.OptionsFor(ind, model.RaterSelf)
	for _, o := range opts {
		if o.Descriptor != "" {
			lines = append(lines, o.Name+"："+o.Descriptor)
		}
	}
	// Descriptors naming no option are kept, so validation can name them.
	for _, k := range slices.Sorted(maps.Keys(ind.Descriptors)) {
		if !slices.ContainsFunc(opts, func(o eval.Option) bool { return o.Name == k }) {
			lines = append(lines, k+"："+ind.Descriptors[k])
		}
	}
	return strings.Join(lines, "\n")
}

func parseDescriptorsCell(v string) (map[string]string, bool) {
	if v == "" {
		return nil, true
	}
	out := map[string]string{}
	for _, line := range strings.Split(v, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		name, text, ok := strings.Cut(line, "：")
		if !ok {
			name, text, ok = strings.Cut(line, ":")
		}
		if !ok || strings.TrimSpace(name) == "" {
			return nil, false
		}
		out[strings.TrimSpace(name)] = strings.TrimSpace(text)
	}
	return out, true
}

func parseScaleCell(v string) (model.Scale, bool) {
	switch v {
	case "百分制", string(model.ScaleScore100):
		return model.Scale{Kind: model.ScaleScore100}, true
	case "五分制", string(model.ScaleRating5):
		return model.Scale{Kind: model.ScaleRating5}, true
	case "等级制", string(model.ScaleLevels):
		return model.Scale{Kind: model.ScaleLevels, Levels: DefaultLevels()}, true
	}
	rest, ok := strings.CutPrefix(v, "等级制")
	if !ok {
		return model.Scale{}, false
	}
	rest = strings.TrimLeft(rest, "：: ")
	sc := model.Scale{Kind: model.ScaleLevels}
	pairs, ok := parseNamedNumbers(rest)
	for _, p := range pairs {
		sc.Levels = append(sc.Levels, model.ScaleLevel{Name: p.Name, Points: p.Value})
	}
	return sc, ok
}

// parseNamedNumbers reads "优秀=95/良好=85/…" (also separated by 、，,),
// the spelling of a scale's levels and of an indicator's choices; ok is
// false for a part without "=number" or for nothing at all.
func parseNamedNumbers(v string) ([]model.Choice, bool) {
	var out []model.Choice
	for _, part := range strings.FieldsFunc(v, func(r rune) bool { return r == '/' || r == '、' || r == '，' || r == ',' }) {
		name, val, ok := strings.Cut(part, "=")
		if !ok {
			return nil, false
		}
		x, err := validate.Number(val)
		if err != nil {
			return nil, false
		}
		out = append(out, model.Choice{Name: strings.TrimSpace(name), Value: x})
	}
	return out, len(out) > 0
}

var pointCodeRe = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

func parsePointLine(line string) model.ObservationPoint {
	var p model.ObservationPoint
	head, desc, _ := strings.Cut(line, "：")
	p.Description = strings.TrimSpace(desc)
	if code, name, ok := strings.Cut(head, " "); ok && pointCodeRe.MatchString(code) {
		p.Code, head = code, name
	}
	p.Name = strings.TrimSpace(head)
	return p
}
