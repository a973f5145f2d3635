package ui

import (
	"net/http"
	"slices"
	"strconv"

	"zhijiao/internal/conduct"
	"zhijiao/internal/storage"
)

// One behaviour record with its history (corrections and deletions, each
// with the values before, who, when and why), and the forms that correct
// or delete it.

type conductShowPage struct {
	Row         storage.ConductRow
	Revisions   []storage.ConductRevision
	Descriptors []conduct.Descriptor
	MayChange   bool
	Errors      formErrors
}

// loadConduct reads the record in the path; outside the user's remit it
// is not found.
func (s *Server) loadConduct(w http.ResponseWriter, r *http.Request) (storage.ConductRow, conductScope, bool) {
	id, ok := s.pathID(w, r)
	if !ok {
		return storage.ConductRow{}, conductScope{}, false
	}
	row, err := s.st.ConductRecord(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return row, conductScope{}, false
	}
	sc, err := s.conductReadScopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return row, sc, false
	}
	if !sc.allows(row.ClassID) {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return row, sc, false
	}
	return row, sc, true
}

func (s *Server) conductShowData(r *http.Request, row storage.ConductRow) (conductShowPage, error) {
	d := conductShowPage{Row: row, MayChange: !row.Deleted && s.authz.Can(userOf(r), "conduct:confirm")}
	var err error
	if d.Revisions, err = s.st.ConductRevisions(r.Context(), schoolOf(r), row.ID); err != nil {
		return d, err
	}
	if d.MayChange {
		d.Descriptors, err = s.usableDescriptors(r)
	}
	return d, err
}

func (s *Server) conductShow(w http.ResponseWriter, r *http.Request) {
	row, _, ok := s.loadConduct(w, r)
	if !ok {
		return
	}
	d, err := s.conductShowData(r, row)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "conduct_show", "德育记录", d)
}

// conductCorrect moves a record to another descriptor, with a reason.
func (s *Server) conductCorrect(w http.ResponseWriter, r *http.Request) {
	s.conductChange(w, r, func(row storage.ConductRow, errs *formErrors) error {
		id, _ := strconv.ParseInt(field(r, "descriptor"), 10, 64)
		ds, err := s.usableDescriptors(r)
		if err != nil {
			return err
		}
		i := slices.IndexFunc(ds, func(d conduct.Descriptor) bool { return d.ID == id })
		if i < 0 {
			errs.add("请选择更正后的事项")
			return nil
		}
		errs.addErr("", s.st.CorrectConduct(r.Context(), schoolOf(r), actor(r), row.ID, ds[i], field(r, "note"), field(r, "reason")))
		return nil
	}, "已更正记录")
}

// conductDelete takes a record out of the count, with a reason.
func (s *Server) conductDelete(w http.ResponseWriter, r *http.Request) {
	s.conductChange(w, r, func(row storage.ConductRow, errs *formErrors) error {
		errs.addErr("", s.st.DeleteConduct(r.Context(), schoolOf(r), actor(r), row.ID, field(r, "reason")))
		return nil
	}, "已删除记录（仍保留在修改历史中）")
}

// conductChange runs a correction or deletion of the record in the path:
// change reports the user's problems to errs and returns server errors.
func (s *Server) conductChange(w http.ResponseWriter, r *http.Request, change func(storage.ConductRow, *formErrors) error, done string) {
	row, _, ok := s.loadConduct(w, r)
	if !ok {
		return
	}
	r.ParseForm()
	var errs formErrors
	if row.Deleted {
		errs.add("记录已删除，不能再修改")
	} else if err := change(row, &errs); err != nil {
		s.serverError(w, r, err)
		return
	}
	if errs.any() {
		d, err := s.conductShowData(r, row)
		if err != nil {
			s.serverError(w, r, err)
			return
		}
		d.Errors = errs
		s.render(w, r, http.StatusUnprocessableEntity, "conduct_show", "德育记录", d)
		return
	}
	s.afterConductRecords(r.Context(), schoolOf(r), []int64{row.StudentID})
	s.redirect(w, r, "/conduct/records/"+itoa64(row.ID), done)
}
