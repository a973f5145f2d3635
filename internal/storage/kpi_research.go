package storage

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"zhijiao/internal/portrait"
)

// The 教改创新成果 block of the 数据画像 reads verified, not deleted research
// outputs (research_outputs, migration 0022). One row per output, never
// per contributor, so a team output counts once. A project (课题) is read
// once per counted stage, dated by the stage: its 立项 from the 立项 row of
// research_stages and its 结题 from the 结题 row. A project without stage
// rows counts its current stage on the output's date, so an output entered
// without its history still shows.

// researchKPIKinds are the kinds the block counts besides projects.
const researchKPIKinds = `('teaching_award', 'paper', 'patent', 'textbook')`

// researchCounted is the derived table of counted outputs of the schools
// in w (a WHERE on o.school_id): school_id, id, kind, stage, level, grade
// and day (the date that places it in a period).
func researchCounted(w *where) string {
	base := w.sql() + ` AND o.status = 'verified' AND NOT o.deleted`
	return `(SELECT o.school_id, o.id, o.kind, '' AS stage, o.level, o.grade, o.dated_on AS day FROM research_outputs o` + base + ` AND o.kind IN ` + researchKPIKinds + `
	UNION ALL
	SELECT o.school_id, o.id, o.kind, COALESCE(s.stage, o.stage) AS stage, o.level, o.grade, COALESCE(s.dated_on, o.dated_on) AS day FROM research_outputs o
		LEFT JOIN research_stages s ON s.school_id = o.school_id AND s.output_id = o.id AND s.stage IN ('立项', '结题')` + base + ` AND o.kind = 'project') x
	WHERE (x.kind <> 'project' OR x.stage IN ('立项', '结题'))`
}

// kpiResearch reads the school's counted research outputs of the period.
func (s *Storage) kpiResearch(ctx context.Context, schoolID int64, p portrait.Period) ([]portrait.ResearchOutput, error) {
	w := schoolWhere("o.school_id", schoolID)
	q := `SELECT x.id, x.kind, x.stage, x.level, x.grade, x.day FROM ` + researchCounted(w)
	outer := &where{args: w.args}
	periodWhere(outer, "x.day", p)
	for _, c := range outer.conds {
		q += " AND " + c
	}
	return scanList(ctx, s.db, q+` ORDER BY x.day, x.id`, outer.args, func(r *sql.Rows, o *portrait.ResearchOutput) error {
		return r.Scan(&o.ID, &o.Kind, &o.Stage, &o.Level, &o.Grade, &o.Date)
	})
}

// researchKPIRead reads the schools' counted outputs, counted in SQL by
// kind, stage, level and grade: the district view's reference read.
func researchKPIRead(ctx context.Context, schoolIDs []int64, p portrait.Period, day string) kpiRead {
	return func(q querier, in func(int64) *portrait.Inputs) error {
		w := schoolsWhere("o.school_id", schoolIDs)
		query := `SELECT x.school_id, COUNT(*), x.kind, x.stage, x.level, x.grade FROM ` + researchCounted(w)
		outer := &where{args: w.args}
		periodWhere(outer, "x.day", p)
		for _, c := range outer.conds {
			query += " AND " + c
		}
		err := scanAll(ctx, q, query+` GROUP BY x.school_id, x.kind, x.stage, x.level, x.grade`, outer.args, func(r *sql.Rows) error {
			var school int64
			var n int
			o := portrait.ResearchOutput{Date: day}
			if err := r.Scan(&school, &n, &o.Kind, &o.Stage, &o.Level, &o.Grade); err != nil {
				return err
			}
			o.N = n
			x := in(school)
			x.Research = append(x.Research, o)
			return nil
		})
		if err != nil {
			return fmt.Errorf("KPIInputsBySchool research: %w", err)
		}
		return nil
	}
}

// sumResearch is the kind of the research rows of kpi_summaries: a is the
// output's kind and stage ("project/立项"), b its level and grade joined by
// researchSep.
const (
	sumResearch = "research"
	researchSep = "|"
)

func researchSummaryKey(o portrait.ResearchOutput) summaryKey {
	return summaryKey{o.Date, sumResearch, o.Kind + "/" + o.Stage, o.Level + researchSep + o.Grade, 0}
}

// researchFromSummary turns a summary row back into an output standing
// for n outputs.
func researchFromSummary(a, b string, n int, day string) portrait.ResearchOutput {
	kind, stage, _ := strings.Cut(a, "/")
	level, grade, _ := strings.Cut(b, researchSep)
	return portrait.ResearchOutput{Kind: kind, Stage: stage, Level: level, Grade: grade, Date: day, N: n}
}

// researchDrill is the drill-down of one KPI of the block: the outputs
// with all their contributors (members, in order; no student data), the
// level and grade, and the date that counted. $1 is the school.
func researchDrill(kind, stage string) string {
	w := schoolWhere("o.school_id", 0)
	cond := "x.kind = '" + kind + "'"
	if stage != "" {
		cond += " AND x.stage = '" + stage + "'"
	}
	return `SELECT x.id, COALESCE((SELECT string_agg(c.name, '、' ORDER BY c.position) FROM research_contributors c WHERE c.school_id = x.school_id AND c.output_id = x.id), ''),
		COALESCE((SELECT c.teacher_id FROM research_contributors c WHERE c.school_id = x.school_id AND c.output_id = x.id AND c.teacher_id IS NOT NULL ORDER BY c.position LIMIT 1), 0),
		o.title, TRIM(x.level || ' ' || x.grade || ' ' || x.stage), x.day, 0
		FROM (SELECT x.school_id, x.id, x.kind, x.stage, x.level, x.grade, x.day FROM ` + researchCounted(w) + ` AND ` + cond + `) x
		JOIN research_outputs o ON o.school_id = x.school_id AND o.id = x.id WHERE 1 = 1`
}

func init() {
	for key, ks := range map[string][2]string{
		"research_teaching_awards":    {"teaching_award", ""},
		"research_projects_approved":  {"project", "立项"},
		"research_projects_concluded": {"project", "结题"},
		"research_papers":             {"paper", ""},
		"research_patents":            {"patent", ""},
		"research_textbooks":          {"textbook", ""},
	} {
		q := kpiRecordQueries[key]
		// Each output opens on its page of the research area, its first
		// school contributor on theirs.
		q.sql, q.dateCol, q.whoLink, q.link = researchDrill(ks[0], ks[1]), "x.day", "/teachers/%d", "/research/outputs/%d"
		kpiRecordQueries[key] = q
	}
}
