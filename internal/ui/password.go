package ui

import (
	"net/http"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

func actorFor(u *model.User, ip string) model.Actor {
	return model.Actor{UserID: u.ID, Username: u.Username, IP: ip}
}

func (s *Server) passwordShow(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "password", "修改密码", nil)
}

// passwordSubmit changes one's own password; it is also where an account
// with an initial or reset password is sent before anything else.
func (s *Server) passwordSubmit(w http.ResponseWriter, r *http.Request) {
	u := userOf(r)
	old, pw, pw2 := r.FormValue("old"), r.FormValue("new"), r.FormValue("new2")
	fail := func(msg string) {
		s.render(w, r, http.StatusBadRequest, "password", "修改密码", map[string]string{"Error": msg})
	}
	if !auth.CheckPassword(u.PasswordHash, old) {
		fail("原密码不正确")
		return
	}
	if pw != pw2 {
		fail("两次输入的新密码不一致")
		return
	}
	if pw == old {
		fail("新密码不能与原密码相同")
		return
	}
	if err := auth.ValidatePassword(pw); err != nil {
		fail(err.Error())
		return
	}
	h, err := auth.HashPassword(pw)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if err := s.st.SetPassword(r.Context(), u.SchoolID, actor(r), u.ID, h, false); err != nil {
		s.serverError(w, r, err)
		return
	}
	// The new hash ends every other session (their password mark no
	// longer matches); this one carries on with the new mark.
	s.sm.RenewToken(r.Context())
	s.sm.Put(r.Context(), "pw", passwordMark(h))
	s.flash(r, "密码已修改")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}
