package ui

import (
	"bytes"
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
)

// The English locale must cover every Chinese phrase the interface shows
// through t: the literals in templates, the whole Chinese string literals of
// the handlers (titles, flashes, form errors, labels), and the shared
// vocabularies (roles, statuses, programs …). Fragments glued to data
// ("学号 " + no) and format strings are not keys and are left out.

var tLiteral = regexp.MustCompile(`\bt "((?:[^"\\]|\\.)*)"`)

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// templatePhrases are the string literals passed to t in templates, plus
// the Chinese literals of dict calls (the import cards' names and hints).
func templatePhrases(t *testing.T) map[string]string {
	out := map[string]string{}
	files, _ := fs.Glob(assets, "templates/*.html")
	dictStr := regexp.MustCompile(`dict[^}]*`)
	lit := regexp.MustCompile(`"([^"]+)"`)
	for _, f := range files {
		b, _ := fs.ReadFile(assets, f)
		for _, m := range tLiteral.FindAllStringSubmatch(string(b), -1) {
			s, err := strconv.Unquote(`"` + m[1] + `"`)
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			out[s] = f
		}
		for _, d := range dictStr.FindAllString(string(b), -1) {
			for _, m := range lit.FindAllStringSubmatch(d, -1) {
				if hasHan(m[1]) {
					out[m[1]] = f
				}
			}
		}
	}
	return out
}

// goPhrases are the complete Chinese string literals of the package's Go
// files: not an operand of +, not a format string.
func goPhrases(t *testing.T) map[string]string {
	out := map[string]string{}
	files, _ := filepath.Glob("*.go")
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		glued := map[*ast.BasicLit]bool{}
		ast.Inspect(file, func(n ast.Node) bool {
			if be, ok := n.(*ast.BinaryExpr); ok && be.Op == token.ADD {
				for _, side := range []ast.Expr{be.X, be.Y} {
					if bl, ok := side.(*ast.BasicLit); ok {
						glued[bl] = true
					}
				}
			}
			return true
		})
		ast.Inspect(file, func(n ast.Node) bool {
			bl, ok := n.(*ast.BasicLit)
			if !ok || bl.Kind != token.STRING || glued[bl] {
				return true
			}
			s, err := strconv.Unquote(bl.Value)
			if err != nil || !hasHan(s) || strings.Contains(s, "%") || strings.HasPrefix(s, "<") {
				return true
			}
			out[s] = f
			return true
		})
	}
	return out
}

// vocabulary is what templates pass through t from data.
func vocabulary() []string {
	var out []string
	for _, r := range auth.RoleNames {
		out = append(out, r, roleKey(r))
	}
	for _, s := range model.EnrollmentStatuses {
		out = append(out, string(s))
	}
	for _, p := range model.Programs {
		out = append(out, string(p))
	}
	out = append(out, string(model.Male), string(model.Female), model.PlacementApprenticeship, model.PlacementInternship, model.PlacementShadowing)
	for _, l := range auditEntities {
		out = append(out, l.Label)
	}
	for _, l := range auditActions {
		out = append(out, l.Label)
	}
	for _, v := range auditFieldNames {
		out = append(out, v)
	}
	// Static messages of other packages shown through t.
	out = append(out, "密码至少 8 位", "密码需同时包含字母和数字", "企业名称不能为空", "记录不存在", "请选择班级", "请选择专业", "班级名称不能为空", "学号和姓名不能为空", "工号和姓名不能为空")
	return out
}

func requiredPhrases(t *testing.T) map[string]string {
	need := templatePhrases(t)
	for k, v := range goPhrases(t) {
		need[k] = v
	}
	for _, s := range vocabulary() {
		need[s] = "vocabulary"
	}
	return need
}

func TestEnglishCoversEveryPhrase(t *testing.T) {
	var missing []string
	for s, where := range requiredPhrases(t) {
		if _, ok := english[s]; !ok {
			missing = append(missing, where+": "+s)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("locale/en.json lacks %d phrases:\n%s", len(missing), strings.Join(missing, "\n"))
	}
	for k, v := range english {
		if strings.TrimSpace(v) == "" || hasHan(v) {
			t.Errorf("en.json: %q has no English translation (%q)", k, v)
		}
	}
}

// TestEnglishFileSorted keeps every locale/en*.json sorted by key, one key
// once, so merges stay small.
func TestEnglishFileSorted(t *testing.T) {
	files, _ := filepath.Glob("locale/en*.json")
	if len(files) == 0 {
		t.Fatal("no locale files")
	}
	for _, f := range files {
		checkSorted(t, f)
	}
}

func checkSorted(t *testing.T, file string) {
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatal(file + " is not an object")
	}
	prev := ""
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			t.Fatal(err)
		}
		k := tok.(string)
		if k <= prev && prev != "" {
			t.Errorf("%s: %q comes after %q (keep keys sorted, each once)", file, k, prev)
		}
		prev = k
		var v string
		if err := dec.Decode(&v); err != nil {
			t.Fatalf("%s %q: %v", file, k, err)
		}
	}
}
