package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// num formats a weight or score without trailing zeros: 20, 12.5, 33.333.
func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// roleShare is one 评价主体's weight of an indicator.
type roleShare struct {
	Role   model.RaterRole
	Name   string
	Weight float64
}

// roleShares lists the roles that rate an indicator in display order.
func roleShares(rw map[model.RaterRole]float64) []roleShare {
	var out []roleShare
	for _, role := range model.RaterRoles {
		if w, ok := rw[role]; ok && w > 0 {
			out = append(out, roleShare{Role: role, Name: shortRoleName(role), Weight: w})
		}
	}
	return out
}

// shortRoleName is the role as a column head: 自评, 互评, 班主任 ….
func shortRoleName(r model.RaterRole) string {
	switch r {
	case model.RaterHeadTeacher:
		return "班主任"
	case model.RaterSubjectTeacher:
		return "任课教师"
	case model.RaterMentor:
		return "企业导师"
	case model.RaterParent:
		return "家长"
	}
	return r.Name()
}

// aggName is an aggregation method as the school says it.
func aggName(m string) string {
	switch m {
	case model.AggMean:
		return "平均"
	case model.AggMedian:
		return "中位数"
	case model.AggRobust:
		return "去掉最高最低分后平均"
	}
	return m
}

type aggRow struct{ Role, Method string }

type frameworkShowData struct {
	F        model.Framework
	Versions []storage.FrameworkSummary
	Default  bool
	Latest   bool
	Aggs     []aggRow
}

// frameworkShow renders one version's tree: dimensions, indicators with
// their roles and observation points, grading and aggregation, and the
// version history.
func (s *Server) frameworkShow(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	vs, err := s.st.FrameworkVersions(r.Context(), schoolOf(r), f.Code)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := frameworkShowData{F: f, Versions: vs, Latest: len(vs) > 0 && vs[0].ID == f.ID}
	for _, v := range vs {
		if v.ID == f.ID {
			d.Default = v.IsDefault
		}
	}
	for _, role := range model.RaterRoles {
		m := f.Aggregation.RoleMethods[role]
		if m == "" {
			m = model.AggMean
			if role == model.RaterPeer {
				m = model.AggRobust
			}
		}
		d.Aggs = append(d.Aggs, aggRow{Role: role.Name(), Method: aggName(m)})
	}
	s.render(w, r, http.StatusOK, "framework_show", "评价方案", d)
}

// frameworkSetDefault marks this version as the one new cycles start from.
func (s *Server) frameworkSetDefault(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	if err := s.st.SetDefaultFramework(r.Context(), schoolOf(r), actor(r), f.ID); err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	s.redirect(w, r, "/frameworks/"+itoa64(f.ID), "已设为默认评价方案")
}
