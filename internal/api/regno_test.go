package api

import (
	"context"
	"strings"
	"testing"

	"zhijiao/internal/model"
)

// A 学籍号 that embeds the ID number ('G' + the number, as the national
// system issues them) is masked like the ID number for roles without
// student:read_id: in lists, one record and exports.
func TestRegistrationNoMaskedLikeIDNumber(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		ctx := context.Background()
		s := e.a.StudentA1
		s.RegistrationNo = "G" + s.IDNumber
		if err := e.st.UpdateStudent(ctx, e.a.School.ID, model.SystemActor, s); err != nil {
			t.Fatal(err)
		}
		head := e.tokens["a1/"+model.RoleDeptHead]
		for _, p := range []string{"/students", "/students/" + id(s.ID), "/export/students?format=csv"} {
			body := e.do("GET", p, head, nil).want(200, p).Body.String()
			if strings.Contains(body, s.IDNumber) || strings.Contains(body, s.IDNumber[6:14]) {
				t.Errorf("%s shows the ID number inside the 学籍号", p)
			}
		}
		body := e.do("GET", "/students/"+id(s.ID), e.tokens["a1/school_admin"], nil).want(200, "admin").Body.String()
		if !strings.Contains(body, "G"+s.IDNumber) {
			t.Error("a role with student:read_id sees the whole 学籍号")
		}
	})
}
