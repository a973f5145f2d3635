package api

import (
	"net/http"

	"zhijiao/internal/storage"
	"zhijiao/internal/teacherdev"
)

// devAll is the whole school.
var devAll = storage.DevScope{}

// devDualLists are the three lists of the 双师型 page.
type devDualLists struct {
	Recognised   []devProgressItem `json:"recognised"`
	Unrecognised []devProgressItem `json:"unrecognised"`
	Unsupported  []devProgressItem `json:"unsupported"`
}

func (a *API) devRecognitions(w http.ResponseWriter, r *http.Request, c *call) {
	f, err := a.st.DevelopmentFacts(r.Context(), c.school, devAll)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := devDualLists{Recognised: []devProgressItem{}, Unrecognised: []devProgressItem{}, Unsupported: []devProgressItem{}}
	for _, p := range f.Progress(apiToday()) {
		it := progressItem(p)
		if p.Recognition != nil {
			out.Recognised = append(out.Recognised, it)
		}
		switch {
		case p.Dual.Level != "" && p.Recognition == nil:
			out.Unrecognised = append(out.Unrecognised, it)
		case p.Recognition != nil && teacherdev.LevelRank(p.Dual.Level) < teacherdev.LevelRank(p.Recognition.Level):
			out.Unsupported = append(out.Unsupported, it)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// devRecognitionNew is the body of POST /development/recognitions.
type devRecognitionNew struct {
	TeacherID    int64  `json:"teacher_id"`
	Level        string `json:"level"`
	RecognisedOn string `json:"recognised_on"`
	Basis        string `json:"basis,omitempty"`
}

// devRecognitionRevoke is the body of POST /development/recognitions/revoke.
type devRecognitionRevoke struct {
	TeacherID int64  `json:"teacher_id"`
	RevokedOn string `json:"revoked_on"`
	Reason    string `json:"reason"`
}

type devRecognitionCreated struct {
	ID int64 `json:"id"`
}

func (a *API) devRecognise(w http.ResponseWriter, r *http.Request, c *call) {
	var body devRecognitionNew
	if !decode(w, r, &body) {
		return
	}
	g := teacherdev.Recognition{TeacherID: body.TeacherID, Level: body.Level, RecognisedOn: body.RecognisedOn, Basis: body.Basis}
	if err := a.st.Recognise(r.Context(), c.school, c.actor, &g); err != nil {
		a.researchErr(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, devRecognitionCreated{ID: g.ID})
}

func (a *API) devRevoke(w http.ResponseWriter, r *http.Request, c *call) {
	var body devRecognitionRevoke
	if !decode(w, r, &body) {
		return
	}
	if err := a.st.RevokeRecognition(r.Context(), c.school, c.actor, body.TeacherID, body.RevokedOn, body.Reason); err != nil {
		a.researchErr(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
