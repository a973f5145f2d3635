package eval

import (
	"fmt"
	"slices"

	"zhijiao/internal/model"
)

// FairRoleChoices are the roles whose scores a framework may correct for the raters' severity
// (model.Aggregation.FairRoles): peers, and the teachers. Self-ratings are no rater's view of another, and parents
// and mentors rate one or a few students each, too few to tell a rater's severity from the students' ability.
var FairRoleChoices = []model.RaterRole{model.RaterPeer, model.RaterHeadTeacher, model.RaterSubjectTeacher}

// checkFairRoles checks Aggregation.FairRoles: known roles among FairRoleChoices, each once.
func checkFairRoles(roles []model.RaterRole) []string {
	var p []string
	seen := map[model.RaterRole]bool{}
	for _, r := range roles {
		switch {
		case !slices.Contains(FairRoleChoices, r):
			p = append(p, fmt.Sprintf("宽严校正只适用于互评、班主任评和任课教师评，不能用于“%s”", r.Name()))
		case seen[r]:
			p = append(p, fmt.Sprintf("宽严校正中“%s”重复", r.Name()))
		}
		seen[r] = true
	}
	return p
}

// RoleKey names one role component of one student's indicator score.
type RoleKey struct {
	Student int64
	Code    string // indicator code
	Role    model.RaterRole
}

// roleAdjust looks up the points Options.Adjust adds to one student's role scores; the zero value adds nothing.
type roleAdjust struct {
	m       map[RoleKey]float64
	student int64
}

// apply returns the role score after the adjustment (clamped to 0–100) and whether there was one.
func (a roleAdjust) apply(code string, role model.RaterRole, score float64) (float64, bool) {
	if a.m == nil {
		return score, false
	}
	d, ok := a.m[RoleKey{a.student, code, role}]
	if !ok {
		return score, false
	}
	return min(max(score+d, 0), 100), true
}
