package ui

import (
	"net/http"
	"strconv"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type portraitListData struct {
	Students []model.Student
	Pager    pager
	Filter   storage.StudentFilter
	Classes  []model.Class
	Family   bool
}

// portraitList is where 学生画像 starts: a student goes straight to their
// own portrait; a parent sees their children; a teacher or mentor sees
// the students of their classes or placements, with a class filter and a
// search by name or 学号.
func (s *Server) portraitList(w http.ResponseWriter, r *http.Request) {
	sc, err := s.portraitScope(r, "portrait:read")
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	ctx, school := r.Context(), schoolOf(r)
	family := familyOnly(sc)
	if family && len(sc.StudentIDs) == 1 && userOf(r).StudentID == sc.StudentIDs[0] {
		http.Redirect(w, r, "/portraits/students/"+strconv.FormatInt(sc.StudentIDs[0], 10), http.StatusSeeOther)
		return
	}
	f := storage.StudentFilter{ListQuery: listQuery(r), ClassID: queryInt(r, "class"), Scoped: !sc.All, ClassIDs: sc.ClassIDs, StudentIDs: sc.StudentIDs}
	list, total, err := s.st.Students(ctx, school, f)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := portraitListData{Students: list, Pager: newPager(r, f.ListQuery, total), Filter: f, Family: family}
	if len(sc.ClassIDs) > 0 || sc.All {
		cf := storage.ClassFilter{ListQuery: model.AllRows(), Scoped: !sc.All, ClassIDs: sc.ClassIDs}
		if d.Classes, _, err = s.st.Classes(ctx, school, cf); err != nil {
			s.serverError(w, r, err)
			return
		}
	}
	s.render(w, r, http.StatusOK, "portrait_list", "学生画像", d)
}
