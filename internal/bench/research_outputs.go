package bench

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zhijiao/internal/research"
)

// researchBatch is how many rows one multi-row INSERT carries: SQLite
// looks numbered placeholders up in a list, so long statements cost more
// than they save.
const researchBatch = 50

// researchOutputs writes n verified outputs of the term, in one
// transaction of multi-row INSERTs: a third papers, a fifth 课题 (立项 this
// term, some also 结题 next term, outside the period), the rest awards,
// competitions, patents and textbooks, each with one to four authors
// drawn from tids (one in ten with agreed shares). Fixed seed: the same
// rows every run. The tables are analysed afterwards, as after any bulk
// load, so the planner knows their size.
func researchOutputs(ctx context.Context, db *sql.DB, sid int64, tids []int64, n int) error {
	r := rand.New(rand.NewPCG(13, uint64(n)))
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	at := time.Now().UTC().Truncate(time.Microsecond)
	for start := 0; start < n; start += researchBatch {
		rows := make([]benchOutput, 0, researchBatch)
		for i := start; i < min(n, start+researchBatch); i++ {
			rows = append(rows, researchRow(r, i))
		}
		ids, err := insertOutputs(ctx, tx, sid, rows, at)
		if err != nil {
			return err
		}
		var stages, authors [][]any
		for _, o := range rows {
			id := ids[o.title]
			for _, s := range o.stages {
				stages = append(stages, []any{sid, id, s[0], s[1]})
			}
			k, shared, first := 1+r.IntN(4), r.IntN(10) == 0, r.IntN(len(tids))
			for p := range k {
				var share any
				if shared {
					share = 100 / float64(k)
				}
				role := research.RoleAuthor
				if p == 0 {
					role = research.RoleFirstAuthor
				}
				authors = append(authors, []any{sid, id, p + 1, tids[(first+p*37)%len(tids)], "作者", role, share})
			}
		}
		if err := insertRows(ctx, tx, `INSERT INTO research_stages (school_id, output_id, stage, dated_on) VALUES `, stages); err != nil {
			return err
		}
		if err := insertRows(ctx, tx, `INSERT INTO research_contributors (school_id, output_id, position, teacher_id, name, role, share) VALUES `, authors); err != nil {
			return err
		}
	}
	for _, t := range []string{"research_outputs", "research_stages", "research_contributors"} {
		if _, err := tx.ExecContext(ctx, `ANALYZE `+t); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// insertOutputs inserts one batch and returns the ids by title (titles
// are unique in the benchmark, and RETURNING's order is not promised).
func insertOutputs(ctx context.Context, tx *sql.Tx, sid int64, rows []benchOutput, at time.Time) (map[string]int64, error) {
	vals := make([][]any, len(rows))
	for i, o := range rows {
		vals[i] = []any{sid, string(o.kind), o.title, o.level, o.grade, o.stage, o.day, research.StatusVerified, at, at}
	}
	q, args := valuesSQL(`INSERT INTO research_outputs (school_id, kind, title, level, grade, stage, dated_on, status, created_at, updated_at) VALUES `, vals)
	res, err := tx.QueryContext(ctx, q+` RETURNING id, title`, args...)
	if err != nil {
		return nil, fmt.Errorf("research outputs: %w", err)
	}
	defer res.Close()
	ids := make(map[string]int64, len(rows))
	for res.Next() {
		var id int64
		var title string
		if err := res.Scan(&id, &title); err != nil {
			return nil, err
		}
		ids[title] = id
	}
	return ids, res.Err()
}

func insertRows(ctx context.Context, tx *sql.Tx, head string, vals [][]any) error {
	for start := 0; start < len(vals); start += researchBatch {
		q, args := valuesSQL(head, vals[start:min(len(vals), start+researchBatch)])
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("%s…: %w", head[:30], err)
		}
	}
	return nil
}

// valuesSQL numbers the placeholders of a multi-row VALUES list.
func valuesSQL(head string, rows [][]any) (string, []any) {
	var b strings.Builder
	b.WriteString(head)
	var args []any
	for i, row := range rows {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString("(")
		for j, v := range row {
			if j > 0 {
				b.WriteString(", ")
			}
			args = append(args, v)
			fmt.Fprintf(&b, "$%d", len(args))
		}
		b.WriteString(")")
	}
	return b.String(), args
}

type benchOutput struct {
	kind                            research.Kind
	title, level, grade, stage, day string
	stages                          [][2]string
}

var benchGrades = map[research.Kind][]string{research.KindPaper: research.DefaultJournalGrades, research.KindPatent: research.PatentTypes,
	research.KindTextbook: research.TextbookLevels}

func researchRow(r *rand.Rand, i int) benchOutput {
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
	if g := benchGrades[o.kind]; g != nil {
		o.grade = g[r.IntN(len(g))]
	}
	return o
}
