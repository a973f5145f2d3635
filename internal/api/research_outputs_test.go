package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// 科研成果 through the API: a teacher enters a paper with a co-author and
// an external author, the same DOI is a 409 with the existing output, a
// similar title a 409 until confirmed; scopes and the other school answer
// 404; the 科研处 reviews, and a verified output is theirs to change.
func TestResearchAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		head, subject, office := e.tokens["a1/head_teacher"], e.tokens["a1/subject_teacher"], e.tokens["a1/research_office"]
		paper := func(title, doi string) map[string]any {
			return map[string]any{"kind": "论文", "title": title, "grade": "核心期刊", "dated_on": "2026-05-10",
				"fields":       map[string]string{"journal": "职业技术教育", "issn": "1008-3219", "year": "2026", "issue": "14", "doi": doi},
				"contributors": []map[string]any{{"teacher_id": e.a.TeacherHead.ID}, {"name": "王五"}}}
		}
		e.do("POST", "/research/outputs", head, map[string]any{"kind": "论文", "title": "x", "contributors": []any{}}).want(http.StatusUnprocessableEntity, "an empty paper")
		r := e.do("POST", "/research/outputs", head, paper("中职课堂革命的路径研究", "10.3969/j.issn.1008-3219.2026.14.001")).want(http.StatusCreated, "create")
		id := int64(r.json()["id"].(float64))
		path := fmt.Sprintf("/research/outputs/%d", id)
		r = e.do("POST", "/research/outputs", head, paper("课堂革命路径", "10.3969/J.ISSN.1008-3219.2026.14.001")).want(http.StatusConflict, "same DOI")
		if !strings.Contains(r.Body.String(), `"field":"ident"`) || !strings.Contains(r.Body.String(), path+"「") {
			t.Errorf("same DOI answer: %s", r.Body.String())
		}
		similar := paper("中职“课堂革命”的路径研究", "")
		if r := e.do("POST", "/research/outputs", head, similar).want(http.StatusConflict, "similar title"); !strings.Contains(r.Body.String(), `"field":"title"`) {
			t.Errorf("similar title answer: %s", r.Body.String())
		}
		similar["not_duplicate"] = true
		e.do("POST", "/research/outputs", head, similar).want(http.StatusCreated, "similar title confirmed")
		if got := e.do("GET", "/research/outputs", subject, nil).want(http.StatusOK, "subject teacher's list").ids(); len(got) != 0 {
			t.Errorf("the subject teacher sees others' outputs: %v", got)
		}
		e.do("GET", path, subject, nil).want(http.StatusNotFound, "not a contributor")
		e.do("GET", path, e.tokens["b1/school_admin"], nil).want(http.StatusNotFound, "the other school")
		if got := e.do("GET", "/research/outputs?kind=paper", office, nil).want(http.StatusOK, "office list").ids(); len(got) != 2 {
			t.Errorf("the office sees %v", got)
		}
		e.do("POST", path+"/review", head, map[string]any{"decision": "verify"}).want(http.StatusForbidden, "a teacher reviews")
		e.do("POST", path+"/review", office, map[string]any{"decision": "reject"}).want(http.StatusUnprocessableEntity, "reject without a reason")
		r = e.do("POST", path+"/review", office, map[string]any{"decision": "verify"}).want(http.StatusOK, "verify")
		if r.json()["status"] != "verified" {
			t.Errorf("after verify: %s", r.Body.String())
		}
		e.do("PUT", path, head, paper("改题目", "10.3969/j.issn.1008-3219.2026.14.001")).want(http.StatusForbidden, "a teacher edits a verified output")
		r = e.do("PUT", path, office, paper("中职课堂革命的实施路径研究", "10.3969/j.issn.1008-3219.2026.14.001")).want(http.StatusOK, "the office edits")
		if r.json()["status"] != "verified" || r.json()["title"] != "中职课堂革命的实施路径研究" {
			t.Errorf("after the office's edit: %s", r.Body.String())
		}
		e.do("DELETE", path, office, nil).want(http.StatusUnprocessableEntity, "delete without a reason")
		e.do("DELETE", path+"?reason=重复录入", office, nil).want(http.StatusNoContent, "delete")
		e.do("DELETE", path+"?reason=again", office, nil).want(http.StatusNotFound, "delete twice")
	})
}
