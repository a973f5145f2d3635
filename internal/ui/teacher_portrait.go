package ui

import (
	"net/http"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// The teacher's portrait (/teachers/{id}/portrait, docs/teachers.md §3
// section 3): what they teach, their development against the cycle and
// the practice rule, certificates, studios, awards, research, the ratings
// they gave, a radar against the school and their growth over years. The
// teacher themself, their department head (development:read_dept) and
// development:read see it; another school's teacher is not found.

type portraitData struct {
	Teacher      model.Teacher
	P            storage.TeacherProgress
	Req          teacherdev.Requirements
	Cycle        string
	Headed       []model.Class
	Teaching     []portraitTeaching
	Certs        []portraitCert
	Pending      []storage.DevRecord
	Recognitions []teacherdev.Recognition
	Studios      []storage.TeacherStudio
	Awards       []storage.PortraitAward
	Outputs      int
	Verified     int
	Points       float64
	HasPoints    bool
	Rated        []storage.RaterCount
	RatedTotal   int
	Flags        []string
	Radar        *kpiChart
	Growth       *kpiChart
	Years        []teacherdev.YearHours
}

type portraitTeaching struct{ Term, Course, Class string }

type portraitCert struct {
	storage.DevRecord
	Soon, Expired bool
}

func (s *Server) teacherPortrait(w http.ResponseWriter, r *http.Request) {
	d, ok := s.portraitLoad(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "teacher_portrait", d.Teacher.Name+" · 教师画像", d)
}

// portraitLoad answers 404 for another school's teacher, 403 for a viewer
// who may not see this one, and otherwise reads the whole portrait.
func (s *Server) portraitLoad(w http.ResponseWriter, r *http.Request) (portraitData, bool) {
	t, ok := s.loadTeacher(w, r)
	if !ok {
		return portraitData{}, false
	}
	may, err := s.mayReadPortrait(r, t)
	if err != nil {
		s.serverError(w, r, err)
		return portraitData{}, false
	}
	if !may {
		s.errorPage(w, r, http.StatusForbidden, "只有教师本人、所在专业部的主任、人事处和校领导可以查看教师画像")
		return portraitData{}, false
	}
	d := portraitData{Teacher: t}
	if err := s.portraitFill(r, &d); err != nil {
		s.serverError(w, r, err)
		return d, false
	}
	return d, true
}

// portraitFill reads the development part through the grouped progress
// reads (the whole school once, for the radar's average), then the rest.
func (s *Server) portraitFill(r *http.Request, d *portraitData) error {
	ctx, school, at := r.Context(), schoolOf(r), devToday()
	facts, err := s.st.DevelopmentFacts(ctx, school, storage.DevScope{})
	if err != nil {
		return err
	}
	d.Req, d.Cycle = facts.Requirements, facts.Requirements.CycleLabel(at)
	all := facts.Progress(at)
	for _, p := range all {
		if p.ID == d.Teacher.ID {
			d.P = p
		}
	}
	d.P.DevTeacher = storage.DevTeacher{ID: d.Teacher.ID, Name: d.Teacher.Name, Professional: d.P.Professional, HiredOn: d.P.HiredOn}
	recs := facts.Records[d.Teacher.ID]
	for _, rec := range recs {
		switch {
		case rec.Kind == teacherdev.KindCertificate && rec.Status == teacherdev.StatusVerified:
			d.Certs = append(d.Certs, portraitCert{DevRecord: rec, Soon: teacherdev.ExpiresSoon(rec.Fact, at), Expired: teacherdev.Expired(rec.Fact, at)})
		case rec.Status == teacherdev.StatusPending:
			d.Pending = append(d.Pending, rec)
		}
	}
	d.Years = teacherdev.HoursByYear(storage.Plain(recs))
	d.charts(facts, all)
	if d.Recognitions, err = s.st.TeacherRecognitions(ctx, school, d.Teacher.ID); err != nil {
		return err
	}
	if err := s.portraitTeachingOf(r, d); err != nil {
		return err
	}
	if d.Studios, err = s.st.TeacherStudios(ctx, school, d.Teacher.ID); err != nil {
		return err
	}
	if d.Awards, err = s.st.TeacherAwardsAll(ctx, school, d.Teacher.ID); err != nil {
		return err
	}
	if err := s.portraitResearch(r, d); err != nil {
		return err
	}
	return s.portraitRater(r, d)
}
