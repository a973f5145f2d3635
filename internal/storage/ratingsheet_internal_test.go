package storage

import (
	"reflect"
	"testing"
)

// The sheet codec round-trips any text a rater can type, and reads the
// spacing and escapes other JSON writers (PostgreSQL's json_agg, SQLite's
// json_group_array) produce.
func TestSheetCodec(t *testing.T) {
	items := []sheetItem{
		{code: "D01", value: 86},
		{code: "D02", value: 4.5},
		{code: "X01", value: 0, level: "良好"},
		{code: "X02", value: 70, comment: "进步\"很大\"\\ 第二行\n\t制表\x01 😀"},
		{code: "X03", value: 0.1, level: "合格", comment: "好"},
		{code: "X04", value: 1e-7},
	}
	b := appendSheet(nil, items)
	got, err := decodeSheet(b)
	if err != nil || !reflect.DeepEqual(got, items) {
		t.Fatalf("round trip of %s:\n got %+v %v\nwant %+v", b, got, err, items)
	}
	if s := string(appendSheet(nil, items[:3])); s != `[["D01",86],["D02",4.5],["X01",0,"良好"]]` {
		t.Fatalf("encoding %s", s)
	}
	if s := string(appendSheet(nil, []sheetItem{{code: "A", comment: "bad \xff byte"}})); s != `[["A",0,"","bad \ufffd byte"]]` {
		t.Fatalf("invalid UTF-8 not replaced: %s", s)
	}
	// The shapes the migration's JSON functions write.
	other := "[[\"D01\", 80, \"\", \"\"], \n [\"D02\", 85.0, \"\", \"caf\\u00e9 \\/ \\ud83d\\ude00\"],[\"X01\",0.0,\"良好\",\"\"]]"
	got, err = decodeSheet([]byte(other))
	want := []sheetItem{{code: "D01", value: 80}, {code: "D02", value: 85, comment: "café / 😀"}, {code: "X01", level: "良好"}}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("decode %s:\n got %+v %v\nwant %+v", other, got, err, want)
	}
	if got, err := decodeSheet([]byte(" [ ] ")); err != nil || len(got) != 0 {
		t.Fatalf("empty sheet: %v %v", got, err)
	}
	for _, bad := range []string{``, `{}`, `[["D01"]]`, `[["D01",]]`, `[["D01",8`, `[["D01",8]`, `[["D01",x]]`, `[["D01",1]["D02",2]]`, `[[1,2]]`, `[["D01",1,"a","b","c"]]`, `[["D01,1]]`} {
		if _, err := decodeSheet([]byte(bad)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
