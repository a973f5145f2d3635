package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zhijiao/internal/storage"
)

// run calls the CLI as a user would and returns exit code, stdout, stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestHelpIsBilingual(t *testing.T) {
	code, out, _ := run(t, "help")
	for _, want := range []string{"serve", "migrate", "demo", "import", "export", "user", "backup", "version", "启动网页服务", "run the web server"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("help lacks %q", want)
		}
	}
	_, _, errOut := run(t, "import", "-h")
	if !strings.Contains(errOut, "用法 / usage") || !strings.Contains(errOut, "-school") {
		t.Errorf("import -h: %s", errOut)
	}
	if code, _, _ := run(t, "nosuch"); code != 2 {
		t.Errorf("unknown command exit %d", code)
	}
}

// TestCommandLineRoundTrip: a small demo school, export, a bad import that
// writes nothing and exits 1, a good re-import, accounts, backup and restore.
func TestCommandLineRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := "sqlite:" + filepath.Join(dir, "z.db")
	if code, out, errOut := run(t, "migrate", "--db", db); code != 0 || !strings.Contains(out, "schema version") {
		t.Fatalf("migrate: %d %s %s", code, out, errOut)
	}
	// School codes are case-insensitive: made as CLI, found as cli and Cli.
	code, out, errOut := run(t, "demo", "--db", db, "--school", "CLI", "--students", "120")
	if code != 0 || !strings.Contains(out, "admin@cli") {
		t.Fatalf("demo: %d %s %s", code, out, errOut)
	}
	if code, _, errOut := run(t, "demo", "--db", db, "--school", "cli"); code == 0 || !strings.Contains(errOut, "已") {
		t.Fatalf("second demo with the same code: %d %s", code, errOut)
	}
	code, csv, errOut := run(t, "export", "students", "--db", db, "--school", "Cli", "--format", "csv")
	if code != 0 || strings.Count(csv, "\n") < 100 {
		t.Fatalf("export: %d %s", code, errOut)
	}
	xlsx := filepath.Join(dir, "s.xlsx")
	if code, _, errOut := run(t, "export", "students", "--db", db, "--school", "cli", "--format", "xlsx", "--out", xlsx); code != 0 {
		t.Fatalf("export xlsx: %s", errOut)
	}
	// Re-importing the export changes nothing.
	code, out, errOut = run(t, "import", "students", "--db", db, "--school", "cli", xlsx)
	if code != 0 || !strings.Contains(out, "新增 0，更新 0") {
		t.Fatalf("re-import: %d %s %s", code, out, errOut)
	}
	// A file with one bad row: exit 1, the row error printed, nothing written.
	lines := strings.Split(strings.TrimPrefix(csv, "\ufeff"), "\n")
	bad := lines[0] + "\n" + strings.Replace(lines[1], ",男,", ",男人,", 1) + "\n" + strings.Replace(lines[2], lines[2][:strings.Index(lines[2], ",")], "NEW0001", 1) + "\n"
	badPath := filepath.Join(dir, "bad.csv")
	os.WriteFile(badPath, []byte(bad), 0o644)
	code, _, errOut = run(t, "import", "students", "--db", db, "--school", "cli", badPath)
	if code != 1 || !strings.Contains(errOut, "第 2 行") || !strings.Contains(errOut, "未写入任何数据") {
		t.Fatalf("bad import: %d %s", code, errOut)
	}
	_, csv2, _ := run(t, "export", "students", "--db", db, "--school", "cli", "--format", "csv")
	if strings.Contains(csv2, "NEW0001") {
		t.Fatal("the valid row of a bad file was written")
	}
	// Accounts.
	code, out, errOut = run(t, "user", "create", "--db", db, "--school", "CLI", "--username", "ops@cli", "--name", "运维", "--role", "school_admin")
	if code != 0 || !strings.Contains(out, "初始密码") {
		t.Fatalf("user create: %d %s %s", code, out, errOut)
	}
	if code, _, _ := run(t, "user", "create", "--db", db, "--school", "cli", "--username", "x@other", "--role", "school_admin"); code == 0 {
		t.Fatal("created an account with another school's suffix")
	}
	if code, _, _ := run(t, "user", "create", "--db", db, "--school", "cli", "--username", "y@cli", "--role", "platform_admin"); code == 0 {
		t.Fatal("granted platform_admin inside a school")
	}
	if code, out, _ := run(t, "user", "reset", "--db", db, "--username", "ops@cli"); code != 0 || !strings.Contains(out, "新初始密码") {
		t.Fatalf("user reset: %s", out)
	}
	if code, out, _ := run(t, "user", "list", "--db", db, "--school", "cli"); code != 0 || !strings.Contains(out, "ops@cli") {
		t.Fatalf("user list: %s", out)
	}
	// Backup while "live", restore elsewhere, same roster.
	bak := filepath.Join(dir, "b.db")
	if code, _, errOut := run(t, "backup", "--db", db, "--out", bak); code != 0 {
		t.Fatalf("backup: %s", errOut)
	}
	restored := "sqlite:" + filepath.Join(dir, "r.db")
	// A server holding the database stops a restore (and a second server):
	// replacing the file under it would lose what it goes on writing.
	lock, err := storage.LockServer(restored)
	if err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := run(t, "restore", "--db", restored, "--from", bak); code == 0 || !strings.Contains(errOut, "服务正在运行") || !strings.Contains(errOut, "请先停止服务") {
		t.Fatalf("restore under a running server: %d %s", code, errOut)
	}
	if code, _, errOut := run(t, "serve", "--db", restored, "--addr", "127.0.0.1:0"); code == 0 || !strings.Contains(errOut, "服务正在运行") {
		t.Fatalf("second server: %d %s", code, errOut)
	}
	lock.Release()
	if code, _, errOut := run(t, "restore", "--db", restored, "--from", bak); code != 0 {
		t.Fatalf("restore: %s", errOut)
	}
	_, csv3, _ := run(t, "export", "students", "--db", restored, "--school", "cli", "--format", "csv")
	if csv3 != csv2 {
		t.Fatal("restored database exports a different roster")
	}
	if code, out, _ := run(t, "version"); code != 0 || !strings.Contains(out, "zhijiao") {
		t.Fatal("version")
	}
}
