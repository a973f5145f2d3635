package storage_test

import (
	"context"
	"fmt"
	"testing"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
	"zhijiao/internal/testdb"
	"zhijiao/internal/testfix"
)

// Lists of names come by pinyin on both engines, not by code point
// (which would put 张 before 陈 and 白 after 赵). 测试 (ce) comes before
// 陈家 (chen).
func TestNamesSortByPinyin(t *testing.T) {
	testdb.Each(t, func(t *testing.T, st *storage.Storage) {
		ctx := context.Background()
		f := testfix.Build(t, st, "zh", false)
		sid := f.School.ID
		names := []string{"赵氏机械有限公司", "张记汽修有限公司", "白云电子有限公司", "陈家物流有限公司", "安达数控有限公司"}
		for i, n := range names {
			e := model.Enterprise{Name: n, CreditCode: idcheck.MakeCreditCode(fmt.Sprintf("91500000MA7U%05d", i+1))}
			must(t, st.CreateEnterprise(ctx, sid, model.SystemActor, &e))
		}
		list, _, err := st.Enterprises(ctx, sid, model.ListQuery{PerPage: 50})
		must(t, err)
		var got []string
		for _, e := range list {
			got = append(got, e.Name)
		}
		want := []string{"安达数控有限公司", "白云电子有限公司", f.Enterprise.Name, "陈家物流有限公司", "张记汽修有限公司", "赵氏机械有限公司"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("enterprises by name:\n got %v\nwant %v", got, want)
		}
	})
}
