package api

import (
	"strings"
	"testing"
)

// Dates have sane ranges (docs/api.md): a 学籍 change effective 1900-01-01
// or a birth date in 1900 is refused with the range in the reason.
func TestImplausibleDatesRefused(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin := e.tokens["a1/school_admin"]
		sid := id(e.a.StudentA2.ID)
		for _, d := range []string{"1900-01-01", "2999-01-01"} {
			r := e.do("POST", "/students/"+sid+"/enrollment", admin, map[string]any{"status": "休学", "effective_date": d, "reason": "病休"}).want(422, "change on "+d)
			if !strings.Contains(r.Body.String(), "之间") {
				t.Errorf("no range in the reason: %s", r.Body.String())
			}
		}
		e.do("POST", "/students", admin, map[string]any{"student_no": "X9", "name": "王五", "class_id": e.a.ClassA.ID, "gender": "男", "birth_date": "1900-01-01"}).want(422, "birth in 1900")
		e.do("POST", "/students/"+sid+"/enrollment", admin, map[string]any{"status": "休学", "effective_date": "2026-11-01", "reason": "病休"}).want(201, "a plausible change")
	})
}
