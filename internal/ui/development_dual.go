package ui

import (
	"errors"
	"net/http"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The 双师型 page (/development/dual): the current recognitions, the
// teachers whose records support a level but who are not recognised, and
// those recognised above what their records now support; the 人事处
// recognises and revokes from the lists.

type devDualData struct {
	Recognised, Unrecognised, Unsupported []storage.TeacherProgress
	Today                                 string
	Levels                                []string
	CanManage                             bool
}

func (s *Server) devDual(w http.ResponseWriter, r *http.Request) {
	f, err := s.st.DevelopmentFacts(r.Context(), schoolOf(r), storage.DevScope{})
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	d := devDualData{Today: storage.Today(), Levels: teacherdev.DualLevels, CanManage: s.authz.Can(userOf(r), "development:manage")}
	for _, p := range f.Progress(devToday()) {
		if p.Recognition != nil {
			d.Recognised = append(d.Recognised, p)
		}
		switch {
		case p.Dual.Level != "" && p.Recognition == nil:
			d.Unrecognised = append(d.Unrecognised, p)
		case p.Recognition != nil && teacherdev.LevelRank(p.Dual.Level) < teacherdev.LevelRank(p.Recognition.Level):
			d.Unsupported = append(d.Unsupported, p)
		}
	}
	s.render(w, r, http.StatusOK, "development_dual", "双师型教师", d)
}

// devDualSave recognises (action=recognise) or revokes (action=revoke)
// one teacher's 双师型.
func (s *Server) devDualSave(w http.ResponseWriter, r *http.Request) {
	r.ParseForm()
	ctx, school, tid := r.Context(), schoolOf(r), formInt(r, "teacher_id")
	var err error
	msg := "已撤销双师型认定"
	if field(r, "action") == "revoke" {
		err = s.st.RevokeRecognition(ctx, school, actor(r), tid, field(r, "on"), field(r, "reason"))
	} else {
		g := teacherdev.Recognition{TeacherID: tid, Level: field(r, "level"), RecognisedOn: field(r, "on"), Basis: field(r, "basis")}
		err, msg = s.st.Recognise(ctx, school, actor(r), &g), "已认定为双师型（"+g.Level+"）"
	}
	switch {
	case errors.Is(err, storage.ErrNotFound):
		s.errorPage(w, r, http.StatusNotFound, "教师或认定不存在")
		return
	case errors.Is(err, storage.ErrRefused):
		s.flashError(r, err.Error())
	case err != nil:
		s.serverError(w, r, err)
		return
	default:
		s.flash(r, msg)
	}
	http.Redirect(w, r, "/development/dual", http.StatusSeeOther)
}
