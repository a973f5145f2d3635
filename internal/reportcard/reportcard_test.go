package reportcard_test

import (
	"archive/zip"
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zhijiao/internal/bench"
	"zhijiao/internal/eval"
	"zhijiao/internal/evalrun"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/report"
	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

var ctx = context.Background()

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

const (
	headComment = "该生学习态度端正，积极参加实训"
	peerComment = "同桌私下评价不应出现"
	awardTitle  = "市级职业院校技能大赛汽车维修项目"
)

// computed builds a fixture school with a computed cycle on the default
// framework: a rating from every task (the head teacher's with a comment,
// and a peer's comment that must never be printed), one verified
// competition award for student A1.
func computed(t *testing.T, st *storage.Storage) (*testfix.School, storage.EvalCycle) {
	t.Helper()
	fx := testfix.Build(t, st, "rc", false)
	testfix.Build(t, st, "rc2", false)
	sid, a := fx.School.ID, model.SystemActor
	f := eval.DefaultFramework()
	must(t, st.SaveFrameworkVersion(ctx, sid, a, &f))
	c := storage.EvalCycle{Cycle: model.Cycle{TermID: fx.Term.ID, Name: "2026秋综合素质评价", FrameworkID: f.ID, Seed: 3, PeerCount: 1}}
	must(t, st.CreateCycle(ctx, sid, a, &c))
	_, err := evalrun.Open(ctx, st, sid, a, c.ID)
	must(t, err)
	c, err = st.Cycle(ctx, sid, c.ID)
	must(t, err)
	in, err := st.EvalOrganisation(ctx, sid, c)
	must(t, err)
	rs := bench.GenerateRatings(f, in, 11)
	var head, peer bool
	for i := range rs {
		if rs[i].StudentID != fx.StudentA1.ID {
			continue
		}
		if rs[i].RaterRole == model.RaterHeadTeacher && !head {
			rs[i].Comment, head = headComment, true
		}
		if rs[i].RaterRole == model.RaterPeer && !peer {
			rs[i].Comment, peer = peerComment, true
		}
	}
	if !head || !peer {
		t.Fatalf("fixture: head teacher comment %v, peer comment %v", head, peer)
	}
	must(t, st.LoadRatings(ctx, sid, a, c.ID, rs))
	ev := model.Evidence{StudentID: fx.StudentA1.ID, TermID: fx.Term.ID, Kind: model.EvidenceCompetition, Title: awardTitle, Level: "市级", Prize: "一等奖", Date: "2026-11-02"}
	must(t, st.CreateEvidence(ctx, sid, a, &ev))
	must(t, st.ReviewEvidence(ctx, sid, a, ev.ID, true, ""))
	must(t, st.MoveCycle(ctx, sid, a, c.ID, model.CycleClosed, true))
	_, err = evalrun.Recompute(ctx, st, sid, a, c.ID)
	must(t, err)
	c, err = st.Cycle(ctx, sid, c.ID)
	must(t, err)
	return fx, c
}

// pdfText extracts a PDF's text with poppler's pdftotext (Debian
// poppler-utils); a missing tool fails the test.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext not found: apt-get install poppler-utils")
	}
	p := filepath.Join(t.TempDir(), "card.pdf")
	must(t, os.WriteFile(p, pdf, 0o600))
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	must(t, err)
	// pdftotext may break a table cell's characters apart.
	return strings.Join(strings.Fields(string(out)), "")
}

// TestCardFromStorage: the card of a computed result carries the school,
// the student (ID masked), term, every dimension, the verified record, the
// head teacher's comment and never a peer's; its PDF's text has the name
// and the dimension names in Chinese.
func TestCardFromStorage(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		fx, c := computed(t, st)
		l := &reportcard.Loader{St: st, VerifyBase: "https://pj.example.edu.cn"}
		card, err := l.Card(ctx, fx.School.ID, c, fx.StudentA1.ID)
		must(t, err)
		if card.SchoolName != fx.School.Name || card.Student.Name != fx.StudentA1.Name || card.Term != "2026-2027学年第一学期" {
			t.Fatalf("card header: %+v", card)
		}
		if len(card.Dimensions) != 7 || card.Level == "" || card.TotalClassAvg == 0 {
			t.Fatalf("card results: %+v", card)
		}
		for _, d := range card.Dimensions {
			if d.Level == "" || d.ClassAvg == 0 {
				t.Errorf("dimension %s without level or class average", d.Name)
			}
		}
		var buf bytes.Buffer
		must(t, report.RenderCard(&buf, card))
		text := pdfText(t, buf.Bytes())
		for _, want := range []string{fx.StudentA1.Name, fx.School.Name, "德", "智", "体", "美", "劳", "职业技能", "习惯养成", awardTitle, headComment, "班主任评语", idcheck.MaskID(fx.StudentA1.IDNumber)} {
			if !strings.Contains(text, strings.Join(strings.Fields(want), "")) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		if strings.Contains(text, peerComment) || strings.Contains(text, fx.StudentA1.IDNumber) {
			t.Error("PDF prints a peer's comment or the full ID number")
		}
		if !strings.HasPrefix(card.VerifyURL, "https://pj.example.edu.cn/verify/") {
			t.Errorf("QR URL %q", card.VerifyURL)
		}
		// Downloading again gives the same code.
		again, err := l.Card(ctx, fx.School.ID, c, fx.StudentA1.ID)
		must(t, err)
		if again.VerifyCode != card.VerifyCode {
			t.Errorf("code changed between downloads: %s → %s", card.VerifyCode, again.VerifyCode)
		}
	})
}

// TestVerify: a valid code shows name, school, term and levels; one symbol
// changed, an unknown code, and a code whose card changed afterwards are
// all invalid and show nothing.
func TestVerify(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		fx, c := computed(t, st)
		l := &reportcard.Loader{St: st, VerifyBase: "http://x"}
		card, err := l.Card(ctx, fx.School.ID, c, fx.StudentA1.ID)
		must(t, err)
		v, err := l.Verify(ctx, strings.ToLower(card.VerifyCode))
		must(t, err)
		if !v.Valid || v.Shown.Name != fx.StudentA1.Name || v.Shown.School != fx.School.Name || len(v.Shown.Terms) != 1 ||
			v.Shown.Terms[0].Level != card.Level || len(v.Shown.Terms[0].Dimensions) != 7 {
			t.Fatalf("valid code: %+v", v)
		}
		invalid := func(label, code string) {
			t.Helper()
			v, err := l.Verify(ctx, code)
			must(t, err)
			if v.Valid || v.Shown.Name != "" {
				t.Errorf("%s %q: %+v, want invalid and nothing shown", label, code, v)
			}
		}
		// Every single-symbol change is caught.
		raw, _ := reportcard.Normalize(card.VerifyCode)
		for i := range raw {
			for _, r := range "0123456789ABCDEFGHJKMNPQRSTVWXYZ" {
				if byte(r) == raw[i] {
					continue
				}
				if _, err := reportcard.Normalize(raw[:i] + string(r) + raw[i+1:]); err == nil {
					t.Fatalf("changing symbol %d of %s to %c passes the check", i, raw, r)
				}
			}
		}
		invalid("tampered", raw[:3]+string("0123456789ABCDEFGHJKMNPQRSTVWXYZ"[(strings.IndexByte("0123456789ABCDEFGHJKMNPQRSTVWXYZ", raw[3])+1)%32])+raw[4:])
		unknown, err := reportcard.NewCode()
		must(t, err)
		invalid("unknown", unknown)
		invalid("empty", "")
		// The student's record changes: the printed code stops verifying
		// at once, and the next download has a new code.
		stu := fx.StudentA1
		stu.Name = "张一改"
		must(t, st.UpdateStudent(ctx, fx.School.ID, model.SystemActor, stu))
		invalid("changed content", card.VerifyCode)
		fresh, err := (&reportcard.Loader{St: st, VerifyBase: "http://x"}).Card(ctx, fx.School.ID, c, fx.StudentA1.ID)
		must(t, err)
		if fresh.VerifyCode == card.VerifyCode {
			t.Fatal("changed card kept its code")
		}
		if v, _ := l.Verify(ctx, fresh.VerifyCode); !v.Valid || v.Shown.Name != "张一改" {
			t.Errorf("new code: %+v", v)
		}
		// Changing it back does not revive the superseded code.
		stu.Name = fx.StudentA1.Name
		must(t, st.UpdateStudent(ctx, fx.School.ID, model.SystemActor, stu))
		invalid("superseded", card.VerifyCode)
	})
}

// TestCodes: codes read forgivingly and print in groups.
func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 200 {
		c, err := reportcard.NewCode()
		must(t, err)
		if len(c) != 13 || seen[c] {
			t.Fatalf("code %q (len %d, repeated %v)", c, len(c), seen[c])
		}
		seen[c] = true
		f := reportcard.Format(c)
		typed := strings.ToLower(strings.NewReplacer("0", "o", "1", "l").Replace(f))
		if n, err := reportcard.Normalize(" " + typed + " "); err != nil || n != c {
			t.Fatalf("Normalize(%q) = %q, %v; want %q", typed, n, err, c)
		}
	}
	for _, bad := range []string{"", "ABC", "UUUUUUUUUUUUU", "0000-0000-0000-00"} {
		if _, err := reportcard.Normalize(bad); err == nil {
			t.Errorf("Normalize(%q) accepted", bad)
		}
	}
}

// TestArchive: the archive has the publicised terms only.
func TestArchive(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		fx, c := computed(t, st)
		l := &reportcard.Loader{St: st}
		if _, err := l.Archive(ctx, fx.School.ID, fx.StudentA1.ID); err != reportcard.ErrNoResult {
			t.Fatalf("archive before 公示: %v, want ErrNoResult", err)
		}
		must(t, st.MoveCycle(ctx, fx.School.ID, model.SystemActor, c.ID, model.CyclePublicised, true))
		cards, err := l.Archive(ctx, fx.School.ID, fx.StudentA1.ID)
		must(t, err)
		if len(cards) != 1 || cards[0].VerifyCode == "" {
			t.Fatalf("archive: %d cards", len(cards))
		}
		var buf bytes.Buffer
		must(t, report.RenderArchive(&buf, cards))
		if text := pdfText(t, buf.Bytes()); !strings.Contains(text, report.ArchiveTitle) || !strings.Contains(text, fx.StudentA1.Name) {
			t.Error("archive PDF lacks its title or the name")
		}
	})
}

// TestJobDo: a class export makes one PDF per student with a result and
// lists a student without one as a failure with the reason.
func TestJobDo(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		fx, c := computed(t, st)
		sid := fx.School.ID
		late := model.Student{StudentNo: "2026999", Name: "后来生", Gender: model.Male, IDType: model.IDPassport, IDNumber: "E12345678", ClassID: fx.ClassA.ID, EnrollmentStatus: model.StatusEnrolled}
		must(t, st.CreateStudent(ctx, sid, model.SystemActor, &late))
		u := fx.Users[model.RoleHeadTeacher]
		j := storage.ReportJob{CycleID: c.ID, Kind: storage.JobClass, TargetID: fx.ClassA.ID, Label: fx.ClassA.Name, Total: 3}
		must(t, st.CreateReportJob(ctx, sid, model.Actor{UserID: u.ID, Username: u.Username}, &j))
		r := reportcard.NewRunner(st, nil)
		must(t, r.Do(ctx, j))
		got, err := st.ReportJob(ctx, sid, j.ID)
		must(t, err)
		if got.State != storage.JobDone || got.Done != 3 || got.Total != 3 || len(got.Failures) != 1 || got.Failures[0].Name != "后来生" || got.Failures[0].Reason != reportcard.ErrNoResult.Error() {
			t.Fatalf("job: %+v", got)
		}
		data, err := st.ReportJobZip(ctx, sid, j.ID)
		must(t, err)
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		must(t, err)
		var pdfs int
		for _, f := range zr.File {
			if strings.HasSuffix(f.Name, ".pdf") {
				pdfs++
			}
		}
		if pdfs != 2 || len(zr.File) != 3 {
			t.Errorf("zip has %d files, %d PDFs", len(zr.File), pdfs)
		}
		// A restart: a running job is queued again once, then failed.
		j2 := storage.ReportJob{CycleID: c.ID, Kind: storage.JobClass, TargetID: fx.ClassB.ID, Label: fx.ClassB.Name}
		must(t, st.CreateReportJob(ctx, sid, model.SystemActor, &j2))
		for i, want := range []string{storage.JobQueued, storage.JobFailed} {
			ok, err := st.StartReportJob(ctx, sid, j2.ID, 1)
			must(t, err)
			if !ok {
				t.Fatalf("start %d refused", i)
			}
			_, _, err = st.RecoverReportJobs(ctx, 2, "中断")
			must(t, err)
			got, _ := st.ReportJob(ctx, sid, j2.ID)
			if got.State != want {
				t.Fatalf("after restart %d: %s, want %s", i+1, got.State, want)
			}
		}
	})
}

// TestRunnerResumesAfterRestart: a job a stopped server left running is
// picked up by the next server's worker and finished.
func TestRunnerResumesAfterRestart(t *testing.T) {
	st := testdb.SQLite(t)
	fx, c := computed(t, st)
	sid := fx.School.ID
	j := storage.ReportJob{CycleID: c.ID, Kind: storage.JobClass, TargetID: fx.ClassA.ID, Label: fx.ClassA.Name}
	must(t, st.CreateReportJob(ctx, sid, model.SystemActor, &j))
	ok, err := st.StartReportJob(ctx, sid, j.ID, 2) // the old server took it, then stopped
	must(t, err)
	if !ok {
		t.Fatal("start refused")
	}
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	reportcard.NewRunner(st, nil).Start(wctx)
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, err := st.ReportJob(ctx, sid, j.ID)
		must(t, err)
		if got.State == storage.JobDone {
			if got.Attempts != 2 || got.Done != 2 || got.ZipSize == 0 {
				t.Fatalf("resumed job: %+v", got)
			}
			return
		}
		if got.State == storage.JobFailed || time.Now().After(deadline) {
			t.Fatalf("job not resumed: %+v", got)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
