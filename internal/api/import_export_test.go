package api

import (
	"bytes"
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

func (e *env) studentCount(f int64) int {
	e.t.Helper()
	_, n, err := e.st.Students(context.Background(), f, storage.StudentFilter{})
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

func TestImport(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin := e.tokens["a1/school_admin"]
		sid := e.a.School.ID
		before := e.studentCount(sid)

		// One bad row rejects the whole file: nothing is written.
		bad := "学号,姓名,性别,班级\r\nIMP-1,导入生,男," + e.a.ClassA.Name + "\r\nIMP-2,错班生,女,没有这个班\r\n"
		r := e.upload("/import/students", admin, []byte(bad)).want(422, "bad row")
		m := r.json()
		if !strings.Contains(m["error"].(string), "没有导入任何数据") {
			t.Errorf("message: %v", m["error"])
		}
		d := m["details"].([]any)
		if len(d) != 1 {
			t.Fatalf("details: %s", r.Body.String())
		}
		row := d[0].(map[string]any)
		if row["row"].(float64) != 3 || row["column"] != "班级" || row["value"] != "没有这个班" || row["reason"] == "" {
			t.Errorf("row error: %v", row)
		}
		if after := e.studentCount(sid); after != before {
			t.Errorf("a rejected import wrote %d students", after-before)
		}

		// The same file without the bad row goes in.
		good := "学号,姓名,性别,班级\r\nIMP-1,导入生,男," + e.a.ClassA.Name + "\r\n"
		res := e.upload("/import/students", admin, []byte(good)).want(200, "good file").json()
		if res["created"].(float64) != 1 || res["kind"] != "students" {
			t.Errorf("import result: %v", res)
		}
		if e.studentCount(sid) != before+1 || e.studentCount(e.b.School.ID) != 3 {
			t.Errorf("import landed in the wrong place")
		}

		e.upload("/import/students", admin, []byte("not,a\nroster,file\n")).want(422, "missing columns")
		e.upload("/import/students", admin, bytes.Repeat([]byte("x"), 20<<20+1)).want(413, "too large")
		e.do("POST", "/import/students", admin, map[string]any{"file": "x"}).want(415, "JSON instead of a file")
		e.upload("/import/teachers", e.tokens["a1/"+model.RoleHeadTeacher], []byte(good)).want(403, "head teacher imports")
	})
}

func TestExport(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		f := e.a
		get := func(path, key string) *httptest.ResponseRecorder {
			return e.do("GET", path, e.tokens["a1/"+key], nil).want(200, key+" "+path).ResponseRecorder
		}
		// A head teacher's export holds only their class, ID numbers whole.
		w := get("/export/students?format=csv", model.RoleHeadTeacher)
		body := w.Body.String()
		if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") || !strings.Contains(w.Header().Get("Content-Disposition"), "filename*=UTF-8''") {
			t.Errorf("headers: %v", w.Header())
		}
		for _, s := range []model.Student{f.StudentA1, f.StudentA2} {
			if !strings.Contains(body, s.StudentNo) || !strings.Contains(body, s.IDNumber) {
				t.Errorf("head teacher export lacks %s: %s", s.StudentNo, body)
			}
		}
		if strings.Contains(body, f.StudentB1.StudentNo) || strings.Contains(body, e.b.StudentA1.StudentNo) {
			t.Errorf("head teacher export holds another class: %s", body)
		}
		// A department head may export but not read ID numbers whole.
		body = get("/export/students?format=csv", model.RoleDeptHead).Body.String()
		if !strings.Contains(body, f.StudentB1.StudentNo) || strings.Contains(body, f.StudentB1.IDNumber) {
			t.Errorf("dept head export: %s", body)
		}
		// Filters apply as on the list.
		body = get("/export/students?format=csv&class="+id(f.ClassB.ID), model.RoleSchoolAdmin).Body.String()
		if !strings.Contains(body, f.StudentB1.StudentNo) || strings.Contains(body, f.StudentA1.StudentNo) {
			t.Errorf("filtered export: %s", body)
		}
		if x := get("/export/classes", model.RoleHeadTeacher).Body.Bytes(); !bytes.HasPrefix(x, []byte("PK")) {
			t.Errorf("default format is not xlsx")
		}
		body = get("/export/classes?format=csv", model.RoleHeadTeacher).Body.String()
		if !strings.Contains(body, f.ClassA.Name) || strings.Contains(body, f.ClassB.Name) || !strings.Contains(body, f.TeacherHead.StaffNo) {
			t.Errorf("class export: %s", body)
		}
		if body = get("/export/teachers?format=csv", model.RoleResearch).Body.String(); !strings.Contains(body, f.TeacherOther.StaffNo) {
			t.Errorf("teacher export: %s", body)
		}
		e.do("GET", "/export/students?format=pdf", e.tokens["a1/school_admin"], nil).want(400, "unknown format")
		a := e.do("GET", "/audit?action=export", e.tokens["a1/school_admin"], nil).json()
		if a["total"].(float64) < 5 {
			t.Errorf("exports not audited: %v", a["total"])
		}
	})
}
