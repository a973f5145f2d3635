package bench

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
)

// ResearchResult is how long computing one term's 科研考核 takes (issue 13
// section 4): the whole ComputeResearch (load + compute + write the
// points, one transaction) against a bare SQL read of the same rows, and
// the load and the pure computation on their own. Medians of Runs.
type ResearchResult struct {
	Teachers, Outputs, Claims, Credits int
	SchoolID, AssessmentID             int64
	Setup                              time.Duration
	Bare, Load, Compute, Full          time.Duration
	Runs                               int
}

// Ratio is the full compute over the bare read.
func (r ResearchResult) Ratio() float64 { return r.Full.Seconds() / r.Bare.Seconds() }

// Research builds a school of teachers teachers and outputs outputs in
// the current term (co-authored, 课题 with stages, awards …), claims every
// one for its authors, and times the term's compute.
func Research(ctx context.Context, st *storage.Storage, teachers, outputs, runs int) (ResearchResult, error) {
	res := ResearchResult{Teachers: teachers, Outputs: outputs, Runs: max(runs, 1)}
	t0 := time.Now()
	sid, tids, termID, err := researchSchool(ctx, st, teachers)
	if err != nil {
		return res, err
	}
	if err := researchOutputs(ctx, st.DB(), sid, tids, outputs); err != nil {
		return res, err
	}
	a := model.Actor{Username: "bench"}
	ra, err := st.CreateResearchAssessment(ctx, sid, a, storage.NewResearchAssessment{TermID: termID})
	if err != nil {
		return res, err
	}
	res.SchoolID, res.AssessmentID = sid, ra.ID
	if res.Claims, err = st.ClaimAllResearch(ctx, sid, a, ra.ID, nil); err != nil {
		return res, err
	}
	if err := st.MoveResearchAssessment(ctx, sid, a, ra.ID, research.StateReviewing); err != nil {
		return res, err
	}
	res.Setup = time.Since(t0)
	var bare, load, compute, full []time.Duration
	for range res.Runs {
		t := time.Now()
		n, err := bareResearchRead(ctx, st.DB(), sid, ra.ID)
		if err != nil {
			return res, err
		}
		bare = append(bare, time.Since(t))
		t = time.Now()
		credits, err := st.ResearchCredits(ctx, sid, ra.ID)
		if err != nil {
			return res, err
		}
		load = append(load, time.Since(t))
		t = time.Now()
		research.Compute(research.DefaultRules(), ra.Period(), credits)
		compute = append(compute, time.Since(t))
		t = time.Now()
		if _, err := st.ComputeResearch(ctx, sid, a, ra.ID); err != nil {
			return res, err
		}
		full = append(full, time.Since(t))
		res.Credits = len(credits)
		if n == 0 {
			return res, fmt.Errorf("bare read found no rows")
		}
	}
	res.Bare, res.Load, res.Compute, res.Full = median(bare), median(load), median(compute), median(full)
	return res, nil
}

// bareResearchRead reads the rows a compute reads, with the same joins,
// and does nothing with them: the floor of any compute.
func bareResearchRead(ctx context.Context, db *sql.DB, sid, id int64) (int, error) {
	rows, err := db.QueryContext(ctx, `SELECT c.teacher_id, o.id, o.title, o.kind, o.level, o.grade, o.stage, o.dated_on, rc.position, rc.role, rc.share
		FROM research_claims c
		JOIN research_outputs o ON o.school_id = c.school_id AND o.id = c.output_id
		JOIN research_contributors rc ON rc.school_id = c.school_id AND rc.output_id = c.output_id AND rc.teacher_id = c.teacher_id
		WHERE c.school_id = $1 AND c.assessment_id = $2`, sid, id)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var tid, oid int64
		var title, kind, level, grade, stage, day, role string
		var pos int
		var share sql.NullFloat64
		if err := rows.Scan(&tid, &oid, &title, &kind, &level, &grade, &stage, &day, &pos, &role, &share); err != nil {
			return n, err
		}
		n++
	}
	return n, rows.Err()
}

// researchSchool writes a school with one term, ten departments and n
// teachers in one bulk load.
func researchSchool(ctx context.Context, st *storage.Storage, n int) (sid int64, tids []int64, termID int64, err error) {
	sc := model.School{Code: fmt.Sprintf("keyan%d", time.Now().UnixNano()%1e9), Name: "科研基准学校"}
	err = st.BulkLoad(ctx, model.Actor{Username: "bench"}, "bench research", func(b *storage.Bulk) error {
		if err := b.School(&sc); err != nil {
			return err
		}
		y := model.AcademicYear{Name: "2026-2027", StartDate: "2026-09-01", EndDate: "2027-07-10"}
		if err := b.AcademicYear(sc.ID, &y); err != nil {
			return err
		}
		t := model.Term{AcademicYearID: y.ID, Semester: 1, StartDate: "2026-09-01", EndDate: "2027-01-20", IsCurrent: true}
		if err := b.Term(sc.ID, &t); err != nil {
			return err
		}
		termID = t.ID
		depts := make([]int64, 10)
		for i := range depts {
			d := model.Department{Name: fmt.Sprintf("第%d专业部", i+1)}
			if err := b.Department(sc.ID, &d); err != nil {
				return err
			}
			depts[i] = d.ID
		}
		for i := range n {
			tt := model.Teacher{StaffNo: fmt.Sprintf("K%04d", i+1), Name: fmt.Sprintf("教师%d", i+1), Gender: model.Female, DepartmentID: depts[i%len(depts)]}
			if err := b.Teacher(sc.ID, &tt); err != nil {
				return err
			}
			tids = append(tids, tt.ID)
		}
		return nil
	})
	return sc.ID, tids, termID, err
}
