package ui

import (
	"bytes"
	"net/http"
	"time"

	"zhijiao/internal/importer"
	"zhijiao/internal/model"
	"zhijiao/internal/roster"
	"zhijiao/internal/storage"
)

// exportDownload writes the students, teachers or classes the user may see
// as .xlsx or CSV, with the list page's filters. ID numbers are exported
// whole only for roles that may read them.
func (s *Server) exportDownload(w http.ResponseWriter, r *http.Request) {
	k, ok := s.kindAllowed(w, r, "export")
	if !ok {
		return
	}
	format := r.URL.Query().Get("format")
	if format != "csv" {
		format = "xlsx"
	}
	ctx, school, u := r.Context(), schoolOf(r), userOf(r)
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	mask := !s.authz.Can(u, "student:read_id")
	var buf bytes.Buffer
	switch k {
	case roster.KindStudents:
		f := storage.StudentFilter{ListQuery: listQuery(r), ClassID: queryInt(r, "class"), MajorID: queryInt(r, "major"), Status: model.EnrollmentStatus(r.URL.Query().Get("status"))}
		if !sc.All {
			f.Scoped, f.ClassIDs, f.StudentIDs = true, sc.ClassIDs, sc.StudentIDs
		}
		var list []model.Student
		if err := s.st.AllStudents(ctx, school, f, func(st model.Student) error { list = append(list, st); return nil }); err != nil {
			s.serverError(w, r, err)
			return
		}
		err = roster.WriteStudents(&buf, format, list, mask)
	case roster.KindTeachers:
		list, e := s.st.AllTeachers(ctx, school, storage.TeacherFilter{ListQuery: model.ListQuery{Q: r.URL.Query().Get("q")}})
		if e != nil {
			s.serverError(w, r, e)
			return
		}
		err = roster.WriteTeachers(&buf, format, list, mask)
	case roster.KindClasses:
		cf := storage.ClassFilter{ListQuery: model.AllRows()}
		if !sc.All {
			cf.Scoped, cf.ClassIDs = true, sc.ClassIDs
		}
		list, _, e := s.st.Classes(ctx, school, cf)
		if e != nil {
			s.serverError(w, r, e)
			return
		}
		staff := map[int64]string{}
		idx, e := s.st.TeacherStaffIndex(ctx, school)
		if e != nil {
			s.serverError(w, r, e)
			return
		}
		for no, id := range idx {
			staff[id] = no
		}
		err = roster.WriteClasses(&buf, format, list, staff)
	}
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.st.Audit(ctx, school, actor(r), "export", string(k), 0, map[string]string{"format": format, "query": r.URL.RawQuery})
	sendFile(w, importer.KindName(k)+"名单_"+time.Now().Format("20060102")+"."+format, buf.Bytes())
}
