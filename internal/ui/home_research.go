package ui

import (
	"net/http"

	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// homeResearch is what the home page shows of 科研: for the research
// office (research:review) the outputs waiting for review and the state of
// the current term's assessment; for a teacher (research:claim) their
// outputs and, while the term's assessment takes claims, a link to claim.
type homeResearch struct {
	Office        bool
	Pending       int
	Teacher       bool
	MyOutputs     int
	HasAssessment bool
	Assessment    storage.ResearchAssessmentBrief
	StateName     string
	Claiming      bool
}

// researchHome reads the research blocks of the home page, or nil when the
// user sees neither.
func (s *Server) researchHome(r *http.Request, termID int64) (*homeResearch, error) {
	u, ctx, school := userOf(r), r.Context(), schoolOf(r)
	h := &homeResearch{Office: s.authz.Can(u, "research:review"), Teacher: u.TeacherID != 0 && s.authz.Can(u, "research:claim")}
	if !h.Office && !h.Teacher {
		return nil, nil
	}
	var err error
	if termID != 0 {
		if h.Assessment, h.HasAssessment, err = s.st.TermResearchAssessment(ctx, school, termID); err != nil {
			return nil, err
		}
		h.StateName = researchStateName(h.Assessment.State)
		h.Claiming = h.HasAssessment && h.Assessment.State == research.StateClaiming
	}
	if h.Office {
		if h.Pending, err = s.st.PendingResearchReviews(ctx, school); err != nil {
			return nil, err
		}
	}
	if h.Teacher {
		if h.MyOutputs, err = s.st.TeacherResearchCount(ctx, school, u.TeacherID); err != nil {
			return nil, err
		}
	}
	return h, nil
}
