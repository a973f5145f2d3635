package api

import (
	"fmt"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/testfix"
)

// TestFairnessThroughAPI: the reliability and the flags of a class, with
// the page's permission and scope, every answer checked against the
// OpenAPI document.
func TestFairnessThroughAPI(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		fc := testfix.BuildFairnessClass(t, e.st, e.a)
		path := "/cycles/" + id(fc.Cycle.ID) + "/fairness?class="
		admin := e.tokens["a1/"+model.RoleSchoolAdmin]
		body := e.do("GET", path+id(e.a.ClassA.ID), admin, nil).want(200, "admin").json()
		inds, _ := body["indicators"].([]any)
		if len(inds) == 0 {
			t.Fatalf("no indicators: %v", body)
		}
		first := inds[0].(map[string]any)
		if first["state"] != "estimated" || first["level"] != "ordinal" || first["alpha"] == nil || first["alpha_low"] == nil ||
			first["mean_reliability"] == nil || first["peers_per_student"] != 4.0 || first["agreement"] == nil {
			t.Errorf("first indicator: %v", first)
		}
		kinds := map[string]string{}
		for _, f := range body["flags"].([]any) {
			m := f.(map[string]any)
			if m["role"] == "peer" {
				kinds[m["name"].(string)] = m["kind"].(string)
			}
			if m["reason"] == "" || m["reason_en"] == "" {
				t.Errorf("flag without a reason: %v", m)
			}
		}
		if m := body["flags"].([]any); !strings.Contains(fmt.Sprint(m), e.a.TeacherHead.Name) {
			t.Errorf("the head teacher is not named in the flags: %v", m)
		}
		if kinds[fc.Lenient.Name] != "偏宽" || kinds[fc.Severe.Name] != "偏严" || kinds[fc.Straight.Name] != "全部同分" || len(kinds) != 3 {
			t.Errorf("peer flags %v, want the three planted raters", kinds)
		}
		ht := e.tokens["a1/"+model.RoleHeadTeacher]
		e.do("GET", path+id(e.a.ClassA.ID), ht, nil).want(200, "head teacher of the class")
		e.do("GET", path+id(e.a.ClassB.ID), ht, nil).want(404, "head teacher of another class")
		e.do("GET", path+id(e.b.ClassA.ID), admin, nil).want(404, "another school's class")
		e.do("GET", "/cycles/"+id(fc.Cycle.ID)+"/fairness", admin, nil).want(400, "no class")
		e.do("GET", path+"x", admin, nil).want(400, "a class that is no number")
		e.do("GET", path+id(e.a.ClassA.ID), e.tokens["a1/"+model.RoleStudent], nil).want(403, "a student")
		e.do("GET", path+id(e.b.ClassA.ID), e.tokens["b1/"+model.RoleSchoolAdmin], nil).want(404, "another school's admin")
	})
}
