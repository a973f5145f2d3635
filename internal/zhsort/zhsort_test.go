package zhsort

import (
	"slices"
	"testing"
)

func TestPinyinOrder(t *testing.T) {
	// Digits first, then Latin and Han by reading; a character with two
	// readings takes its common one (长 zhang, 重 zhong).
	names := []string{"张三", "赵六", "安娜", "陈明", "白雪", "2024级数控1班", "李四", "重庆汽车", "长安", "Zhang", "an"}
	slices.SortFunc(names, Compare)
	want := []string{"2024级数控1班", "an", "Zhang", "安娜", "白雪", "陈明", "李四", "张三", "长安", "赵六", "重庆汽车"}
	if !slices.Equal(names, want) {
		t.Fatalf("got %v\nwant %v", names, want)
	}
	if Compare("张三", "张三") != 0 || Compare("白雪", "张三") >= 0 {
		t.Fatal("compare")
	}
}
