package storage

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
)

// ResearchLoad is one research output of a bulk load (the demo's years of
// records): the output as stored, its stages and its contributors in
// order. Fields is the kind's own fields as JSON.
type ResearchLoad struct {
	Kind, Title, Level, Grade, Stage, Ident, Fields, Date string
	Status, RejectReason                                  string
	Stages                                                []ResearchLoadStage
	Members                                               []ResearchLoadMember
}

// ResearchLoadStage is a project's stage and its date.
type ResearchLoadStage struct{ Stage, Date string }

// ResearchLoadMember is a contributor: a teacher of the school, or an
// outsider by name (TeacherID 0).
type ResearchLoadMember struct {
	TeacherID int64
	Name      string
	Role      string
}

var researchOutputCols = []string{"school_id", "kind", "title", "level", "grade", "stage", "ident", "fields", "dated_on", "status", "reject_reason", "reviewed_at", "created_at", "updated_at"}

// LoadResearch writes many outputs with their stages and contributors in
// one transaction, with one audit line and a mark for the district
// summaries: all of them or none. The rows are checked for shape only
// (kind, status, role, a title and a date); the kinds' own checks belong
// to the entry and import paths.
func (s *Storage) LoadResearch(ctx context.Context, schoolID int64, a model.Actor, rs []ResearchLoad, reason string) error {
	at := now()
	rows := make([][]any, len(rs))
	for i, r := range rs {
		if err := checkResearchLoad(r); err != nil {
			return fmt.Errorf("第 %d 项科研成果：%w", i+1, err)
		}
		var reviewed any
		if r.Status != research.StatusPending {
			reviewed = at
		}
		rows[i] = []any{schoolID, r.Kind, r.Title, r.Level, r.Grade, r.Stage, r.Ident, r.Fields, r.Date, r.Status, r.RejectReason, reviewed, at, at}
	}
	return annotate("research load", s.InTx(ctx, func(tx *sql.Tx) error {
		ids, err := s.insertResearchOutputs(ctx, tx, rs, rows)
		if err != nil {
			return err
		}
		var stages, members [][]any
		for i, r := range rs {
			for _, st := range r.Stages {
				stages = append(stages, []any{schoolID, ids[i], st.Stage, st.Date})
			}
			for j, m := range r.Members {
				members = append(members, []any{schoolID, ids[i], j + 1, nullInt(m.TeacherID), m.Name, m.Role})
			}
		}
		if err := s.batchInsert(ctx, tx, "research_stages", []string{"school_id", "output_id", "stage", "dated_on"}, stages, "", "", nil); err != nil {
			return err
		}
		if err := s.batchInsert(ctx, tx, "research_contributors", []string{"school_id", "output_id", "position", "teacher_id", "name", "role"}, members, "", "", nil); err != nil {
			return err
		}
		if err := s.markKPIDirty(ctx, tx, schoolID); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "bulk_load", "research", 0, nil, map[string]any{"reason": reason, "outputs": len(rs), "contributors": len(members)})
	}))
}

// insertResearchOutputs inserts the outputs and returns their ids in the
// order of rs. Each returned row is matched back to its output by kind,
// title and date, in order, so a database that returned the rows in
// another order fails the load instead of crediting the wrong people.
func (s *Storage) insertResearchOutputs(ctx context.Context, tx *sql.Tx, rs []ResearchLoad, rows [][]any) ([]int64, error) {
	ids := make([]int64, 0, len(rs))
	err := s.batchInsert(ctx, tx, "research_outputs", researchOutputCols, rows, "", "id, kind, title, dated_on", func(r *sql.Rows) error {
		var id int64
		var kind, title, date string
		if err := r.Scan(&id, &kind, &title, &date); err != nil {
			return err
		}
		if i := len(ids); i >= len(rs) || rs[i].Kind != kind || rs[i].Title != title || rs[i].Date != date {
			return fmt.Errorf("科研成果批量写入：第 %d 行返回顺序不符", i+1)
		}
		ids = append(ids, id)
		return nil
	})
	return ids, err
}

// checkResearchLoad checks a loaded output's shape.
func checkResearchLoad(r ResearchLoad) error {
	switch {
	case !research.Kind(r.Kind).Valid():
		return fmt.Errorf("类别 %q 无效", r.Kind)
	case r.Title == "":
		return fmt.Errorf("名称不能为空")
	case len(r.Date) != 10:
		return fmt.Errorf("日期 %q 应为 YYYY-MM-DD", r.Date)
	case r.Status != research.StatusPending && r.Status != research.StatusVerified && r.Status != research.StatusRejected:
		return fmt.Errorf("审核状态 %q 无效", r.Status)
	case len(r.Members) == 0:
		return fmt.Errorf("至少要有一位署名人")
	}
	if r.Fields == "" {
		return fmt.Errorf("字段应为 JSON（可为 {}）")
	}
	for _, m := range r.Members {
		if m.Name == "" || !slices.Contains(research.ContributorRoles, m.Role) {
			return fmt.Errorf("署名人 %q 的角色 %q 无效", m.Name, m.Role)
		}
	}
	return nil
}
