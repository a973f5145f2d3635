package cli

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// A wrong ZHIJIAO_TZ, ZHIJIAO_LOG or ZHIJIAO_LOG_LEVEL stops every command
// before it starts, with the reason: a typo in the zone would otherwise
// date every card and KPI period in another zone without a word. The
// zone is read once per process, so each case runs the test binary anew.
func TestBadConfigurationRefusedAtStart(t *testing.T) {
	if os.Getenv("ZJ_CONFIG_CHILD") == "1" {
		os.Exit(Main([]string{"version"}, os.Stdout, os.Stderr))
	}
	for _, c := range []struct{ env, want string }{
		{"ZHIJIAO_TZ=Mars/Olympus", "ZHIJIAO_TZ"},
		{"ZHIJIAO_LOG=xml", "ZHIJIAO_LOG"},
		{"ZHIJIAO_LOG_LEVEL=loud", "ZHIJIAO_LOG_LEVEL"},
		{"ZHIJIAO_TZ=Asia/Chongqing", ""},
	} {
		cmd := exec.Command(os.Args[0], "-test.run=^TestBadConfigurationRefusedAtStart$")
		cmd.Env = append(os.Environ(), "ZJ_CONFIG_CHILD=1", c.env)
		var errb bytes.Buffer
		cmd.Stderr = &errb
		err := cmd.Run()
		if c.want == "" {
			if err != nil {
				t.Fatalf("%s: %v %s", c.env, err, errb.String())
			}
			continue
		}
		if err == nil || !strings.Contains(errb.String(), c.want) || !strings.Contains(errb.String(), "配置错误") {
			t.Fatalf("%s started: %v %q", c.env, err, errb.String())
		}
	}
}
