package ui

import (
	"net/http"
	"slices"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type userListData struct {
	Users      []model.User
	Pager      pager
	Filter     storage.UserFilter
	Roles      []string
	RoleLabels map[string]string
}

// roleLabels names every role in the request's language. Chinese uses the
// role names themselves; English looks up "角色·<name>", because a bare
// 学生 or 家长 already translates as a page name ("Students").
func roleLabels(r *http.Request) map[string]string {
	name := roleNamer(langOf(r))
	out := make(map[string]string, len(auth.RoleNames))
	for role := range auth.RoleNames {
		out[role] = name(role)
	}
	return out
}

// roleNamer returns the template function "roleName" for a language.
func roleNamer(lang string) func(string) string {
	return func(role string) string {
		name := auth.RoleNames[role]
		if lang == "en" {
			if en, ok := english[roleKey(name)]; ok {
				return en
			}
		}
		return name
	}
}

func roleKey(name string) string { return "角色·" + name }

// userList lists the school's accounts with a role filter and search by
// account or name.
func (s *Server) userList(w http.ResponseWriter, r *http.Request) {
	f := storage.UserFilter{ListQuery: listQuery(r), Role: r.URL.Query().Get("role")}
	if !slices.Contains(auth.SchoolRoles, f.Role) {
		f.Role = ""
	}
	list, total, err := s.st.Users(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "user_list", "账号权限", userListData{Users: list, Pager: newPager(r, f.ListQuery, total), Filter: f, Roles: auth.SchoolRoles, RoleLabels: roleLabels(r)})
}

// secretData is the page that shows an initial password or a new API
// token once; it is never stored in a form we can show again.
type secretData struct {
	Heading     string
	Username    string
	DisplayName string
	Secret      string
	Note        string
	Back        string
	BackLabel   string
}

// showSecret renders the one-time page, uncached.
func (s *Server) showSecret(w http.ResponseWriter, r *http.Request, d secretData) {
	noStore(w)
	s.render(w, r, http.StatusOK, "user_secret", d.Heading, d)
}

// roleCheck is one checkbox of the roles fieldset.
type roleCheck struct {
	Role, Label string
	Checked     bool
}

func roleChecks(r *http.Request, have []string) []roleCheck {
	labels := roleLabels(r)
	out := make([]roleCheck, len(auth.SchoolRoles))
	for i, ro := range auth.SchoolRoles {
		out[i] = roleCheck{Role: ro, Label: labels[ro], Checked: slices.Contains(have, ro)}
	}
	return out
}
