package research

import (
	"strings"
	"testing"
)

func TestParseContributors(t *testing.T) {
	ts := []TeacherRef{{1, "张三", "T001"}, {2, "李四", "T002"}, {3, "李四", "T003"}, {4, "王芳", "T004"}}
	got, err := ParseContributors("张三(主持)；李四 T003;外单位：王五（参与）; T004", ts)
	if err != nil {
		t.Fatal(err)
	}
	want := []ContributorRef{{1, "张三", "主持", nil}, {3, "李四", "", nil}, {0, "王五", "参与", nil}, {4, "王芳", "", nil}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("contributor %d = %+v, want %+v", i+1, got[i], want[i])
		}
	}
	shared, err := ParseContributors("张三(主持,60%);外单位:王五(40%)", ts)
	if err != nil || *shared[0].Share != 60 || shared[0].Role != "主持" || *shared[1].Share != 40 {
		t.Fatalf("shares: %+v %v", shared, err)
	}
	if f := FormatContributors(shared, map[int64]string{1: "T001"}); f != "张三 T001(主持,60%);外单位:王五(40%)" {
		t.Errorf("formatted shares = %q", f)
	}
	staff := map[int64]string{1: "T001", 3: "T003", 4: "T004"}
	again, err := ParseContributors(FormatContributors(got, staff), ts)
	if err != nil || len(again) != 4 || again[1].TeacherID != 3 || again[2].TeacherID != 0 {
		t.Errorf("round trip: %v %v", again, err)
	}
	for in, msg := range map[string]string{
		"李四":      "本校有 2 位教师叫“李四”（工号 T002、T003）",
		"赵六":      "“赵六”不是本校教师（外单位人员请写作“外单位:赵六”）",
		"张三(组长)":  "“张三”的角色“组长”不在可选范围",
		"张三;外单位:": "“外单位:”后缺少姓名",
	} {
		if _, err := ParseContributors(in, ts); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("ParseContributors(%q) = %v, want %q", in, err, msg)
		}
	}
}
