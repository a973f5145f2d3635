package auth

import (
	"bufio"
	"context"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"sync"

	"zhijiao/internal/model"
)

//go:embed permissions.txt
var permissionsFile string

// Rules parses the embedded permissions file into role → permissions.
func Rules() map[string][]string {
	out := map[string][]string{}
	sc := bufio.NewScanner(strings.NewReader(permissionsFile))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Fields(line)
		out[f[0]] = append(out[f[0]], f[1:]...)
	}
	return out
}

// RoleNames are the roles' Chinese names for the interface.
var RoleNames = map[string]string{
	model.RolePlatformAdmin:  "平台管理员",
	model.RoleDistrictAdmin:  "教育局管理员",
	model.RoleSchoolAdmin:    "学校管理员",
	model.RoleAcademic:       "教务处",
	model.RoleStudentAffairs: "学生处",
	model.RoleResearch:       "科研处",
	model.RoleMoralOffice:    "德育处",
	model.RolePersonnel:      "人事处",
	model.RoleDutyTeacher:    "值周教师",
	model.RoleStudentCouncil: "学生会干部",
	model.RoleDeptHead:       "专业部主任",
	model.RoleHeadTeacher:    "班主任",
	model.RoleSubjectTeacher: "任课教师",
	model.RoleMentor:         "企业导师",
	model.RoleStudent:        "学生",
	model.RoleParent:         "家长",
}

// SchoolRoles are the roles a school admin may grant, in display order.
var SchoolRoles = []string{model.RoleSchoolAdmin, model.RoleAcademic, model.RoleStudentAffairs, model.RoleResearch, model.RoleMoralOffice, model.RolePersonnel, model.RoleDeptHead,
	model.RoleHeadTeacher, model.RoleDutyTeacher, model.RoleStudentCouncil, model.RoleSubjectTeacher, model.RoleMentor, model.RoleStudent, model.RoleParent}

// PermissionStore is where the rules live: the role_permissions table.
type PermissionStore interface {
	SyncPermissions(ctx context.Context, rules map[string][]string) error
	RolePermissions(ctx context.Context) (map[string][]string, error)
}

// Authorizer answers "may this user do this?" — the one place it is asked.
type Authorizer struct {
	mu    sync.RWMutex
	perms map[string]map[string]bool
}

// LoadAuthorizer writes the shipped rules to the table and reads the table
// back, so what is checked is exactly what the database says.
func LoadAuthorizer(ctx context.Context, st PermissionStore) (*Authorizer, error) {
	if err := st.SyncPermissions(ctx, Rules()); err != nil {
		return nil, fmt.Errorf("写入权限表: %w", err)
	}
	rows, err := st.RolePermissions(ctx)
	if err != nil {
		return nil, err
	}
	a := &Authorizer{perms: map[string]map[string]bool{}}
	for role, ps := range rows {
		a.perms[role] = map[string]bool{}
		for _, p := range ps {
			a.perms[role][p] = true
		}
	}
	return a, nil
}

// ManagesDistrict reports whether u may act on district's district-wide
// jobs (district 0: every school): the platform admin any, a district
// admin only their own. The pages and the API ask the same question here.
func (a *Authorizer) ManagesDistrict(u *model.User, district int64) bool {
	if a.Can(u, "platform:manage") {
		return true
	}
	return u != nil && u.DistrictID != 0 && u.DistrictID == district
}

// Can reports whether any of u's roles grants perm ("resource:action").
func (a *Authorizer) Can(u *model.User, perm string) bool {
	if u == nil || u.Disabled {
		return false
	}
	a.mu.RLock()
	defer a.mu.RUnlock()
	for _, r := range u.Roles {
		if p := a.perms[r]; p["*"] || p[perm] {
			return true
		}
	}
	return false
}

// Permissions lists everything u may do, sorted (for the API's /me).
func (a *Authorizer) Permissions(u *model.User) []string {
	a.mu.RLock()
	defer a.mu.RUnlock()
	set := map[string]bool{}
	for _, r := range u.Roles {
		for p := range a.perms[r] {
			set[p] = true
		}
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}
