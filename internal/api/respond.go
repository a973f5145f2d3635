package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"

	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// maxJSON bounds a JSON request body: the largest object is one student.
const maxJSON = 1 << 20

// errorBody is every error the API returns: a Chinese sentence a client may
// show as is, and optional details (FieldError or rowError values).
type errorBody struct {
	Error   string `json:"error"`
	Details []any  `json:"details,omitempty"`
}

// FieldError names one bad field of a request body or query parameter.
// It is exported with ValidateStudent so the HTML form can share the rules.
type FieldError = validate.FieldError

// rowError is one bad cell of an imported file, numbered as Excel shows it.
type rowError struct {
	Row    int    `json:"row"`
	Column string `json:"column"`
	Value  string `json:"value"`
	Reason string `json:"reason"`
}

// listBody is the envelope of every list.
type listBody[T any] struct {
	Items   []T `json:"items"`
	Total   int `json:"total"`
	Page    int `json:"page"`
	PerPage int `json:"per_page"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}

func fail(w http.ResponseWriter, status int, msg string, details ...any) {
	writeJSON(w, status, errorBody{Error: msg, Details: details})
}

// invalid answers 422 with the field errors of a body that parsed but
// broke a rule.
func invalid(w http.ResponseWriter, errs []FieldError) {
	d := make([]any, len(errs))
	for i, e := range errs {
		d[i] = e
	}
	fail(w, http.StatusUnprocessableEntity, "提交的数据未通过校验", d...)
}

func (a *API) serverError(w http.ResponseWriter, r *http.Request, err error) {
	a.log.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	fail(w, http.StatusInternalServerError, "服务器内部错误，请稍后再试")
}

// notFound is the one answer for "does not exist", "belongs to another
// school" and "outside your scope": they must be indistinguishable.
func notFound(w http.ResponseWriter) { fail(w, http.StatusNotFound, "记录不存在") }

// storeErr maps a storage error to a status. Storage reports a unique key
// taken by a race with a plain "… 已存在" error (the handlers check for
// duplicates first, so this is the rare case), hence the text match.
func (a *API) storeErr(w http.ResponseWriter, r *http.Request, err error) {
	switch {
	case errors.Is(err, storage.ErrNotFound):
		notFound(w)
	case strings.Contains(err.Error(), "已存在") || strings.Contains(err.Error(), "已登记"):
		fail(w, http.StatusConflict, err.Error())
	default:
		a.serverError(w, r, err)
	}
}

// decode reads one JSON object into dst, strictly: a body over 1 MiB is a
// 413, anything that is not exactly one object of known fields a 400, so a
// misspelt field is reported instead of silently ignored.
func decode(w http.ResponseWriter, r *http.Request, dst any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mt, _, _ := mime.ParseMediaType(ct); mt != "application/json" {
			fail(w, http.StatusUnsupportedMediaType, "请求体须为 JSON（Content-Type: application/json）")
			return false
		}
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxJSON)
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	err := dec.Decode(dst)
	if err == nil {
		if _, e := dec.Token(); e != io.EOF {
			fail(w, http.StatusBadRequest, "请求体只能包含一个 JSON 对象")
			return false
		}
		if controlIn(reflect.ValueOf(dst)) {
			invalid(w, []FieldError{{Field: "body", Reason: "文本" + validate.ControlReason}})
			return false
		}
		return true
	}
	var (
		mbe  *http.MaxBytesError
		syn  *json.SyntaxError
		typ  *json.UnmarshalTypeError
		name string
	)
	switch {
	case errors.As(err, &mbe):
		fail(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("请求体超过 %d KB 上限", maxJSON>>10))
	case errors.Is(err, io.EOF):
		fail(w, http.StatusBadRequest, "请求体为空：请提交一个 JSON 对象")
	case errors.Is(err, io.ErrUnexpectedEOF):
		fail(w, http.StatusBadRequest, "JSON 不完整：请求体在对象结束前中断")
	case errors.As(err, &syn):
		fail(w, http.StatusBadRequest, fmt.Sprintf("JSON 格式错误（第 %d 个字节附近）", syn.Offset))
	case errors.As(err, &typ):
		if typ.Field == "" {
			fail(w, http.StatusBadRequest, "请求体须为 JSON 对象")
		} else {
			// The path names embedded Go structs ("studentPatch.class_id");
			// request bodies are flat, so the last part is the JSON field.
			field := typ.Field[strings.LastIndex(typ.Field, ".")+1:]
			fail(w, http.StatusBadRequest, "字段类型错误", FieldError{Field: field, Reason: "应为" + jsonKind(typ.Type.Kind().String()) + "，实为" + jsonKind(typ.Value)})
		}
	case cutUnknown(err.Error(), &name):
		fail(w, http.StatusBadRequest, "请求体包含未知字段", FieldError{Field: name, Reason: "没有这个字段，请对照 OpenAPI 文档检查拼写"})
	default:
		fail(w, http.StatusBadRequest, "无法解析请求体："+err.Error())
	}
	return false
}

// cutUnknown recognises encoding/json's unknown-field error, which has no
// type of its own.
func cutUnknown(msg string, name *string) bool {
	rest, ok := strings.CutPrefix(msg, "json: unknown field ")
	if ok {
		*name = strings.Trim(rest, `"`)
	}
	return ok
}

// jsonKind names a JSON or Go kind in Chinese for type errors.
func jsonKind(k string) string {
	switch k {
	case "string":
		return "字符串"
	case "number", "int", "int64", "int32", "float64", "uint", "uint64":
		return "数字"
	case "bool":
		return "布尔值"
	case "array", "slice":
		return "数组"
	case "object", "struct", "map":
		return "对象"
	case "ptr":
		return "值"
	}
	if strings.HasPrefix(k, "number") {
		return "数字（" + strings.TrimSpace(strings.TrimPrefix(k, "number")) + "）"
	}
	return k
}
