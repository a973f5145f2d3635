// Package report renders the printed 综合素质评价报告单 (one term's evaluation
// report card of one student) and the graduation archive (毕业档案) as PDF.
//
// It is a pure rendering package: plain input structs in, PDF bytes out. It
// never touches SQL or HTTP; the caller (a handler, the CLI, a benchmark)
// fills a Card from storage and the engine's StudentResult.
//
// The fonts are embedded in the binary and (as subsets) in every PDF, so
// reports render identically on a machine with no fonts installed: Droid
// Sans Fallback for Chinese (cut to GB 2312, with the full font added only
// for rarer characters) and Roboto for Latin letters, digits and Western
// punctuation, which Droid Sans Fallback lacks (Apache License 2.0, see
// fonts/LICENSE). They are parsed once per process (gopdf.FontContainer);
// each document only subsets the glyphs it uses.
//
// Entry points:
//
//	RenderCard(w, card)              one A4 report card (1 page, more when evidence is long)
//	RenderArchive(w, cards)          cover page + one card section per term
//	RenderMany(cards, workers, out)  many cards in parallel, one PDF each
package report

// Card is everything printed on one term's report card. All strings are
// printed as given (no HTML, no escaping); empty optional fields print as
// blank cells or are left out.
type Card struct {
	SchoolName string // 学校名称, e.g. "重庆市渝北职业教育中心"
	Term       string // e.g. "2026-2027学年第一学期"

	Student Student

	// Dimensions are the 评价维度 in framework order. The radar chart is
	// drawn when there are at least 3; scores are on 0–100.
	Dimensions []Dim

	Total         float64 // 综合得分, 0–100
	TotalClassAvg float64 // 班级平均综合得分; 0 prints "—"
	Level         string  // 综合等级: 优秀 / 良好 / 合格 / 待合格 (model.Level as string)
	// Incomplete is 待补评: the student lacks required ratings, so the card
	// prints "待补评" where the total and level would be, never a 0.
	Incomplete bool

	// Evidence lines are verified 写实记录, already formatted one per line,
	// e.g. "2026-11-02 全国职业院校技能大赛 汽车维修 省级 一等奖". Long lines
	// wrap; many lines continue on further pages.
	Evidence []string

	// Comments are the 评语, printed in the given order with their role label.
	Comments []Comment

	// VerifyCode is printed in full; VerifyURL is what the QR code encodes
	// (usually the verification page with the code in it). The printed line
	// shows VerifySite when set, else VerifyURL without its query string.
	VerifyCode string
	VerifyURL  string
	VerifySite string

	// IssueDate is printed under the school stamp box when set, e.g.
	// "2027年1月20日".
	IssueDate string
}

// Student is the student block of a card. IDNumber is the full identity
// number; the card only ever prints it masked (idcheck.MaskID).
type Student struct {
	Name      string
	StudentNo string // 学号
	ClassName string // 班级
	MajorName string // 专业
	Gender    string // 男 / 女
	IDNumber  string // full number; printed masked
	EntryYear int    // 入学年份; 0 prints blank
}

// Dim is one row of the dimension table and one axis of the radar chart.
type Dim struct {
	Name     string  // 维度名称, e.g. "思想品德"
	Score    float64 // the student's score, 0–100
	ClassAvg float64 // 班级平均, 0–100
	Level    string  // 等级 on this dimension; may be empty
	Missing  bool    // nothing of the dimension counts yet (待补评): "—", not a 0
}

// Comment is one 评语 with the role that wrote it, e.g. Role "班主任",
// Text "该生学习态度端正……". Role is printed as "班主任评语：".
type Comment struct {
	Role string
	Text string
}
