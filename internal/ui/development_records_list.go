package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The records of the user's reach, newest first, filtered by kind,
// status, year, department and teacher, with a search of titles, names
// and 工号; "我的培训与实践" is the same list narrowed to the user's own.

type developmentListPage struct {
	Pager       pager
	Rows        []model.DevelopmentRecord
	Filter      storage.DevelopmentFilter
	Kinds       []teacherdev.Kind
	Years       []int
	Departments []model.Department
	Mine        bool
	Action      string
	Hours       float64 // verified 学时 of the rows shown
	// Certs are the user's own certificates to renew (on their own list).
	Certs []teacherdev.CertNotice
}

func (s *Server) developmentList(w http.ResponseWriter, r *http.Request) {
	s.developmentListOf(w, r, false)
}

func (s *Server) developmentMine(w http.ResponseWriter, r *http.Request) {
	s.developmentListOf(w, r, true)
}

// developmentFilterOf reads the list's filters from the query.
func developmentFilterOf(r *http.Request) storage.DevelopmentFilter {
	q := r.URL.Query()
	f := storage.DevelopmentFilter{ListQuery: listQuery(r), Kind: q.Get("kind"), Status: q.Get("status"), DepartmentID: queryInt(r, "department"),
		TeacherID: queryInt(r, "teacher"), BatchID: queryInt(r, "batch"), Deleted: q.Get("deleted") == "1"}
	f.Year, _ = strconv.Atoi(q.Get("year"))
	return f
}

func (s *Server) developmentListOf(w http.ResponseWriter, r *http.Request, mine bool) {
	sc, err := s.developmentScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	f := developmentFilterOf(r)
	f.Scope = sc
	d := developmentListPage{Kinds: teacherdev.Kinds, Mine: mine, Action: "/development/records"}
	if mine {
		f.TeacherID, d.Action = userOf(r).TeacherID, "/development/records/mine"
		if f.TeacherID == 0 {
			f.TeacherID = -1 // an account without a teacher record has no records of its own
		} else if d.Certs, err = s.ownCertNotices(r, f.TeacherID); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	rows, total, err := s.st.ListDevelopmentRecords(r.Context(), schoolOf(r), f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if sc.All {
		if d.Departments, err = s.st.Departments(r.Context(), schoolOf(r)); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	year := yearOf(storage.Today())
	for y := year; y >= year-5; y-- {
		d.Years = append(d.Years, y)
	}
	for _, x := range rows {
		if x.Status == teacherdev.StatusVerified {
			d.Hours += x.Hours
		}
	}
	d.Rows, d.Filter, d.Pager = rows, f, newPager(r, f.ListQuery, total)
	title := "教师发展"
	if mine {
		title = "我的培训与实践"
	}
	s.render(w, r, http.StatusOK, "development_records_list", title, d)
}

// ownCertNotices are a teacher's certificates to renew on today, by the
// progress page's rule.
func (s *Server) ownCertNotices(r *http.Request, teacherID int64) ([]teacherdev.CertNotice, error) {
	certs, err := s.st.TeacherCertificates(r.Context(), schoolOf(r), teacherID)
	return teacherdev.CertNotices(certs, devToday()), err
}
