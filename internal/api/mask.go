package api

import (
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

// Identity numbers and phone numbers are personal data under PIPL. Lists
// always show them masked, as the list pages do; one record shows them
// whole only to roles holding student:read_id, as the student page does.
// The same permission governs teachers', guardians' and mentors' numbers,
// because the pages and exports use it for all of them.

func maskStudent(s model.Student, whole bool) model.Student {
	if !whole {
		// The 学籍号 often embeds the ID number: mask it with it.
		s.RegistrationNo = idcheck.MaskEmbeddedID(s.RegistrationNo, s.IDNumber)
		s.IDNumber, s.Phone = idcheck.MaskID(s.IDNumber), idcheck.MaskPhone(s.Phone)
	}
	return s
}

func maskTeacher(t model.Teacher, whole bool) model.Teacher {
	if !whole {
		t.IDNumber, t.Phone = idcheck.MaskID(t.IDNumber), idcheck.MaskPhone(t.Phone)
	}
	return t
}

func maskGuardian(g model.Guardian, whole bool) model.Guardian {
	if !whole {
		g.Phone = idcheck.MaskPhone(g.Phone)
	}
	return g
}

func maskList[T any](items []T, mask func(T, bool) T) []T {
	out := make([]T, len(items))
	for i, x := range items {
		out[i] = mask(x, false)
	}
	return out
}

// wholeIDs reports whether the caller may see one record's numbers whole.
func (a *API) wholeIDs(c *call) bool { return a.authz.Can(c.user, "student:read_id") }

func maskEnterprise(e model.Enterprise, whole bool) model.Enterprise {
	if !whole {
		e.Phone = idcheck.MaskPhone(e.Phone)
	}
	return e
}

func maskMentor(m model.Mentor, whole bool) model.Mentor {
	if !whole {
		m.Phone = idcheck.MaskPhone(m.Phone)
	}
	return m
}
