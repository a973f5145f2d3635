package storage_test

import (
	"context"
	"testing"
	"time"

	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// The portrait's own reads: the studios a teacher hosts or joined, their
// awards (teacher_awards and verified teaching awards crediting them,
// never a pending one or another school's), and the ratings they gave by
// cycle and class.
func TestTeacherPortraitReads(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "tp", false)
		other := testfix.Build(t, st, "tq", false)
		sid, head, subj := fx.School.ID, fx.TeacherHead.ID, fx.TeacherSubject.ID
		at := time.Now().UTC()
		var studio int64
		must(t, st.DB().QueryRowContext(ctx, `INSERT INTO studios (school_id, name, kind, level, host_teacher_id, founded_on, created_at)
			VALUES ($1, '数控技能大师工作室', '技能大师工作室', '市级', $2, '2024-09-01', $3) RETURNING id`, sid, head, at).Scan(&studio))
		_, err := st.DB().ExecContext(ctx, `INSERT INTO studio_members (school_id, studio_id, teacher_id, name, role, joined_on) VALUES ($1, $2, $3, '李老师', '成员', '2025-03-01')`, sid, studio, subj)
		must(t, err)
		_, err = st.DB().ExecContext(ctx, `INSERT INTO teacher_awards (school_id, teacher_id, title, level, prize, awarded_on, created_at) VALUES ($1, $2, '教学能力比赛', '市级', '一等奖', '2026-06-01', $3)`, sid, subj, at)
		must(t, err)
		member := testfix.Member{TeacherID: subj, Name: "李老师", Role: "参与"}
		testfix.AddResearch(t, st, fx, testfix.Research{Kind: "teaching_award", Title: "产教融合教学成果", Level: "国家级", Grade: "二等奖", Date: "2026-09-20", Members: []testfix.Member{member}})
		testfix.AddResearch(t, st, fx, testfix.Research{Kind: "competition", Title: "待审的比赛", Level: "市级", Grade: "三等奖", Date: "2026-10-01", Status: "pending", Members: []testfix.Member{member}})

		hs, err := st.TeacherStudios(ctx, sid, head)
		must(t, err)
		ss, err := st.TeacherStudios(ctx, sid, subj)
		must(t, err)
		if len(hs) != 1 || !hs[0].Host || hs[0].Role != "主持人" || len(ss) != 1 || ss[0].Host || ss[0].Role != "成员" {
			t.Errorf("studios: host %+v, member %+v", hs, ss)
		}
		if os, _ := st.TeacherStudios(ctx, other.School.ID, head); len(os) != 0 {
			t.Errorf("another school reads the studio: %+v", os)
		}
		aw, err := st.TeacherAwardsAll(ctx, sid, subj)
		must(t, err)
		if len(aw) != 2 || aw[0].Title != "产教融合教学成果" || aw[0].Source != "research" || aw[1].Source != "award" {
			t.Errorf("awards = %+v", aw)
		}
		testfix.SeverityCycle(t, st, fx)
		rc, err := st.TeacherRatingsGiven(ctx, sid, head)
		must(t, err)
		if len(rc) != 1 || rc[0].ClassID != fx.ClassA.ID || rc[0].Count == 0 || rc[0].CycleName != "宽严度测试" {
			t.Errorf("ratings given = %+v", rc)
		}
		if none, _ := st.TeacherRatingsGiven(ctx, sid, subj); len(none) != 0 {
			t.Errorf("the subject teacher gave no ratings: %+v", none)
		}
	})
}
