package ui_test

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestIncompleteShownAsAwaiting: in the computed cycle of computedCycle,
// nobody rated 李四 of class B, so the engine makes them 待补评. Every
// page that would show a total shows 待补评 and what is missing instead:
// the class table (never a 0 total, no rank, no level), the student's own
// result and the 公示 list.
func TestIncompleteShownAsAwaiting(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		s := newSite(t, st)
		cycleID, _, move := computedCycle(t, s)
		res, err := st.StudentResult(ctx, s.a.School.ID, mustInt(cycleID), s.a.StudentB1.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Incomplete || len(res.Missing) == 0 || res.Total != 0 {
			t.Fatalf("B1 should be 待补评: incomplete %v, %d missing, total %v", res.Incomplete, len(res.Missing), res.Total)
		}

		admin := s.login(t, "admin@a1")
		code, list := admin.get("/results?cycle=" + cycleID + "&class=" + itoa(s.a.ClassB.ID))
		if code != http.StatusOK {
			t.Fatalf("class table: %d", code)
		}
		row := tableRow(t, list, s.a.StudentB1.Name)
		if !strings.Contains(row, "待补评") || !strings.Contains(row, res.Missing[0]) {
			t.Fatalf("B1's row does not say 待补评 and what is missing:\n%s", row)
		}
		// No number in the total, rank or level cells: the first cell (rank)
		// is a dash and no cell holds a bare 0 or 0.0.
		if regexp.MustCompile(`<td>0(\.0+)?</td>`).MatchString(row) || !strings.HasPrefix(row, "<tr><td>—</td>") {
			t.Fatalf("B1's row shows a number:\n%s", row)
		}
		if !strings.Contains(list, "待补评</span>") || !strings.Contains(list, "人。他们缺少方案要求的评价") {
			t.Fatal("the class table does not count the 待补评 students")
		}

		b1 := "/results/" + cycleID + "/students/" + itoa(s.a.StudentB1.ID)
		if code, body := admin.get(b1); code != http.StatusOK || !strings.Contains(body, "待补评") || !strings.Contains(body, res.Missing[0]) ||
			strings.Contains(body, "<strong>0</strong>") {
			t.Fatalf("B1's result page: %d", code)
		}

		move("publicised")
		code, pub := admin.get("/results/" + cycleID + "/classes/" + itoa(s.a.ClassB.ID) + "/publicity")
		if code != http.StatusOK {
			t.Fatalf("publicity: %d", code)
		}
		if row := tableRow(t, pub, s.a.StudentB1.Name); !strings.Contains(row, "待补评") || !strings.Contains(row, res.Missing[0]) {
			t.Fatalf("publicity row:\n%s", row)
		}
	})
}

// tableRow is the <tr> of the page that names name.
func tableRow(t *testing.T, page, name string) string {
	t.Helper()
	i := strings.Index(page, name)
	if i < 0 {
		t.Fatalf("%s not on the page", name)
	}
	start := strings.LastIndex(page[:i], "<tr>")
	end := strings.Index(page[i:], "</tr>")
	if start < 0 || end < 0 {
		t.Fatalf("%s is not in a table row", name)
	}
	return page[start : i+end+len("</tr>")]
}
