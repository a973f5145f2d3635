package api

import (
	"bytes"
	"net/http"
	"strings"
	"time"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// exportHandler writes what the caller may see as .xlsx or CSV with the
// list's filters, in the import template's columns so the file can be
// edited and imported again. As on the export page, ID numbers are whole
// only for student:read_id; the export is audited.
func exportHandler(kind roster.Kind) handler {
	return func(a *API, w http.ResponseWriter, r *http.Request, c *call) {
		q := newQuery(r)
		format := q.str("format")
		if format == "" {
			format = "xlsx"
		}
		if format != "csv" && format != "xlsx" {
			q.errs = append(q.errs, FieldError{Field: "format", Reason: "应为 csv 或 xlsx"})
		}
		var buf bytes.Buffer
		var err error
		switch kind {
		case roster.KindStudents:
			f := studentFilter(q)
			if !q.ok(w) || !a.scopeStudents(w, r, c, &f) {
				return
			}
			var list []model.Student
			if err = a.st.AllStudents(r.Context(), c.school, f, func(s model.Student) error { list = append(list, s); return nil }); err == nil {
				err = roster.WriteStudents(&buf, format, list, !a.wholeIDs(c))
			}
		case roster.KindTeachers:
			f := storage.TeacherFilter{ListQuery: q.list(), DepartmentID: q.id("department"), DualQualified: q.boolean("dual_qualified")}
			if !q.ok(w) {
				return
			}
			var list []model.Teacher
			if list, err = a.st.AllTeachers(r.Context(), c.school, f); err == nil {
				err = roster.WriteTeachers(&buf, format, list, !a.wholeIDs(c))
			}
		case roster.KindClasses:
			f := storage.ClassFilter{ListQuery: q.list(), DepartmentID: q.id("department"), MajorID: q.id("major"), EntryYear: q.year("year")}
			if !q.ok(w) {
				return
			}
			sc, e := a.scopeOf(r.Context(), c)
			if e != nil {
				a.serverError(w, r, e)
				return
			}
			if !sc.All {
				f.Scoped, f.ClassIDs = true, sc.ClassIDs
			}
			var list []model.Class
			if list, err = allPages(f.ListQuery, func(l model.ListQuery) ([]model.Class, int, error) {
				f.ListQuery = l
				return a.st.Classes(r.Context(), c.school, f)
			}); err == nil {
				err = a.writeClasses(r, c, &buf, format, list)
			}
		}
		if err != nil {
			a.serverError(w, r, err)
			return
		}
		if err := a.st.Audit(r.Context(), c.school, c.actor, "export", string(kind), 0, map[string]string{"format": format, "query": r.URL.RawQuery, "via": "api"}); err != nil {
			a.serverError(w, r, err)
			return
		}
		sendFile(w, importer.KindName(kind)+"名单_"+time.Now().In(cst).Format("20060102")+"."+format, buf.Bytes())
	}
}

// writeClasses exports classes with their head teacher's 工号, the key the
// class import expects.
func (a *API) writeClasses(r *http.Request, c *call, buf *bytes.Buffer, format string, list []model.Class) error {
	idx, err := a.st.TeacherStaffIndex(r.Context(), c.school)
	if err != nil {
		return err
	}
	staff := make(map[int64]string, len(idx))
	for no, id := range idx {
		staff[id] = no
	}
	return roster.WriteClasses(buf, format, list, staff)
}

// allPages reads every page of a paged list: the export ignores paging
// but keeps the search and filters.
func allPages[T any](l model.ListQuery, read func(model.ListQuery) ([]T, int, error)) ([]T, error) {
	l.Page, l.PerPage = 1, 500
	var out []T
	for {
		items, total, err := read(l)
		if err != nil {
			return nil, err
		}
		out = append(out, items...)
		if len(items) == 0 || len(out) >= total {
			return out, nil
		}
		l.Page++
	}
}

// sendFile sends a download with a UTF-8 file name (RFC 6266/5987).
func sendFile(w http.ResponseWriter, name string, data []byte) {
	ct := "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	if strings.HasSuffix(name, ".csv") {
		ct = "text/csv; charset=utf-8"
	}
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Content-Disposition", `attachment; filename="export`+name[strings.LastIndex(name, "."):]+`"; filename*=UTF-8''`+escapeName(name))
	w.Write(data)
}

func escapeName(s string) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '.' || ch == '-' || ch == '_' {
			b.WriteByte(ch)
		} else {
			b.WriteByte('%')
			b.WriteByte(hexd[ch>>4])
			b.WriteByte(hexd[ch&15])
		}
	}
	return b.String()
}
