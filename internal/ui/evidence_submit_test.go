package ui_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
)

// TestEvidenceSubmitOneAction: the form's record, team members and proof
// are one storage call. The members of a team award are stored with the
// record; a proof over the account's quota refuses the whole submission,
// so no record without its proof is left behind.
func TestEvidenceSubmitOneAction(t *testing.T) {
	st := testdb.SQLite(t)
	s := newSite(t, st)
	ctx, sid := context.Background(), s.a.School.ID
	stu := s.login(t, "xs1@a1")
	form := url.Values{"kind": {"competition"}, "term_id": {itoa(s.a.Term.ID)}, "title": {"市中职技能大赛"}, "level": {model.AwardCity},
		"prize": {model.PrizeFirst}, "team": {"1"}, "team_members": {"张三、李四"}, "date": {"2026-05-20"}}
	code, body, loc := stu.evPost("/evidence", form, "proof", "奖状.png", evTinyPNG(t))
	if code != http.StatusSeeOther {
		t.Fatalf("submit: %d %s", code, snippet(body))
	}
	rows := evRows(t, st, sid, storage.EvidenceFilter{})
	if len(rows) != 1 || rows[0].TeamMembers != "张三、李四" || "/evidence/"+itoa(rows[0].ID) != loc {
		t.Fatalf("stored %+v", rows)
	}
	if log, _, err := st.AuditLog(ctx, sid, storage.AuditFilter{Entity: "evidence"}); err != nil || len(log) != 1 || !strings.Contains(log[0].After, "奖状.png") {
		t.Fatalf("one audit line with the file: %+v %v", log, err)
	}

	old := storage.ProofQuota
	storage.ProofQuota = storage.Quota{Files: 1, Bytes: 1 << 20}
	t.Cleanup(func() { storage.ProofQuota = old })
	code, body, _ = stu.evPost("/evidence", form, "proof", "奖状.png", evTinyPNG(t))
	expect(t, "over the quota", code, http.StatusUnprocessableEntity, body, "每个账号最多保存 1 个证明材料文件")
	if n := len(evRows(t, st, sid, storage.EvidenceFilter{})); n != 1 {
		t.Fatalf("a refused submission left %d records", n-1)
	}
}
