package api

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"zhijiao/internal/research"
	"zhijiao/internal/testfix"
)

// The 科研考核 through the API: rules and versions, the walk with its
// refusals, claims of one's own outputs only, a teacher's own points
// before 公示 and everyone's totals after, appeals, and 404 for another
// school's assessment.
func TestResearchAssessAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		office, head, subj := e.tokens["a1/research_office"], e.tokens["a1/head_teacher"], e.tokens["a1/subject_teacher"]
		r := e.do("GET", "/research/rules", office, nil).want(http.StatusOK, "rules")
		if v := r.json(); v["version"].(float64) != 1 {
			t.Fatalf("first rules: %v", v["version"])
		}
		bad := map[string]any{"rules": map[string]any{"points": []any{map[string]any{"kind": "poem", "points": 5}}, "decay": []float64{1}}}
		r = e.do("PUT", "/research/rules", office, bad).want(http.StatusUnprocessableEntity, "bad rules")
		if !strings.Contains(r.Body.String(), "类别“poem”不存在") {
			t.Errorf("bad rules: %s", r.Body.String())
		}
		e.do("PUT", "/research/rules", subj, map[string]any{"rules": research.DefaultRules()}).want(http.StatusForbidden, "a teacher edits the rules")
		e.do("PUT", "/research/rules", office, map[string]any{"rules": research.DefaultRules(), "note": "再存一版"}).want(http.StatusOK, "save rules")
		r = e.do("POST", "/research/assessments", office, map[string]any{"term_id": e.a.Term.ID}).want(http.StatusCreated, "create")
		id := int64(r.json()["id"].(float64))
		if v := r.json()["rule_version"].(float64); v != 2 {
			t.Errorf("pinned version %v", v)
		}
		e.do("POST", "/research/assessments", office, map[string]any{"term_id": e.a.Term.ID}).want(http.StatusUnprocessableEntity, "a second one")
		base := fmt.Sprintf("/research/assessments/%d", id)
		ht, st := e.a.TeacherHead, e.a.TeacherSubject
		paper := testfix.AddResearchOutput(t, e.st, e.a.School.ID, testfix.ResearchOutput{Kind: research.KindPaper, Title: "论文", Grade: "核心期刊", DatedOn: "2026-10-08",
			Authors: []testfix.ResearchAuthor{{TeacherID: ht.ID, Name: ht.Name, Role: research.RoleFirstAuthor}, {TeacherID: st.ID, Name: st.Name, Role: research.RoleAuthor}}})
		project := testfix.AddResearchOutput(t, e.st, e.a.School.ID, testfix.ResearchOutput{Kind: research.KindProject, Title: "课题", Level: "国家级",
			Stages: [][2]string{{research.StageApproved, "2026-09-20"}}, Authors: []testfix.ResearchAuthor{{TeacherID: ht.ID, Name: ht.Name, Role: research.RoleLead}}})
		e.do("POST", base+"/claims", head, map[string]any{"output_ids": []int64{paper, project}}).want(http.StatusOK, "head claims")
		e.do("POST", base+"/claims", subj, map[string]any{"output_ids": []int64{project}}).want(http.StatusUnprocessableEntity, "someone else's output")
		e.do("POST", base+"/claims", subj, map[string]any{"teacher_id": ht.ID, "output_ids": []int64{}}).want(http.StatusForbidden, "claims for a colleague")
		e.do("POST", base+"/claims", subj, map[string]any{"output_ids": []int64{paper}}).want(http.StatusOK, "subject claims")
		move := func(to string, want int) resp {
			return e.do("POST", base+"/transition", office, map[string]any{"to": to}).want(want, "to "+to)
		}
		if r = move("computed", http.StatusUnprocessableEntity); !strings.Contains(r.Body.String(), "认领尚未截止") {
			t.Errorf("compute while claiming: %s", r.Body.String())
		}
		move("reviewing", http.StatusOK)
		if r = move("computed", http.StatusOK); r.json()["progress"].(map[string]any)["points"].(float64) != 2 {
			t.Errorf("after compute: %s", r.Body.String())
		}
		e.do("GET", base+"/publicity", subj, nil).want(http.StatusNotFound, "publicity before 公示")
		e.do("GET", base+"/points", subj, nil).want(http.StatusForbidden, "a teacher reads everyone's points")
		r = e.do("GET", "/research/my-points", subj, nil).want(http.StatusOK, "own points")
		if s := r.Body.String(); !strings.Contains(s, `"total":9`) || strings.Contains(s, `"total":45`) {
			t.Errorf("own points: %s", s)
		}
		other := e.tokens["b1/research_office"]
		e.do("GET", base, other, nil).want(http.StatusNotFound, "another school's assessment")
		e.do("POST", base+"/transition", other, map[string]any{"to": "publicised"}).want(http.StatusNotFound, "another school moves it")
		e.do("GET", base+"/points", other, nil).want(http.StatusNotFound, "another school's points")
		move("publicised", http.StatusOK)
		move("computed", http.StatusUnprocessableEntity)
		if r = e.do("GET", base+"/publicity", subj, nil).want(http.StatusOK, "publicity"); strings.Contains(r.Body.String(), "lines") || !strings.Contains(r.Body.String(), `"points":45`) {
			t.Errorf("publicity: %s", r.Body.String())
		}
		ap := int64(e.do("POST", base+"/appeals", subj, map[string]any{"reason": "位次有误"}).want(http.StatusCreated, "appeal").json()["id"].(float64))
		e.do("POST", fmt.Sprintf("%s/appeals/%d", base, ap), office, map[string]any{"uphold": false}).want(http.StatusUnprocessableEntity, "dismiss without reason")
		e.do("POST", fmt.Sprintf("%s/appeals/%d", base, ap), other, map[string]any{"uphold": true}).want(http.StatusNotFound, "another school decides")
		e.do("POST", fmt.Sprintf("%s/appeals/%d", base, ap), office, map[string]any{"uphold": false, "decision": "位次以发表版本为准"}).want(http.StatusNoContent, "dismiss")
		if r = move("final", http.StatusUnprocessableEntity); !strings.Contains(r.Body.String(), "公示期到") {
			t.Errorf("final during 公示: %s", r.Body.String())
		}
	})
}
