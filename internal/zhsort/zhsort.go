// Package zhsort orders Chinese names the way schools list them: by pinyin
// (安娜, 白雪, 陈明, 张三, 赵六), not by code point (which puts 张 before 陈
// and 白 after 赵). Storage registers Compare as the SQLite collation "zh"
// and uses ICU's zh-Hans collation on PostgreSQL, so lists, pages and
// exports sort alike on both engines.
package zhsort

import (
	"sync"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// A collator keeps scratch buffers and is not safe for concurrent use, so
// each comparison borrows one.
var pool = sync.Pool{New: func() any { return collate.New(language.SimplifiedChinese) }}

// Compare returns -1, 0 or +1 as a sorts before, with or after b.
func Compare(a, b string) int {
	c := pool.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	pool.Put(c)
	return r
}
