package api

import (
	"net/http"
	"reflect"

	"zhijiao/internal/validate"
)

// controlIn reports a string anywhere in a decoded request body (struct
// fields, pointers, slices, maps) that holds a control character or broken
// UTF-8: JSON spells NUL "\u0000", which SQLite stored and PostgreSQL
// refused with a 500. The rule is the pages' and the importer's
// (validate.Control).
func controlIn(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		return validate.Control(v.String()) != ""
	case reflect.Pointer, reflect.Interface:
		return !v.IsNil() && controlIn(v.Elem())
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() && controlIn(v.Field(i)) {
				return true
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if controlIn(v.Index(i)) {
				return true
			}
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			if controlIn(it.Key()) || controlIn(it.Value()) {
				return true
			}
		}
	}
	return false
}

// controlInQuery names the first query parameter with a control character.
func controlInQuery(r *http.Request) string {
	for k, xs := range r.URL.Query() {
		if validate.Control(k) != "" {
			return "query"
		}
		for _, x := range xs {
			if validate.Control(x) != "" {
				return k
			}
		}
	}
	return ""
}
