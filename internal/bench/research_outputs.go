package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"time"

	"zhijiao/internal/research"
)

// researchOutputs writes n verified outputs of the term, in one
// transaction: a third papers, a fifth 课题 (立项 this term, some also
// 结题 next term, outside the period), the rest awards, competitions,
// patents and textbooks, each with one to four authors drawn from tids
// (one in ten with agreed shares). Fixed seed: the same rows every run.
func researchOutputs(ctx context.Context, db *sql.DB, sid int64, tids []int64, n int) error {
	r := rand.New(rand.NewPCG(13, uint64(n)))
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	out, err := tx.PrepareContext(ctx, `INSERT INTO research_outputs (school_id, kind, title, level, grade, stage, dated_on, status, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 'verified', $8, $8) RETURNING id`)
	if err != nil {
		return err
	}
	stage, err := tx.PrepareContext(ctx, `INSERT INTO research_stages (school_id, output_id, stage, dated_on) VALUES ($1, $2, $3, $4)`)
	if err != nil {
		return err
	}
	author, err := tx.PrepareContext(ctx, `INSERT INTO research_contributors (school_id, output_id, position, teacher_id, name, role, share) VALUES ($1, $2, $3, $4, $5, $6, $7)`)
	if err != nil {
		return err
	}
	at := time.Now().UTC().Truncate(time.Microsecond)
	grades := map[research.Kind][]string{research.KindPaper: {"核心期刊", "国家级期刊", "省级期刊", "一般期刊"}, research.KindPatent: {"发明", "实用新型", "外观设计"},
		research.KindTextbook: {"国家级规划教材", "省级规划教材", "校本教材"}}
	for i := range n {
		o := researchRow(r, i, grades)
		var id int64
		if err := out.QueryRowContext(ctx, sid, string(o.kind), o.title, o.level, o.grade, o.stage, o.day, at).Scan(&id); err != nil {
			return fmt.Errorf("output %d: %w", i, err)
		}
		for _, s := range o.stages {
			if _, err := stage.ExecContext(ctx, sid, id, s[0], s[1]); err != nil {
				return err
			}
		}
		k := 1 + r.IntN(4)
		shared := r.IntN(10) == 0
		first := r.IntN(len(tids))
		for p := range k {
			var share any
			if shared {
				share = 100 / float64(k)
			}
			role := research.RoleAuthor
			if p == 0 {
				role = research.RoleFirstAuthor
			}
			if _, err := author.ExecContext(ctx, sid, id, p+1, tids[(first+p*37)%len(tids)], "作者", role, share); err != nil {
				return err
			}
		}
	}
	return tx.Commit()
}

type benchOutput struct {
	kind                            research.Kind
	title, level, grade, stage, day string
	stages                          [][2]string
}

func researchRow(r *rand.Rand, i int, grades map[research.Kind][]string) benchOutput {
	day := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(140)).Format("2006-01-02")
	o := benchOutput{title: fmt.Sprintf("科研成果 %d", i+1), day: day}
	switch x := r.IntN(15); {
	case x < 5:
		o.kind = research.KindPaper
	case x < 8:
		o.kind, o.level = research.KindProject, research.Levels[r.IntN(len(research.Levels))]
		o.stages = [][2]string{{research.StageApproved, day}}
		if r.IntN(3) == 0 {
			o.stages = append(o.stages, [2]string{research.StageConcluded, "2027-05-10"})
		}
		o.stage, o.day = o.stages[len(o.stages)-1][0], o.stages[len(o.stages)-1][1]
	case x < 11:
		o.kind, o.level, o.grade = research.KindCompetition, research.Levels[r.IntN(len(research.Levels))], research.Prizes[r.IntN(4)]
	case x < 12:
		o.kind, o.level, o.grade = research.KindTeachingAward, research.Levels[r.IntN(3)], research.Prizes[r.IntN(4)]
	case x < 14:
		o.kind = research.KindPatent
	default:
		o.kind = research.KindTextbook
	}
	if g := grades[o.kind]; g != nil {
		o.grade = g[r.IntN(len(g))]
	}
	return o
}
