package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/validate"
)

// talkRow is a student who needs a talk (谈心谈话), and why.
type talkRow struct {
	Student  storage.ConductStudent
	Reasons  []string
	LastTalk string
}

// classCount is one class's term on the 德育处's school-wide list.
type classCount struct {
	ClassID                              int64
	ClassName                            string
	Students, Plus, Minus, Alerts, Talks int
}

// talkLine is a talk recorded, for the staff who follow the student.
type talkLine struct {
	storage.ConductTalk
	Student storage.ConductStudent
}

type talksData struct {
	School  bool
	Since   string
	Rows    []talkRow
	Classes []classCount
	Recent  []talkLine
}

// maxRecentTalks is how many recorded talks the list page shows.
const maxRecentTalks = 20

// conductTalks is the list of students who need a talk: a head teacher's
// classes, or the whole school with counts per class for those who manage
// conduct. A recorded talk takes a student off until a newer negative
// record arrives.
func (s *Server) conductTalks(w http.ResponseWriter, r *http.Request) {
	sel, all, err := s.conductRemit(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	t, err := s.st.ConductTerm(r.Context(), schoolOf(r), sel)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	noStore(w)
	s.render(w, r, http.StatusOK, "conduct_talks", "谈心名单", talksOf(t, all))
}

// talksOf arranges the term: who needs a talk, counts per class (school
// view only) and the latest talks.
func talksOf(t storage.ConductTermData, school bool) talksData {
	d := talksData{School: school, Since: t.Since}
	byID := map[int64]storage.ConductStudent{}
	for _, x := range t.Students {
		byID[x.ID] = x
	}
	for _, k := range t.Talks[:min(len(t.Talks), maxRecentTalks)] {
		d.Recent = append(d.Recent, talkLine{ConductTalk: k, Student: byID[k.StudentID]})
	}
	at := map[int64]int{}
	for _, tr := range t.Trends() {
		st := tr.Student
		if tr.NeedsTalk != nil {
			d.Rows = append(d.Rows, talkRow{Student: st, Reasons: tr.NeedsTalk, LastTalk: tr.LastTalk})
		}
		if !school {
			continue
		}
		j, ok := at[st.ClassID]
		if !ok {
			j = len(d.Classes)
			at[st.ClassID] = j
			d.Classes = append(d.Classes, classCount{ClassID: st.ClassID, ClassName: st.ClassName})
		}
		c := &d.Classes[j]
		c.Students++
		c.Plus += tr.Plus
		c.Minus += tr.Minus
		c.Alerts += tr.Alerts
		if tr.NeedsTalk != nil {
			c.Talks++
		}
	}
	return d
}

type talkFormData struct {
	Student storage.ConductStudent
	HeldOn  string
	Note    string
	Errors  formErrors
	Max     int
}

// talkStudent reads the student a talk is about, from the query or the
// form, and checks the user follows them; false when a page was sent.
func (s *Server) talkStudent(w http.ResponseWriter, r *http.Request) (storage.ConductStudent, bool) {
	st, err := s.st.Student(r.Context(), schoolOf(r), formInt(r, "student"))
	if err != nil {
		s.notFoundOr(w, r, err)
		return storage.ConductStudent{}, false
	}
	ok, err := s.mayTalkAbout(r, st.ClassID)
	if err != nil {
		s.serverError(w, r, err)
		return storage.ConductStudent{}, false
	}
	if !ok {
		s.errorPage(w, r, http.StatusNotFound, "记录不存在")
		return storage.ConductStudent{}, false
	}
	return conductStudent(st), true
}

func conductStudent(st model.Student) storage.ConductStudent {
	return storage.ConductStudent{ID: st.ID, No: st.StudentNo, Name: st.Name, ClassID: st.ClassID, ClassName: st.ClassName}
}

// conductTalkNew is the form to record a talk.
func (s *Server) conductTalkNew(w http.ResponseWriter, r *http.Request) {
	st, ok := s.talkStudent(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "conduct_talks_form", "记录谈心谈话", talkFormData{Student: st, HeldOn: storage.Today(), Max: storage.MaxTalkNote})
}

// conductTalkCreate records that a talk was held (audited, private to
// staff) and returns to the list, where the student no longer appears.
func (s *Server) conductTalkCreate(w http.ResponseWriter, r *http.Request) {
	st, ok := s.talkStudent(w, r)
	if !ok {
		return
	}
	d := talkFormData{Student: st, HeldOn: field(r, "held_on"), Note: field(r, "note"), Max: storage.MaxTalkNote}
	validate.ConductTalk(d.HeldOn, d.Note, storage.Today(), &d.Errors)
	if !d.Errors.any() {
		t := storage.ConductTalk{StudentID: st.ID, HeldOn: d.HeldOn, Note: d.Note}
		err := s.st.AddConductTalk(r.Context(), schoolOf(r), actor(r), &t)
		if err == nil {
			s.redirect(w, r, "/conduct/talks", "已记录谈心谈话")
			return
		}
		d.Errors.addErr("", err)
	}
	s.render(w, r, http.StatusUnprocessableEntity, "conduct_talks_form", "记录谈心谈话", d)
}
