package storage_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/research"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

func researchPaper(fx *testfix.School, title, doi string) *model.ResearchOutput {
	return &model.ResearchOutput{Kind: "paper", Title: title, Grade: "省级期刊", DatedOn: "2026-05-10",
		Fields: map[string]string{"journal": "职业教育研究", "issn": "1671-0568", "year": "2026", "issue": "5", "doi": doi},
		Contributors: []model.ResearchContributor{{TeacherID: fx.TeacherHead.ID, Role: research.RoleFirstAuthor},
			{TeacherID: fx.TeacherSubject.ID, Role: research.RoleAuthor}, {Name: "外校王五", Role: research.RoleAuthor}}}
}

// An output is one record credited to its contributors in order; the
// same identifier is always refused, a similar title until confirmed.
func TestResearchCreateAndDuplicates(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "ro", false)
		sid := fx.School.ID
		head := model.Actor{UserID: fx.Users[model.RoleHeadTeacher].ID}
		o := researchPaper(fx, "基于岗课赛证融通的中职数控专业教学改革研究", "10.3969/J.ISSN.1671-0568.2026.05.003")
		must(t, st.CreateResearchOutput(ctx, sid, head, o, storage.ResearchWrite{Proofs: []storage.ProofUpload{{Name: "封面.pdf", Data: []byte("%PDF-1.4 test")}}}))
		got, err := st.ResearchOutput(ctx, sid, o.ID)
		must(t, err)
		if got.Status != research.StatusPending || got.Ident != "doi:10.3969/j.issn.1671-0568.2026.05.003" || len(got.Contributors) != 3 ||
			got.Contributors[0].Name != "王老师" || got.Contributors[2].TeacherID != 0 || got.Contributors[2].Position != 3 {
			t.Fatalf("stored paper = %+v", got)
		}
		if fs, err := st.ResearchFiles(ctx, sid, o.ID); err != nil || len(fs) != 1 {
			t.Fatalf("files = %v, %v", fs, err)
		}
		// The co-author enters the same paper: the DOI catches it, even confirmed.
		again := researchPaper(fx, "岗课赛证融通的教学改革", "https://doi.org/10.3969/j.issn.1671-0568.2026.05.003")
		err = st.CreateResearchOutput(ctx, sid, head, again, storage.ResearchWrite{NotDuplicate: true})
		var dup *storage.ResearchDuplicate
		if !errors.As(err, &dup) || !dup.Exact || dup.Matches[0].ID != o.ID || !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "DOI") {
			t.Fatalf("same DOI: %v", err)
		}
		// Without a DOI, a similar title of the same kind is caught until confirmed.
		similar := researchPaper(fx, "基于“岗课赛证”融通的中职数控专业教学改革研究。", "")
		similar.Fields["issue"] = "6"
		err = st.CreateResearchOutput(ctx, sid, head, similar, storage.ResearchWrite{})
		if !errors.As(err, &dup) || dup.Exact || dup.Matches[0].ID != o.ID || !strings.Contains(err.Error(), "确认不是重复成果") {
			t.Fatalf("similar title: %v", err)
		}
		must(t, st.CreateResearchOutput(ctx, sid, head, similar, storage.ResearchWrite{NotDuplicate: true}))
		// ISBN is shared by textbooks and books.
		tb := &model.ResearchOutput{Kind: "textbook", Title: "数控车床编程与操作", Grade: "省级", DatedOn: "2025-08-01",
			Fields:       map[string]string{"publisher": "高等教育出版社", "isbn": "978-7-04-050713-3", "form": "活页式"},
			Contributors: []model.ResearchContributor{{TeacherID: fx.TeacherOther.ID}}}
		must(t, st.CreateResearchOutput(ctx, sid, head, tb, storage.ResearchWrite{}))
		book := &model.ResearchOutput{Kind: "book", Title: "数控加工工艺", DatedOn: "2025-08-01",
			Fields:       map[string]string{"publisher": "高等教育出版社", "isbn": "9787040507133"},
			Contributors: []model.ResearchContributor{{TeacherID: fx.TeacherOther.ID}}}
		if err := st.CreateResearchOutput(ctx, sid, head, book, storage.ResearchWrite{}); !errors.As(err, &dup) || !strings.Contains(err.Error(), "ISBN") {
			t.Fatalf("same ISBN as a textbook: %v", err)
		}
		// Bad input and another school's teacher are refused, nothing written.
		other := testfix.Build(t, st, "ro2", false)
		bad := researchPaper(fx, "另一篇论文", "10.1000/other")
		bad.Contributors = []model.ResearchContributor{{TeacherID: other.TeacherHead.ID}}
		if err := st.CreateResearchOutput(ctx, sid, head, bad, storage.ResearchWrite{}); !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "不是本校教师") {
			t.Fatalf("another school's teacher: %v", err)
		}
		bad = researchPaper(fx, "另一篇论文", "10.1000/other")
		bad.Fields["issn"] = "1671-0567"
		if err := st.CreateResearchOutput(ctx, sid, head, bad, storage.ResearchWrite{}); !errors.Is(err, storage.ErrRefused) || !strings.Contains(err.Error(), "校验位") {
			t.Fatalf("bad ISSN: %v", err)
		}
		if _, n, _ := st.ListResearchOutputs(ctx, sid, storage.ResearchFilter{ListQuery: model.ListQuery{Page: 1, PerPage: 20}}); n != 3 {
			t.Fatalf("outputs after refusals = %d, want 3", n)
		}
		if _, err := st.ResearchOutput(ctx, other.School.ID, o.ID); !errors.Is(err, storage.ErrNotFound) {
			t.Fatalf("another school reads the output: %v", err)
		}
	})
}

// Review verifies or rejects in bulk, all or none; edits and deletion
// keep the values before; lists filter and scope by contributor.
func TestResearchReviewHistoryAndScope(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		fx := testfix.Build(t, st, "rr", false)
		sid := fx.School.ID
		head := model.Actor{UserID: fx.Users[model.RoleHeadTeacher].ID}
		office := model.Actor{UserID: fx.Users[model.RoleResearch].ID}
		a := researchPaper(fx, "中职数学课堂的信息化教学设计", "10.1000/a1")
		b := &model.ResearchOutput{Kind: "project", Title: "课堂革命的实践研究", Level: "市级", Fields: map[string]string{"project_no": "2026-jy-01"},
			Stages:       []model.ResearchStage{{Stage: "立项", DatedOn: "2026-03-01"}},
			Contributors: []model.ResearchContributor{{TeacherID: fx.TeacherOther.ID}}}
		must(t, st.CreateResearchOutput(ctx, sid, head, a, storage.ResearchWrite{}))
		must(t, st.CreateResearchOutput(ctx, sid, office, b, storage.ResearchWrite{}))
		if err := st.ReviewResearchOutputs(ctx, sid, office, []int64{a.ID}, false, " "); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("reject without a reason: %v", err)
		}
		must(t, st.ReviewResearchOutputs(ctx, sid, office, []int64{a.ID, b.ID}, true, ""))
		if err := st.ReviewResearchOutputs(ctx, sid, office, []int64{a.ID}, false, "重复"); !errors.Is(err, storage.ErrRefused) {
			t.Fatalf("reviewing twice: %v", err)
		}
		// A teacher's edit sends it back to review; the 科研处's keeps it verified.
		a.Title = "中职数学课堂的信息化教学设计与实践"
		must(t, st.UpdateResearchOutput(ctx, sid, head, a, storage.ResearchWrite{}))
		b.Stages = append(b.Stages, model.ResearchStage{Stage: "中期", DatedOn: "2026-09-01"})
		must(t, st.UpdateResearchOutput(ctx, sid, office, b, storage.ResearchWrite{KeepStatus: true}))
		ga, _ := st.ResearchOutput(ctx, sid, a.ID)
		gb, _ := st.ResearchOutput(ctx, sid, b.ID)
		if ga.Status != research.StatusPending || gb.Status != research.StatusVerified || gb.Stage != "中期" || len(gb.Stages) != 2 || gb.DatedOn != "2026-09-01" {
			t.Fatalf("after edits: a %s, b %s %s %v", ga.Status, gb.Status, gb.Stage, gb.Stages)
		}
		must(t, st.ReviewResearchOutputs(ctx, sid, office, []int64{a.ID}, false, "请上传期刊封面"))
		// The head teacher's account hears of both decisions; the subject
		// teacher, a co-author, too.
		for _, key := range []string{model.RoleHeadTeacher, model.RoleSubjectTeacher} {
			ns, err := st.UnreadNotifications(ctx, sid, fx.Users[key].ID)
			must(t, err)
			var texts []string
			for _, n := range ns {
				texts = append(texts, n.Text)
			}
			if all := strings.Join(texts, "|"); !strings.Contains(all, "科研处退回了你的成果“中职数学课堂的信息化教学设计与实践”：请上传期刊封面") || !strings.Contains(all, "科研处已认定你的成果") {
				t.Errorf("%s's notices: %v", key, texts)
			}
		}
		must(t, st.DeleteResearchOutput(ctx, sid, head, a.ID, "录错了"))
		h, err := st.ResearchHistory(ctx, sid, a.ID)
		must(t, err)
		var acts []string
		for _, r := range h {
			acts = append(acts, r.Action)
		}
		if strings.Join(acts, ",") != "verify,edit,reject,delete" || h[1].Before.Title != "中职数学课堂的信息化教学设计" || h[3].Reason != "录错了" {
			t.Fatalf("history = %v %+v", acts, h)
		}
		// Lists: deleted outputs leave them; a teacher sees their own.
		list := func(f storage.ResearchFilter) int {
			t.Helper()
			f.ListQuery = model.ListQuery{Page: 1, PerPage: 20, Q: f.Q}
			_, n, err := st.ListResearchOutputs(ctx, sid, f)
			must(t, err)
			return n
		}
		for name, c := range map[string]struct {
			f    storage.ResearchFilter
			want int
		}{
			"all":              {storage.ResearchFilter{}, 1},
			"deleted":          {storage.ResearchFilter{Deleted: true}, 1},
			"kind":             {storage.ResearchFilter{Kind: "paper"}, 0},
			"year":             {storage.ResearchFilter{Year: 2026}, 1},
			"other year":       {storage.ResearchFilter{Year: 2025}, 0},
			"status":           {storage.ResearchFilter{Status: research.StatusVerified}, 1},
			"teacher":          {storage.ResearchFilter{TeacherID: fx.TeacherOther.ID}, 1},
			"department":       {storage.ResearchFilter{DepartmentID: fx.Department.ID}, 1},
			"query":            {storage.ResearchFilter{ListQuery: model.ListQuery{Q: "课堂革命"}}, 1},
			"scoped own":       {storage.ResearchFilter{Scoped: true, TeacherIDs: []int64{fx.TeacherOther.ID}}, 1},
			"scoped other":     {storage.ResearchFilter{Scoped: true, TeacherIDs: []int64{fx.TeacherHead.ID}}, 0},
			"scoped to no one": {storage.ResearchFilter{Scoped: true}, 0},
		} {
			if got := list(c.f); got != c.want {
				t.Errorf("%s: %d outputs, want %d", name, got, c.want)
			}
		}
		ids, err := st.TeachersOfDepartments(ctx, sid, []int64{fx.Department.ID})
		if err != nil || len(ids) != 3 {
			t.Errorf("teachers of the department: %v %v", ids, err)
		}
	})
}
