package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// Reading 科研成果: one output with its parts, the lists with their
// filters and scopes, an output's history, the duplicate search and the
// school's settings.

const researchCols = `o.id, o.kind, o.title, o.level, o.grade, o.stage, o.ident, o.fields, o.dated_on, o.status, o.reject_reason,
	COALESCE(o.reviewed_by, 0), o.reviewed_at, o.deleted, COALESCE(o.created_by, 0), o.created_at, o.updated_at`

func scanResearch(r interface{ Scan(...any) error }, o *model.ResearchOutput) error {
	var fields string
	var reviewed sql.NullTime
	if err := r.Scan(&o.ID, &o.Kind, &o.Title, &o.Level, &o.Grade, &o.Stage, &o.Ident, &fields, &o.DatedOn, &o.Status, &o.RejectReason,
		&o.ReviewedBy, &reviewed, &o.Deleted, &o.CreatedBy, &o.CreatedAt, &o.UpdatedAt); err != nil {
		return err
	}
	o.ReviewedAt = reviewed.Time
	o.Fields = map[string]string{}
	return json.Unmarshal([]byte(fields), &o.Fields)
}

// ResearchOutput reads one output of the school with its contributors
// and stages, deleted ones included (their page shows the history).
func (s *Storage) ResearchOutput(ctx context.Context, schoolID, id int64) (model.ResearchOutput, error) {
	o, err := s.researchOutput(ctx, s.db, schoolID, id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		err = fmt.Errorf("research output %d: %w", id, err)
	}
	return o, err
}

func (s *Storage) researchOutput(ctx context.Context, q querier, schoolID, id int64) (model.ResearchOutput, error) {
	var o model.ResearchOutput
	err := scanResearch(q.QueryRowContext(ctx, `SELECT `+researchCols+` FROM research_outputs o WHERE o.school_id = $1 AND o.id = $2`, schoolID, id), &o)
	if errors.Is(err, sql.ErrNoRows) {
		return o, ErrNotFound
	}
	if err != nil {
		return o, err
	}
	o.SchoolID = schoolID
	parts, err := researchParts(ctx, q, schoolID, []int64{id})
	if err != nil {
		return o, err
	}
	o.Contributors, o.Stages = parts.contributors[id], parts.stages[id]
	return o, nil
}

type researchPartsOf struct {
	contributors map[int64][]model.ResearchContributor
	stages       map[int64][]model.ResearchStage
}

// researchParts reads the contributors and stages of many outputs in two
// queries, for a page of a list as for one output.
func researchParts(ctx context.Context, q querier, schoolID int64, ids []int64) (researchPartsOf, error) {
	p := researchPartsOf{map[int64][]model.ResearchContributor{}, map[int64][]model.ResearchStage{}}
	if len(ids) == 0 {
		return p, nil
	}
	w := schoolWhere("school_id", schoolID)
	w.in("output_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT output_id, position, COALESCE(teacher_id, 0), name, role, share FROM research_contributors`+w.sql()+` ORDER BY output_id, position`, w.args...)
	if err != nil {
		return p, err
	}
	for rows.Next() {
		var id int64
		var c model.ResearchContributor
		var share sql.NullFloat64
		if err := rows.Scan(&id, &c.Position, &c.TeacherID, &c.Name, &c.Role, &share); err != nil {
			rows.Close()
			return p, err
		}
		if share.Valid {
			c.Share = &share.Float64
		}
		p.contributors[id] = append(p.contributors[id], c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return p, err
	}
	rows, err = q.QueryContext(ctx, `SELECT output_id, stage, dated_on FROM research_stages`+w.sql()+` ORDER BY output_id, dated_on, id`, w.args...)
	if err != nil {
		return p, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var st model.ResearchStage
		if err := rows.Scan(&id, &st.Stage, &st.DatedOn); err != nil {
			return p, err
		}
		p.stages[id] = append(p.stages[id], st)
	}
	return p, rows.Err()
}

// ResearchFilter narrows ListResearchOutputs. Scoped limits the outputs
// to those crediting one of TeacherIDs (a teacher their own, a 专业部
// head their department's teachers). Status "" lists every status;
// deleted outputs are listed only with Deleted.
type ResearchFilter struct {
	model.ListQuery
	Kind         string
	Status       string
	Year         int
	TeacherID    int64
	DepartmentID int64
	Deleted      bool
	Scoped       bool
	TeacherIDs   []int64
}

func (f ResearchFilter) where(schoolID int64) *where {
	w := schoolWhere("o.school_id", schoolID)
	w.add("o.deleted = ?", f.Deleted)
	if f.Kind != "" {
		w.add("o.kind = ?", f.Kind)
	}
	if f.Status != "" {
		w.add("o.status = ?", f.Status)
	}
	if f.Year != 0 {
		w.add("o.dated_on >= ?", fmt.Sprintf("%04d-01-01", f.Year))
		w.add("o.dated_on <= ?", fmt.Sprintf("%04d-12-31", f.Year))
	}
	credits := func(cond string, v any) {
		w.add(`EXISTS (SELECT 1 FROM research_contributors c JOIN teachers t ON t.school_id = c.school_id AND t.id = c.teacher_id
			WHERE c.school_id = o.school_id AND c.output_id = o.id AND `+cond+`)`, v)
	}
	if f.TeacherID != 0 {
		credits("t.id = ?", f.TeacherID)
	}
	if f.DepartmentID != 0 {
		credits("t.department_id = ?", f.DepartmentID)
	}
	if f.Q != "" {
		w.add(`(LOWER(o.title) LIKE ? ESCAPE '\' OR EXISTS (SELECT 1 FROM research_contributors c WHERE c.school_id = o.school_id AND c.output_id = o.id AND LOWER(c.name) LIKE ? ESCAPE '\'))`, likePattern(f.Q))
	}
	if f.Scoped {
		sub := &where{args: w.args}
		sub.in("c.teacher_id", f.TeacherIDs)
		w.args = sub.args
		w.conds = append(w.conds, `EXISTS (SELECT 1 FROM research_contributors c WHERE c.school_id = o.school_id AND c.output_id = o.id AND `+sub.conds[0]+`)`)
	}
	return w
}

// ListResearchOutputs reads a page of outputs, newest first, with their
// contributors and stages, and the number of matching outputs.
func (s *Storage) ListResearchOutputs(ctx context.Context, schoolID int64, f ResearchFilter) ([]model.ResearchOutput, int, error) {
	if err := f.ListQuery.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := f.where(schoolID)
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM research_outputs o`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("research outputs count: %w", err)
	}
	out, err := scanList(ctx, s.db, `SELECT `+researchCols+` FROM research_outputs o`+w.sql()+` ORDER BY o.dated_on DESC, o.id DESC`+pageSQL(f.ListQuery), w.args,
		func(r *sql.Rows, o *model.ResearchOutput) error { return scanResearch(r, o) })
	if err != nil {
		return nil, 0, fmt.Errorf("research outputs: %w", err)
	}
	ids := make([]int64, len(out))
	for i := range out {
		ids[i], out[i].SchoolID = out[i].ID, schoolID
	}
	parts, err := researchParts(ctx, s.db, schoolID, ids)
	if err != nil {
		return nil, 0, fmt.Errorf("research outputs' contributors: %w", err)
	}
	for i := range out {
		out[i].Contributors, out[i].Stages = parts.contributors[out[i].ID], parts.stages[out[i].ID]
	}
	return out, total, nil
}

// researchDuplicates finds the school's outputs (not deleted, not self)
// that o seems to duplicate: the same ident (textbooks and books share
// theirs), or else, when titles is set, a similar title of the same
// kind, most similar first.
func (s *Storage) researchDuplicates(ctx context.Context, q querier, schoolID int64, o *model.ResearchOutput, self int64, titles bool) (*ResearchDuplicate, error) {
	scan := func(r *sql.Rows, m *ResearchMatch) error { return r.Scan(&m.ID, &m.Kind, &m.Title, &m.DatedOn) }
	if o.Ident != "" {
		ms, err := scanList(ctx, q, `SELECT id, kind, title, dated_on FROM research_outputs WHERE school_id = $1 AND ident = $2 AND id <> $3 AND NOT deleted ORDER BY id`,
			[]any{schoolID, o.Ident, self}, scan)
		if err != nil || len(ms) > 0 {
			return &ResearchDuplicate{Exact: true, Matches: ms, ident: o.Ident}, err
		}
	}
	if !titles {
		return nil, nil
	}
	ms, err := scanList(ctx, q, `SELECT id, kind, title, dated_on FROM research_outputs WHERE school_id = $1 AND kind = $2 AND id <> $3 AND NOT deleted`,
		[]any{schoolID, o.Kind, self}, scan)
	if err != nil {
		return nil, err
	}
	var similar []ResearchMatch
	for _, m := range ms {
		if m.Similarity = research.Similarity(o.Title, m.Title); m.Similarity >= research.SimilarThreshold {
			similar = append(similar, m)
		}
	}
	if len(similar) == 0 {
		return nil, nil
	}
	sort.SliceStable(similar, func(i, j int) bool { return similar[i].Similarity > similar[j].Similarity })
	return &ResearchDuplicate{Matches: similar[:min(len(similar), 5)]}, nil
}

// ResearchSettings reads the school's settings (the defaults when it set
// none).
func (s *Storage) ResearchSettings(ctx context.Context, schoolID int64) (research.Settings, error) {
	set, err := s.researchSettings(ctx, s.db, schoolID)
	if err != nil {
		err = fmt.Errorf("research settings: %w", err)
	}
	return set, err
}

func (s *Storage) researchSettings(ctx context.Context, q querier, schoolID int64) (research.Settings, error) {
	var grades string
	err := q.QueryRowContext(ctx, `SELECT journal_grades FROM research_settings WHERE school_id = $1`, schoolID).Scan(&grades)
	if errors.Is(err, sql.ErrNoRows) {
		return research.DefaultSettings(), nil
	}
	if err != nil {
		return research.Settings{}, err
	}
	return research.Settings{JournalGrades: strings.Split(grades, "\n")}, nil
}

// SaveResearchSettings stores the school's journal grades, one to twelve
// names of up to 20 characters each, each once.
func (s *Storage) SaveResearchSettings(ctx context.Context, schoolID int64, a model.Actor, set research.Settings) error {
	var grades []string
	for _, g := range set.JournalGrades {
		if g = strings.TrimSpace(g); g != "" && !strings.Contains(strings.Join(grades, "\n")+"\n", g+"\n") {
			if len([]rune(g)) > 20 {
				return refusal("期刊级别“" + g + "”超过 20 个字")
			}
			grades = append(grades, g)
		}
	}
	if len(grades) == 0 || len(grades) > 12 {
		return refusal("期刊级别应有 1 到 12 项")
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.researchSettings(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM research_settings WHERE school_id = $1`, schoolID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO research_settings (school_id, journal_grades, updated_at) VALUES ($1, $2, $3)`, schoolID, strings.Join(grades, "\n"), now()); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "settings", "research", 0, before, grades)
	})
	return researchErr("research settings", err)
}

// TeachersOfDepartments lists the ids of the teachers of the departments,
// for a 专业部 head's scope.
func (s *Storage) TeachersOfDepartments(ctx context.Context, schoolID int64, deptIDs []int64) ([]int64, error) {
	w := schoolWhere("school_id", schoolID)
	w.in("department_id", deptIDs)
	ids, err := scanList(ctx, s.db, `SELECT id FROM teachers`+w.sql()+` ORDER BY id`, w.args, func(r *sql.Rows, id *int64) error { return r.Scan(id) })
	if err != nil {
		return nil, fmt.Errorf("teachers of departments: %w", err)
	}
	return ids, nil
}

// ResearchTeachers lists the school's teachers as contributors name them
// (姓名 and 工号), by 工号.
func (s *Storage) ResearchTeachers(ctx context.Context, schoolID int64) ([]research.TeacherRef, error) {
	out, err := scanList(ctx, s.db, `SELECT id, name, staff_no FROM teachers WHERE school_id = $1 ORDER BY staff_no`, []any{schoolID},
		func(r *sql.Rows, t *research.TeacherRef) error { return r.Scan(&t.ID, &t.Name, &t.StaffNo) })
	if err != nil {
		return nil, fmt.Errorf("research teachers: %w", err)
	}
	return out, nil
}
