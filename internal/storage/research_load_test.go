package storage_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/model"
	"zhijiao/internal/portrait"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// TestLoadResearch: a bulk load of outputs writes them with their stages
// and contributors in order, leaves the school behind for the district
// summaries, and a load with one bad row writes nothing.
func TestLoadResearch(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx, a := context.Background(), model.Actor{Username: "demo"}
		f := testfix.Build(t, st, "rload", false)
		sid := f.School.ID
		if _, err := st.RefreshKPISummaries(ctx); err != nil {
			t.Fatal(err)
		}
		head := storage.ResearchLoadMember{TeacherID: f.TeacherHead.ID, Name: f.TeacherHead.Name, Role: "主持"}
		rs := []storage.ResearchLoad{
			{Kind: "project", Title: "课题甲", Level: "市级", Stage: "结题", Date: "2024-03-01", Fields: "{}", Status: "verified",
				Stages:  []storage.ResearchLoadStage{{Stage: "立项", Date: "2024-03-01"}, {Stage: "结题", Date: "2026-04-01"}},
				Members: []storage.ResearchLoadMember{head, {Name: "校外专家", Role: "参与"}}},
			{Kind: "paper", Title: "论文乙", Grade: "核心期刊", Date: "2026-05-01", Fields: "{}", Status: "rejected", RejectReason: "刊号不符",
				Members: []storage.ResearchLoadMember{{TeacherID: f.TeacherSubject.ID, Name: f.TeacherSubject.Name, Role: "第一作者"}, {TeacherID: f.TeacherHead.ID, Name: f.TeacherHead.Name, Role: "作者"}}},
		}
		before := time.Now()
		if err := st.LoadResearch(ctx, sid, a, rs, "测试"); err != nil {
			t.Fatal(err)
		}
		if _, asOf, err := st.KPISummaryInputs(ctx, []int64{sid}, portrait.Period{}); err != nil || !asOf.Before(before) {
			t.Errorf("the load left the summaries as of %v (%v), want behind", asOf, err)
		}
		outs, err := st.TeacherResearchOutputs(ctx, sid, f.TeacherHead.ID)
		if err != nil || len(outs) != 2 {
			t.Fatalf("%d outputs, %v", len(outs), err)
		}
		if o := outs[0]; o.Title != "论文乙" || o.Role != "作者" || o.Position != 2 || o.Members != 2 || o.Status != "rejected" || o.RejectReason != "刊号不符" {
			t.Errorf("the paper reads %+v", o)
		}
		in, err := st.KPIInputs(ctx, sid, portrait.Period{From: "2026-01-01", To: "2026-12-31"})
		if err != nil || len(in.Research) != 1 || in.Research[0].Stage != "结题" {
			t.Errorf("counted %+v (%v), want the project's 结题 only", in.Research, err)
		}
		bad := append(rs, storage.ResearchLoad{Kind: "poem", Title: "诗", Date: "2026-01-01", Fields: "{}", Status: "verified", Members: []storage.ResearchLoadMember{head}})
		if err := st.LoadResearch(ctx, sid, a, bad, "测试"); err == nil || !strings.Contains(err.Error(), "第 3 项") {
			t.Errorf("a bad row: %v", err)
		}
		// A contributor the database refuses (no such teacher in the school)
		// fails after the outputs went in: the transaction takes them back.
		ghost := append(rs[:1:1], storage.ResearchLoad{Kind: "paper", Title: "论文丙", Date: "2026-01-01", Fields: "{}", Status: "verified",
			Members: []storage.ResearchLoadMember{{TeacherID: 999999, Name: "查无此人", Role: "第一作者"}}})
		if err := st.LoadResearch(ctx, sid, a, ghost, "测试"); err == nil {
			t.Error("a contributor who is no teacher of the school was accepted")
		}
		if n, err := st.TeacherResearchCount(ctx, sid, f.TeacherHead.ID); err != nil || n != 2 {
			t.Errorf("after the refused load the teacher has %d outputs (%v), want 2", n, err)
		}
	})
}
