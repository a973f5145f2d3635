package demo

import (
	"context"
	"errors"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// The demo school's 科研考核 (docs/research.md section 2): last term's
// assessment run to the end (everything verified claimed, computed,
// publicised from the day after the term, final) and this term's open
// for claims, two teachers in three having claimed their verified
// outputs. It reads whatever outputs the school has, so it runs after
// the outputs are written and works with none: a term with nothing to
// publicise stays computed.
func seedResearchAssess(ctx context.Context, st *storage.Storage, sc model.School) error {
	a := model.SystemActor
	if u, err := st.UserByUsername(ctx, "keyan@"+sc.Code); err == nil {
		a = model.Actor{UserID: u.ID, Username: u.Username}
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	cur, err := st.CurrentTerm(ctx, sc.ID)
	if err != nil {
		return err
	}
	terms, err := st.Terms(ctx, sc.ID)
	if err != nil {
		return err
	}
	for _, t := range terms { // newest first: the first older one is last term
		if t.StartDate < cur.StartDate {
			if err := finishedAssessment(ctx, st, sc.ID, a, t); err != nil {
				return err
			}
			break
		}
	}
	ra, err := st.CreateResearchAssessment(ctx, sc.ID, a, storage.NewResearchAssessment{TermID: cur.ID})
	if err != nil {
		return err
	}
	teachers, err := st.AllTeachers(ctx, sc.ID, storage.TeacherFilter{})
	if err != nil {
		return err
	}
	var claiming []int64
	for i, t := range teachers {
		if i%3 != 2 {
			claiming = append(claiming, t.ID)
		}
	}
	_, err = st.ClaimAllResearch(ctx, sc.ID, a, ra.ID, claiming)
	return err
}

// finishedAssessment runs term t's assessment to final; a step the data
// does not allow (nothing computed) ends it quietly where it stands.
func finishedAssessment(ctx context.Context, st *storage.Storage, sid int64, a model.Actor, t model.Term) error {
	ra, err := st.CreateResearchAssessment(ctx, sid, a, storage.NewResearchAssessment{TermID: t.ID})
	if err != nil {
		return err
	}
	if _, err := st.ClaimAllResearch(ctx, sid, a, ra.ID, nil); err != nil {
		return err
	}
	start, _ := time.Parse("2006-01-02", t.EndDate)
	steps := []func() error{
		func() error { return st.MoveResearchAssessment(ctx, sid, a, ra.ID, research.StateReviewing) },
		func() error { _, err := st.ComputeResearch(ctx, sid, a, ra.ID); return err },
		func() error { return st.MoveResearchAssessment(ctx, sid, a, ra.ID, research.StatePublicised) },
		func() error { return st.SetResearchPublicityStart(ctx, sid, a, ra.ID, start.AddDate(0, 0, 1)) },
		func() error { return st.MoveResearchAssessment(ctx, sid, a, ra.ID, research.StateFinal) },
	}
	for _, step := range steps {
		if err := step(); errors.Is(err, storage.ErrRefused) {
			return nil
		} else if err != nil {
			return err
		}
	}
	return nil
}
