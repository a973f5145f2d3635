package eval

import (
	"reflect"
	"testing"
)

// A framework file comes from another school: any bytes are refused with
// a reason or accepted, never a panic, and what is accepted exports and
// imports to the same framework.
func FuzzImportJSON(f *testing.F) {
	good, err := ExportJSON(DefaultFramework())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add([]byte(`{"format":"zhijiao-framework","format_version":1,"framework":{"code":"x","name":"x","dimensions":[]}}`))
	f.Add([]byte(`{"format":"zhijiao-framework","format_version":1,"framework":{"dimensions":[{"weight":1e400}]}}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		fw, err := ImportJSON(data)
		if err != nil {
			return
		}
		out, err := ExportJSON(fw)
		if err != nil {
			t.Fatalf("an imported framework does not export: %v", err)
		}
		back, err := ImportJSON(out)
		if err != nil {
			t.Fatalf("an exported framework does not import: %v\n%s", err, out)
		}
		if !reflect.DeepEqual(portable(Clone(fw)), back) {
			t.Fatalf("round trip changed the framework")
		}
	})
}
