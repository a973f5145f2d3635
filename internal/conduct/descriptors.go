package conduct

// Descriptor is a preset behaviour a record is made from (早操迟到 −1 守时守纪):
// the record's title, habit category and signed points come from it, so a
// teacher taps one chip instead of typing three fields.
type Descriptor struct {
	ID       int64   `json:"id"`
	Name     string  `json:"name"`
	Category string  `json:"category"`
	Points   float64 `json:"points"` // signed: + praise, − deduction
	Active   bool    `json:"active"`
	Position int     `json:"position"`
}

// MaxBatch is the most students one batch records (a large class twice
// over): a bigger list is a mistake, not a class.
const MaxBatch = 120

// Bounds of a descriptor's points (the evidence form's 分值 range).
const (
	MinPoints = 0.5
	MaxPoints = 20
)

// DefaultDescriptors are the presets a school starts from: every habit
// category of the shipped framework, praise and deductions. 见义勇为 is
// above the default approval threshold on purpose, so the 德育处 sees it.
func DefaultDescriptors() []Descriptor {
	rows := []struct {
		name, cat string
		pts       float64
	}{
		{"早操迟到", "守时守纪", -1},
		{"上课迟到", "守时守纪", -1},
		{"旷课", "守时守纪", -3},
		{"全周无迟到早退", "守时守纪", 1},
		{"上课玩手机", "学习习惯", -2},
		{"课堂积极发言", "学习习惯", 1},
		{"作业认真按时完成", "学习习惯", 1},
		{"寝室内务整洁", "生活习惯", 1},
		{"熄灯后喧哗", "生活习惯", -1},
		{"浪费粮食", "生活习惯", -1},
		{"主动问好、礼貌待人", "文明礼仪", 1},
		{"仪容仪表不合规", "文明礼仪", -1},
		{"说脏话", "文明礼仪", -1},
		{"拾金不昧", "文明礼仪", 2},
		{"见义勇为", "文明礼仪", 5},
		{"主动打扫公共区域", "劳动习惯", 1},
		{"值日未完成", "劳动习惯", -1},
		{"工位整理整齐（6S）", "卫生习惯", 1},
		{"乱扔垃圾", "卫生习惯", -1},
	}
	out := make([]Descriptor, len(rows))
	for i, r := range rows {
		out[i] = Descriptor{Name: r.name, Category: r.cat, Points: r.pts, Active: true, Position: i + 1}
	}
	return out
}
