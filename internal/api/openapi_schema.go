package api

import (
	"reflect"
	"strings"
	"time"
	"unicode"

	"zhijiao/internal/model"
)

// Schemas are derived from the Go types the handlers actually encode and
// decode, so the document cannot drift from the wire format; only the
// Chinese descriptions are written by hand (schemaDocs, fieldDocs), and a
// test checks that none is missing.

// schemaSet collects component schemas by name, remembering which Go
// type claimed each name so two types cannot silently share one.
type schemaSet struct {
	defs  map[string]map[string]any
	types map[string]reflect.Type
}

func newSchemaSet() *schemaSet {
	return &schemaSet{defs: map[string]map[string]any{}, types: map[string]reflect.Type{}}
}

var timeType = reflect.TypeFor[time.Time]()

// enums lists the values of the model's string types.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[model.EnrollmentStatus](): strs(model.EnrollmentStatuses),
	reflect.TypeFor[model.Gender]():           {string(model.Male), string(model.Female)},
	reflect.TypeFor[model.IDType]():           strs(model.IDTypes),
	reflect.TypeFor[model.Program]():          strs(model.Programs),
}

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// schemaName is a type's component name: its Go name with a capital and
// without the "Body" that marks the API's own response wrappers.
func schemaName(t reflect.Type) string {
	n := []rune(strings.TrimSuffix(t.Name(), "Body"))
	n[0] = unicode.ToUpper(n[0])
	return string(n)
}

// ref returns a reference to t's component, registering it first.
func (s *schemaSet) ref(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct || t == timeType {
		return s.inline(t, "")
	}
	name := schemaName(t)
	if prev, done := s.types[name]; done && prev != t {
		panic("openapi: schema name " + name + " used by " + prev.String() + " and " + t.String())
	}
	if _, done := s.defs[name]; !done {
		s.types[name] = t
		s.defs[name] = map[string]any{} // placeholder against recursion
		props, required := map[string]any{}, []string{}
		s.fields(t, name, props, &required)
		sc := map[string]any{"type": "object", "description": schemaDocs[name], "properties": props, "additionalProperties": false}
		if req, ok := inputRequired[name]; ok {
			required = req
		}
		if len(required) > 0 {
			sc["required"] = required
		}
		s.defs[name] = sc
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// fields adds t's JSON fields, flattening embedded structs as
// encoding/json does. Fields without omitempty or omitzero are always
// present in responses, so they are listed as required.
func (s *schemaSet) fields(t reflect.Type, owner string, props map[string]any, required *[]string) {
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			s.fields(f.Type, owner, props, required)
			continue
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		p := s.inline(f.Type, name)
		if d := fieldDoc(owner, name); d != "" {
			if _, isRef := p["$ref"]; isRef {
				// OpenAPI 3.0 ignores siblings of $ref; allOf keeps the text.
				p = map[string]any{"allOf": []any{p}, "description": d}
			} else {
				p["description"] = d
			}
		}
		props[name] = p
		// omitzero (a time never set: last login, last use, expiry) leaves
		// the field out just as omitempty does.
		if !strings.Contains(opts, "omitempty") && !strings.Contains(opts, "omitzero") && f.Type.Kind() != reflect.Pointer {
			*required = append(*required, name)
		}
	}
}

// inline is the schema of a field's type; name hints a date format.
func (s *schemaSet) inline(t reflect.Type, name string) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == timeType {
		return map[string]any{"type": "string", "format": "date-time"}
	}
	switch t.Kind() {
	case reflect.String:
		sc := map[string]any{"type": "string"}
		if e, ok := enums[t]; ok {
			sc["enum"] = e
		}
		if strings.HasSuffix(name, "_date") {
			sc["format"] = "date"
		}
		return sc
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32:
		return map[string]any{"type": "integer", "format": "int32"}
	case reflect.Int64:
		return map[string]any{"type": "integer", "format": "int64"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": s.ref(t.Elem())}
	case reflect.Struct:
		return s.ref(t)
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": s.inline(t.Elem(), "")}
	}
	return map[string]any{}
}

// list registers the envelope of a list of t.
func (s *schemaSet) list(t reflect.Type) map[string]any {
	item := s.ref(t)
	name := schemaName(t) + "List"
	if _, done := s.defs[name]; !done {
		s.defs[name] = map[string]any{
			"type": "object", "description": "分页列表：" + schemaDocs[schemaName(t)],
			"required": []string{"items", "total", "page", "per_page"},
			"properties": map[string]any{
				"items":    map[string]any{"type": "array", "items": item, "description": "本页记录"},
				"total":    map[string]any{"type": "integer", "description": "符合条件的记录总数（不分页）"},
				"page":     map[string]any{"type": "integer", "description": "当前页码，从 1 开始"},
				"per_page": map[string]any{"type": "integer", "description": "每页条数，最多 500"},
			},
		}
	}
	return map[string]any{"$ref": "#/components/schemas/" + name}
}

// errorSchemas adds the error body, whose details hold field or row
// errors (a Go []any, which reflection cannot describe).
func (s *schemaSet) errorSchemas() {
	fe, re := s.ref(reflect.TypeFor[FieldError]()), s.ref(reflect.TypeFor[rowError]())
	s.defs["Error"] = map[string]any{
		"type": "object", "description": schemaDocs["Error"], "required": []string{"error"},
		"properties": map[string]any{
			"error": map[string]any{"type": "string", "description": "中文错误说明，可直接展示给用户"},
			"details": map[string]any{"type": "array", "description": "明细：字段错误（FieldError）或导入的逐行错误（RowError）",
				"items": map[string]any{"oneOf": []any{fe, re}}},
		},
	}
}
