package api

import (
	"strings"
	"testing"
)

// The API refuses what the forms and the importer refuse, with the same
// rules (package validate): formula and markup names, control characters
// anywhere in the body or the query.
func TestAPIRefusesWhatFormsRefuse(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin := e.tokens["a1/school_admin"]
		for _, name := range []string{"<script>", "=1+2", "张\u0000三", "李四1"} {
			e.do("POST", "/students", admin, map[string]any{"student_no": "X9", "name": name, "class_id": e.a.ClassA.ID}).want(422, "name "+name)
			e.do("POST", "/teachers", admin, map[string]any{"staff_no": "T9", "name": name}).want(422, "teacher name "+name)
		}
		r := e.do("POST", "/classes", admin, `{"name": "一班\u0000", "major_id": 1, "entry_year": 2026}`).want(422, "NUL in a class name")
		if !strings.Contains(r.Body.String(), "控制字符") {
			t.Errorf("NUL: %s", r.Body.String())
		}
		r = e.do("GET", "/students?q=%00", admin, nil).want(400, "NUL in the query")
		if !strings.Contains(r.Body.String(), "控制字符") {
			t.Errorf("NUL query: %s", r.Body.String())
		}
	})
}
