package api

import (
	"net/http"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// opDoc describes one operation by hand; the builder below turns it and
// the route table's policy (permission, school) into OpenAPI 3.0.
type opDoc struct {
	Tag, Summary, Desc string
	Params             []paramDoc // query parameters beyond the common ones
	Search             bool       // takes ?q=
	Paged              bool       // takes ?page= and ?per_page=, answers a list envelope
	Body               any        // zero value of the JSON request body type
	Upload             bool       // multipart/form-data with a "file" field
	Resp               any        // zero value of the success body (the item type when Paged)
	Status             int        // success status; 0 means 200
	File               bool       // success is a CSV or xlsx download
	Conflict           bool       // may answer 409
}

type paramDoc struct {
	Name, Type, Desc string
	Enum             []string
}

var (
	docOnce sync.Once
	docJSON map[string]any
)

// openapi serves the document; it is built once, since it only depends on
// the code.
func (a *API) openapi(w http.ResponseWriter, r *http.Request, c *call) {
	docOnce.Do(func() { docJSON = openAPIDocument() })
	writeJSON(w, http.StatusOK, docJSON)
}

var pathParam = regexp.MustCompile(`\{(\w+)\}`)

// errorText is the description of each error status in the document.
var errorText = map[int]string{
	400: "请求有误：JSON 无法解析、含未知字段、查询参数格式错误，或平台账号未用 ?school= 指定学校",
	401: "未登录，或 API 令牌无效、已过期、已吊销，或账号已停用",
	403: "没有执行此操作的权限，或账号须先修改初始密码，或学校账号试图用 ?school= 访问他校",
	404: "记录不存在、属于其他学校或不在您的可见范围内（三者不作区分，以免泄露编号）",
	409: "与已有记录冲突：学号、工号或班级名称重复",
	413: "请求体过大：JSON 上限 1 MB，上传文件上限 20 MB",
	415: "Content-Type 不符：JSON 接口须为 application/json，导入须为 multipart/form-data",
	422: "数据未通过校验；details 为字段错误，导入时为逐行错误，且没有写入任何数据",
}

// openAPIDocument builds the document from operations (hand-written) and
// routeTable (policy).
func openAPIDocument() map[string]any {
	s := newSchemaSet()
	s.errorSchemas()
	policy := map[string]route{}
	for _, rt := range routeTable() {
		policy[rt.Method+" "+rt.Path] = rt
	}
	paths := map[string]map[string]any{}
	keys := make([]string, 0, len(operations))
	for k := range operations {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		op, rt := operations[key], policy[key]
		method, path, _ := strings.Cut(key, " ")
		o := map[string]any{"tags": []string{op.Tag}, "summary": op.Summary, "operationId": operationID(method, path)}
		desc := op.Desc
		if rt.Perm != "" {
			desc += "\n\n所需权限：`" + rt.Perm + "`。"
			o["x-permission"] = rt.Perm
		}
		o["description"] = desc
		o["parameters"] = parameters(op, rt, path)
		if op.Body != nil {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{
				"application/json": map[string]any{"schema": s.ref(reflect.TypeOf(op.Body))}}}
		}
		if op.Upload {
			o["requestBody"] = map[string]any{"required": true, "content": map[string]any{"multipart/form-data": map[string]any{"schema": map[string]any{
				"type": "object", "required": []string{"file"},
				"properties": map[string]any{"file": map[string]any{"type": "string", "format": "binary",
					"description": "名单文件：.xlsx 或 CSV（UTF-8、GBK 均可），列与导入模板一致，最大 20 MB"}}}}}}
		}
		o["responses"] = responses(s, op, rt, path)
		if rt.Public {
			o["security"] = []any{}
		}
		if paths[path] == nil {
			paths[path] = map[string]any{}
		}
		paths[path][strings.ToLower(method)] = o
	}
	schemas := map[string]any{}
	for k, v := range s.defs {
		schemas[k] = v
	}
	return map[string]any{
		"openapi": "3.0.3",
		"info": map[string]any{
			"title":   "智教 Zhijiao JSON API",
			"version": "1.0.0",
			"description": "中职学校综合管理平台的 JSON 接口，权限与网页完全一致：每个接口检查一个权限字符串，" +
				"再按可见范围（班主任只见本班、学生只见本人、家长只见子女、导师只见学徒）过滤；范围外或他校的记录一律返回 404。" +
				"列表中的证件号和电话一律打码。认证方式为 API 令牌（Authorization: Bearer zj_…）或网页登录会话。" +
				"平台账号须用 ?school=学校代码 指定学校。",
		},
		"servers":  []any{map[string]any{"url": Prefix, "description": "本服务"}},
		"security": []any{map[string]any{"bearerAuth": []any{}}, map[string]any{"sessionCookie": []any{}}},
		"tags":     tags(),
		"paths":    paths,
		"components": map[string]any{
			"schemas": schemas,
			"securitySchemes": map[string]any{
				"bearerAuth": map[string]any{"type": "http", "scheme": "bearer", "bearerFormat": "zj_ 开头的 API 令牌",
					"description": "在网页“API 令牌”或 POST /tokens 创建；令牌只显示一次，只保存其哈希值"},
				"sessionCookie": map[string]any{"type": "apiKey", "in": "cookie", "name": "zhijiao_session",
					"description": "网页登录会话，供本站页面调用；跨站请求会被拒绝"},
			},
		},
	}
}

func operationID(method, path string) string {
	id := strings.ToLower(method)
	for _, seg := range strings.Split(strings.Trim(path, "/"), "/") {
		seg = strings.Trim(seg, "{}")
		seg = strings.ReplaceAll(strings.ReplaceAll(seg, ".", "_"), "-", "_")
		id += "_" + seg
	}
	return id
}

func parameters(op opDoc, rt route, path string) []any {
	ps := []any{}
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		ps = append(ps, map[string]any{"name": m[1], "in": "path", "required": true, "description": "记录编号",
			"schema": map[string]any{"type": "integer", "format": "int64", "minimum": 1}})
	}
	q := func(name, typ, desc string, enum []string) {
		sc := map[string]any{"type": typ}
		if len(enum) > 0 {
			sc["enum"] = enum
		}
		ps = append(ps, map[string]any{"name": name, "in": "query", "required": false, "description": desc, "schema": sc})
	}
	if rt.School {
		q("school", "string", "学校代码：平台账号必填，用于指定要操作的学校；学校账号可省略（只能填本校代码）", nil)
	}
	if op.Search {
		q("q", "string", "搜索关键词", nil)
	}
	if op.Paged {
		q("page", "integer", "页码，从 1 开始，默认 1", nil)
		q("per_page", "integer", "每页条数，默认 20，最多 500", nil)
	}
	for _, p := range op.Params {
		q(p.Name, p.Type, p.Desc, p.Enum)
	}
	return ps
}

func responses(s *schemaSet, op opDoc, rt route, path string) map[string]any {
	out := map[string]any{}
	status := op.Status
	if status == 0 {
		status = http.StatusOK
	}
	ok := map[string]any{"description": "成功"}
	switch {
	case op.File:
		ok["description"] = "文件下载（Content-Disposition 中为中文文件名）"
		ok["content"] = map[string]any{
			"text/csv": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
			"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": map[string]any{"schema": map[string]any{"type": "string", "format": "binary"}},
		}
	case op.Resp == nil && status == http.StatusNoContent:
		ok["description"] = "成功，无响应体"
	case op.Resp == nil:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": map[string]any{"type": "object", "description": "OpenAPI 3.0 文档"}}}
	case op.Paged:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": s.list(reflect.TypeOf(op.Resp))}}
	default:
		ok["content"] = map[string]any{"application/json": map[string]any{"schema": s.ref(reflect.TypeOf(op.Resp))}}
	}
	out[strconv.Itoa(status)] = ok
	if rt.Public {
		return out
	}
	codes := []int{401, 403}
	if rt.School || op.Paged || op.Search || len(op.Params) > 0 || op.Body != nil || op.Upload {
		codes = append(codes, 400)
	}
	if rt.School || strings.Contains(path, "{") {
		codes = append(codes, 404)
	}
	if op.Body != nil || op.Upload {
		codes = append(codes, 413, 415, 422)
	}
	if op.Conflict {
		codes = append(codes, 409)
	}
	for _, c := range codes {
		out[strconv.Itoa(c)] = map[string]any{"description": errorText[c],
			"content": map[string]any{"application/json": map[string]any{"schema": map[string]any{"$ref": "#/components/schemas/Error"}}}}
	}
	return out
}

func tags() []any {
	out := []any{}
	for _, t := range [][2]string{
		{"账号", "当前用户与 API 令牌"}, {"学校", "学校、学期与组织机构"}, {"班级", "班级"}, {"教师", "教师"},
		{"学生", "学生、监护人与学籍变动"}, {"企业", "合作企业与企业导师"}, {"管理", "账号与审计日志"},
		{"导入导出", "名单导入与导出"}, {"区域", "区域重新计算（教育局与平台管理员）"}, {"文档", "本文档"},
	} {
		out = append(out, map[string]any{"name": t[0], "description": t[1]})
	}
	return out
}
