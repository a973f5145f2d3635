package ui

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/eval"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
)

type views struct {
	pages map[string]*template.Template
}

// funcs available in every template. "t" is replaced per request with the
// request's language.
func baseFuncs() template.FuncMap {
	return template.FuncMap{
		"t":         func(s string) string { return s },
		"maskID":    idcheck.MaskID,
		"maskRegNo": idcheck.MaskEmbeddedID,
		"maskPhone": idcheck.MaskPhone,
		"roleName":  func(r string) string { return auth.RoleNames[r] },
		"cnDate":    cnDate,
		"tv":        func(s string) string { return s },
		"tchart":    func(c portrait.Chart) portrait.Chart { return c },
		"isEN":      func() bool { return false },
		"cnTime":    cnTime,
		"add":       func(a, b int) int { return a + b },
		"seq": func(n int) []int {
			s := make([]int, n)
			for i := range s {
				s[i] = i + 1
			}
			return s
		},
		"join":       strings.Join,
		"query":      withQuery,
		"eq64":       func(a, b int64) bool { return a == b },
		"num":        num,
		"score":      eval.Num, // a score as the engine rounds it: two decimals at most, the number levels were decided on
		"roleShares": roleShares,
		"choices":    indicatorChoices,
		"monthDay":   monthDay,
		"modeName":   modeName,
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
	}
}

// displayZone is the time zone pages show times in: the schools' zone
// (storage.SchoolZone, ZHIJIAO_TZ or China Standard Time).
var displayZone = storage.SchoolZone

// cnDate renders "2026-03-01" or a time as "2026年3月1日".
func cnDate(v any) string {
	var t time.Time
	switch x := v.(type) {
	case time.Time:
		if x.IsZero() {
			return ""
		}
		t = x.In(displayZone)
	case string:
		p, err := time.Parse("2006-01-02", x)
		if err != nil {
			return x
		}
		t = p
	default:
		return fmt.Sprint(v)
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

func cnTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(displayZone)
	return fmt.Sprintf("%d年%d月%d日 %02d:%02d", t.Year(), int(t.Month()), t.Day(), t.Hour(), t.Minute())
}

// withQuery returns the current URL with one parameter replaced, for
// paging and filter links that keep the other filters.
func withQuery(u *url.URL, key string, val any) string {
	q := u.Query()
	q.Set(key, fmt.Sprint(val))
	return u.Path + "?" + q.Encode()
}

func loadViews() (*views, error) {
	v := &views{pages: map[string]*template.Template{}}
	layout, err := fs.ReadFile(assets, "templates/layout.html")
	if err != nil {
		return nil, err
	}
	partials, _ := fs.Glob(assets, "templates/_*.html")
	files, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		name := strings.TrimSuffix(strings.TrimPrefix(f, "templates/"), ".html")
		if name == "layout" || strings.HasPrefix(name, "_") {
			continue
		}
		t := template.New("layout").Funcs(baseFuncs())
		if _, err := t.Parse(string(layout)); err != nil {
			return nil, fmt.Errorf("layout: %w", err)
		}
		for _, p := range partials {
			b, _ := fs.ReadFile(assets, p)
			if _, err := t.Parse(string(b)); err != nil {
				return nil, fmt.Errorf("%s: %w", p, err)
			}
		}
		b, _ := fs.ReadFile(assets, f)
		if _, err := t.Parse(string(b)); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		v.pages[name] = t
	}
	return v, nil
}

// page is what every template receives.
type page struct {
	Title   string
	User    *model.User
	School  model.School
	Lang    string
	URL     *url.URL
	Nav     []navItem
	Flash   string
	Error   string
	Data    any
	Can     func(string) bool
	Request *http.Request
}

type navItem struct {
	Href, Label string
	Active      bool
}

// render executes a page template inside the layout, buffered so a
// template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.views.pages[name]
	if !ok {
		s.serverError(w, r, fmt.Errorf("no template %q", name))
		return
	}
	lang := langOf(r)
	u := userOf(r)
	p := page{Title: title, User: u, Lang: lang, URL: r.URL, Data: data, Request: r,
		Can: func(perm string) bool { return s.authz.Can(u, perm) }}
	if u != nil {
		p.Nav = s.nav(r, u)
		if u.SchoolID != model.PlatformSchoolID {
			p.School, _ = s.st.School(r.Context(), u.SchoolID)
		}
		p.Flash = s.sm.PopString(r.Context(), "flash")
		if p.Flash == "" && r.URL.Query().Get("saved") == "1" {
			// Set by redirects on hot paths (the rating form) instead of a
			// session flash, which would cost a database write per form.
			p.Flash = "已保存"
		}
		p.Error = s.sm.PopString(r.Context(), "flash_error")
	}
	tt, err := t.Clone()
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	tt.Funcs(template.FuncMap{"t": translator(lang), "roleName": roleNamer(lang), "cnDate": dateIn(lang), "cnTime": timeIn(lang), "monthDay": monthDayIn(lang),
		"tv":     func(s string) string { return translateValue(lang, s) },
		"tchart": func(c portrait.Chart) portrait.Chart { return translateChart(lang, c) },
		"isEN":   func() bool { return lang == "en" }})
	var buf bytes.Buffer
	if err := tt.ExecuteTemplate(&buf, "layout", p); err != nil {
		s.serverError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	w.Write(fingerprint(buf.Bytes()))
}

// nav lists the sections the user may open.
func (s *Server) nav(r *http.Request, u *model.User) []navItem {
	items := []struct{ href, label, perm string }{
		{"/", "首页", ""},
		{"/rate", "我的评价", "rating:submit"},
		{"/notifications", "消息通知", ""},
		{"/students", "学生", "student:read"},
		{"/classes", "班级", "class:read"},
		{"/teachers", "教师", "teacher:read"},
		{"/org", "组织机构", "org:read"},
		{"/enterprises", "校企合作", "enterprise:read"},
		{"/cycles", "评价周期", "cycle:read"},
		{"/evidence", "写实记录", "evidence:read"},
		{"/conduct/record", "德育记录", "conduct:record"},
		{"/checks", "班级量化", "check:read"},
		{"/family", "德育表现", "conduct:read"},
		{"/conduct/talks", "谈心名单", "conduct:talk"},
		{"/research/outputs", "科研成果", "research:read"},
		{"/research/outputs/mine", "我的科研成果", "research:claim"},
		{"/research/assessments", "科研考核", "research:read"},
		{"/research/mine", "我的科研考核", "research:claim"},
		{"/development/records", "教师发展", "development:read"},
		{"/development/records", "本部教师发展", "development:read_dept"},
		{"/development/records/mine", "我的培训与实践", "development:record"},
		{"/development/progress", "教师发展进度", "development:record"},
		{"/studios", "工作室", "studio:read"},
		{"/results", "评价结果", "result:read"},
		{"/portraits", "学生画像", "portrait:read"},
		{"/portraits/groups", "群体画像", "portrait:read_group"},
		{"/kpi", "数据画像", "kpi:read"},
		{"/outcomes", "就业与培训", "outcome:read"},
		{"/surveys", "满意度调查", "survey:read"},
		{"/reports", "报告单", "report:read"},
		{"/appeals", "申诉处理", "appeal:review"},
		{"/frameworks", "评价方案", "framework:read"},
		{"/evidence-rules", "加分规则", "framework:read"},
		{"/import", "导入导出", "student:import"},
		{"/users", "账号权限", "user:read"},
		{"/audit", "审计日志", "audit:read"},
		{"/tokens", "API 令牌", "token:manage"},
		{"/platform/schools", "学校管理", "platform:manage"},
		{"/district", "区域数据画像", "district:read"},
	}
	var out []navItem
	for _, it := range items {
		if it.perm != "" && !s.authz.Can(u, it.perm) {
			continue
		}
		// The 人事处 reads every teacher's records: "my own" is not its page.
		if it.href == "/development/records/mine" && s.authz.Can(u, "development:read") {
			continue
		}
		// A platform account has no school: only its own pages.
		if u.SchoolID == model.PlatformSchoolID && it.href != "/" && it.href != "/platform/schools" && it.href != "/tokens" && it.href != "/district" {
			continue
		}
		if u.SchoolID != model.PlatformSchoolID && (it.href == "/platform/schools" || it.href == "/district") {
			continue
		}
		out = append(out, navItem{Href: it.href, Label: it.label})
	}
	// The longest matching section is the current one (/portraits/groups
	// is not also /portraits).
	best := -1
	for i, it := range out {
		if r.URL.Path == it.Href || (it.Href != "/" && strings.HasPrefix(r.URL.Path, it.Href+"/")) || (it.Href != "/" && strings.HasPrefix(r.URL.Path, it.Href) && it.Href == r.URL.Path) {
			if best < 0 || len(it.Href) > len(out[best].Href) {
				best = i
			}
		}
	}
	if best >= 0 {
		out[best].Active = true
	}
	return out
}

func (s *Server) errorPage(w http.ResponseWriter, r *http.Request, status int, msg string) {
	if _, ok := s.views.pages["error"]; !ok {
		http.Error(w, msg, status)
		return
	}
	s.render(w, r, status, "error", strconv.Itoa(status), msg)
}

// flash stores a one-time message shown on the next page.
func (s *Server) flash(r *http.Request, msg string) { s.sm.Put(r.Context(), "flash", msg) }

func (s *Server) flashError(r *http.Request, msg string) { s.sm.Put(r.Context(), "flash_error", msg) }

// listQuery reads ?q=&page= from a request.
func listQuery(r *http.Request) model.ListQuery {
	q := model.ListQuery{Q: strings.TrimSpace(r.URL.Query().Get("q")), PerPage: 20}
	q.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if pp, _ := strconv.Atoi(r.URL.Query().Get("per_page")); pp > 0 {
		q.PerPage = pp
	}
	q.Normalize()
	return q
}

func formInt(r *http.Request, key string) int64 {
	v, _ := strconv.ParseInt(strings.TrimSpace(r.FormValue(key)), 10, 64)
	return v
}

func queryInt(r *http.Request, key string) int64 {
	v, _ := strconv.ParseInt(r.URL.Query().Get(key), 10, 64)
	return v
}

// pager is the paging block below a list.
type pager struct {
	Page, Pages, Total int
	URL                *url.URL
}

func newPager(r *http.Request, q model.ListQuery, total int) pager {
	return pager{Page: q.Page, Pages: q.Pages(total), Total: total, URL: r.URL}
}
