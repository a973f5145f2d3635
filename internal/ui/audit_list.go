package ui

import (
	"bytes"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"time"

	"zhijiao/internal/auth"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

// auditEntities and auditActions name what the log records, for the
// filters and the list; unknown names are shown as stored.
var auditEntities = []labelled{
	{"student", "学生"}, {"teacher", "教师"}, {"class", "班级"}, {"user", "账号"}, {"guardian", "监护人"},
	{"academic_year", "学年"}, {"term", "学期"}, {"department", "专业部"}, {"major_category", "专业大类"}, {"major", "专业"},
	{"course", "课程"}, {"teaching_assignment", "任课安排"}, {"enterprise", "企业"}, {"mentor", "企业导师"}, {"placement", "学徒/实习安排"},
	{"api_token", "API 令牌"}, {"school", "学校"}, {"students", "学生名单"}, {"teachers", "教师名单"}, {"classes", "班级名单"},
}

var auditActions = []labelled{
	{"create", "新增"}, {"update", "修改"}, {"import", "导入"}, {"export", "导出"}, {"enrollment", "学籍异动"},
	{"login", "登录"}, {"login_failed", "登录失败"}, {"change_password", "修改密码"}, {"reset_password", "重置密码"},
	{"set_roles", "设置角色"}, {"set_disabled", "停用/启用"}, {"set_head", "设置主任"}, {"set_current", "设为当前学期"},
	{"revoke", "吊销"}, {"open_accounts", "批量开通账号"}, {"bulk_load", "批量载入"},
}

type labelled struct{ Key, Label string }

func labelOf(list []labelled, key string) string {
	for _, l := range list {
		if l.Key == key {
			return l.Label
		}
	}
	return key
}

// auditFieldNames are the Chinese names of the JSON keys the diff shows.
var auditFieldNames = map[string]string{
	"name": "名称", "code": "代码", "short_name": "简称", "student_no": "学号", "staff_no": "工号", "gender": "性别", "title": "职称",
	"id_type": "证件类型", "id_number": "证件号码", "registration_no": "学籍号", "birth_date": "出生日期", "ethnicity": "民族", "phone": "电话",
	"class_id": "班级", "class_name": "班级名称", "major_id": "专业", "major_name": "专业名称", "entry_year": "入学年份", "program": "学制",
	"enrollment_status": "学籍状态", "department_id": "专业部", "department_name": "专业部名称", "dual_qualified": "双师型", "dual_level": "双师型等级", "hired_on": "入职日期", "active": "在职",
	"head_teacher_id": "班主任", "head_teacher_name": "班主任姓名", "head_user_id": "主任账号", "username": "账号", "display_name": "姓名",
	"roles": "角色", "disabled": "停用", "must_change_password": "须改密码", "status": "状态", "date": "日期", "reason": "原因",
	"start_date": "开始日期", "end_date": "结束日期", "semester": "学期", "is_current": "当前学期", "credit_code": "统一社会信用代码",
	"industry": "行业", "contact": "联系人", "address": "地址", "kind": "类型", "apprenticeship": "现代学徒制", "format": "格式",
	"accounts": "账号数", "skipped": "未开通", "prefix": "前缀", "expires_at": "过期时间", "value": "值",
}

// Keys that only repeat the row's identity or bookkeeping: left out of the
// diff so the table shows what a person changed.
var auditSkip = map[string]bool{"id": true, "school_id": true, "created_at": true, "updated_at": true, "user_id": true}

type auditChange struct {
	Field, Before, After string
}

type auditRow struct {
	model.AuditEntry
	ActionName, EntityName, Link string
	Changes                      []auditChange
}

// auditDiff turns the before/after JSON of an entry into rows of changed
// keys: every changed key for an update, every non-empty key for a create.
// Nested objects are flattened to "key.sub". ID numbers are masked: the
// log keeps them, the screen need not.
func auditDiff(before, after string) []auditChange {
	b, a := decodeJSON(before), decodeJSON(after)
	_, bok := b.(map[string]any)
	_, aok := a.(map[string]any)
	if !bok && !aok {
		if b == nil && a == nil {
			return nil
		}
		return []auditChange{{Field: "值", Before: showValue("", b), After: showValue("", a)}}
	}
	bm, am := map[string]string{}, map[string]string{}
	flatten(bm, "", b)
	flatten(am, "", a)
	keys := map[string]bool{}
	for k := range bm {
		keys[k] = true
	}
	for k := range am {
		keys[k] = true
	}
	var out []auditChange
	for k := range keys {
		bv, av := bm[k], am[k]
		if bv == av || (!bok && (av == "" || av == "否")) {
			continue
		}
		name := k
		if n, ok := auditFieldNames[k]; ok {
			name = n
		}
		out = append(out, auditChange{Field: name, Before: bv, After: av})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// flatten writes the leaves of a decoded JSON object as display strings,
// nested keys joined with dots; bookkeeping keys are left out.
func flatten(into map[string]string, prefix string, v any) {
	m, ok := v.(map[string]any)
	if !ok {
		if prefix != "" {
			key := prefix[strings.LastIndex(prefix, ".")+1:]
			into[prefix] = showValue(key, v)
		}
		return
	}
	for k, x := range m {
		if auditSkip[k] {
			continue
		}
		if prefix != "" {
			k = prefix + "." + k
		}
		flatten(into, k, x)
	}
}

func decodeJSON(s string) any {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var v any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if d.Decode(&v) != nil {
		return s
	}
	return v
}

// showValue renders one JSON value for people: booleans as 是/否, lists
// joined, zero ids and empty strings as nothing.
func showValue(key string, v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		if key == "id_number" {
			return idcheck.MaskID(x)
		}
		if key == "registration_no" {
			return idcheck.MaskEmbeddedID(x, "")
		}
		if t, err := time.Parse(time.RFC3339Nano, x); err == nil {
			if t.IsZero() || t.Year() < 2 {
				return ""
			}
			return cnTime(t)
		}
		return x
	case bool:
		if x {
			return "是"
		}
		return "否"
	case json.Number:
		if x == "0" && strings.HasSuffix(key, "_id") {
			return ""
		}
		return x.String()
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = showValue("", e)
			if key == "roles" || key == "" {
				if n := roleLabel(parts[i]); n != "" {
					parts[i] = n
				}
			}
		}
		return strings.Join(parts, "、")
	default:
		var buf bytes.Buffer
		json.NewEncoder(&buf).Encode(x)
		return strings.TrimSpace(buf.String())
	}
}

func roleLabel(r string) string { return auth.RoleNames[r] }

// entityLink is the page of an audited row, when there is one.
func entityLink(entity string, id int64) string {
	if id == 0 {
		return ""
	}
	switch entity {
	case "student":
		return "/students/" + itoa64(id)
	case "class":
		return "/classes/" + itoa64(id)
	case "teacher":
		return "/teachers/" + itoa64(id)
	case "user":
		return "/users/" + itoa64(id)
	case "enterprise":
		return "/enterprises/" + itoa64(id)
	}
	return ""
}

type auditListData struct {
	Rows     []auditRow
	Pager    pager
	Filter   storage.AuditFilter
	From, To string
	User     string
	Entities []labelled
	Actions  []labelled
	Errors   formErrors
}

// auditList is the filterable, paged audit log of the school.
func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := storage.AuditFilter{ListQuery: listQuery(r), Entity: q.Get("entity"), Action: q.Get("action")}
	if f.PerPage == 20 {
		f.PerPage = 30
	}
	d := auditListData{From: q.Get("from"), To: q.Get("to"), User: strings.TrimSpace(q.Get("user")), Entities: auditEntities, Actions: auditActions}
	if d.User != "" {
		// The acting account, by its full name or the part before @.
		name := strings.ToLower(d.User)
		if !strings.Contains(name, "@") {
			if sch, err := s.st.School(r.Context(), schoolOf(r)); err == nil {
				name += "@" + sch.Code
			}
		}
		u, err := s.st.UserByUsername(r.Context(), name)
		if err != nil || u.SchoolID != schoolOf(r) {
			d.Errors.add("找不到操作人账号 " + d.User)
		} else {
			f.UserID = u.ID
		}
	}
	if d.From != "" {
		t, err := time.ParseInLocation("2006-01-02", d.From, time.Local)
		if err != nil {
			d.Errors.add("开始日期格式应为 年-月-日")
		}
		f.From = t
	}
	if d.To != "" {
		t, err := time.ParseInLocation("2006-01-02", d.To, time.Local)
		if err != nil {
			d.Errors.add("结束日期格式应为 年-月-日")
		} else {
			f.To = t.AddDate(0, 0, 1) // the whole last day
		}
	}
	var list []model.AuditEntry
	var total int
	if !d.Errors.any() {
		var err error
		if list, total, err = s.st.AuditLog(r.Context(), schoolOf(r), f); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	d.Filter, d.Pager = f, newPager(r, f.ListQuery, total)
	for _, e := range list {
		row := auditRow{AuditEntry: e, ActionName: labelOf(auditActions, e.Action), EntityName: labelOf(auditEntities, e.Entity),
			Link: entityLink(e.Entity, e.EntityID), Changes: auditDiff(e.Before, e.After)}
		d.Rows = append(d.Rows, row)
	}
	status := http.StatusOK
	if d.Errors.any() {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "audit_list", "审计日志", d)
}
