package portrait

// The records KPIs are computed from. The storage layer reads them; each
// carries its id so a KPI can drill down to the records behind it.
//
// A record read from the district summaries stands for N records alike
// (same kind, date and answer) and has no id: one summary row is one value,
// so a page over a thousand schools never builds a struct per record. N 0
// means 1, the records the scan reads.

// weight is how many records a record with count n stands for.
func weight(n int) int { return max(n, 1) }

// Award is a skill-competition result (技能大赛), of a student or, with
// Teacher set, of a teacher (教师教学能力比赛 and the like).
type Award struct {
	ID      int64  `json:"id"`
	Title   string `json:"title"`
	Level   string `json:"level"` // model.AwardLevels: 国家级, 省级 (直辖市的市级), 地市级, 区县级, 校级
	Prize   string `json:"prize"` // model.Prizes
	Date    string `json:"date"`
	Teacher bool   `json:"teacher"`
	N       int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// CertAttempt is one sitting of a vocational certificate exam (职业资格 or
// 职业技能等级 1+X).
type CertAttempt struct {
	ID        int64  `json:"id"`
	StudentID int64  `json:"student_id"`
	Name      string `json:"name"`
	Date      string `json:"date"`
	Passed    bool   `json:"passed"`
	N         int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// Graduate is a student who graduated, with whether they also hold a
// vocational certificate (双证书).
type Graduate struct {
	StudentID   int64  `json:"student_id"`
	GraduatedOn string `json:"graduated_on"`
	Certified   bool   `json:"certified"`
	N           int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// Destination kinds (毕业去向).
const (
	DestEmployed     = "employed"      // 受雇就业
	DestSelfEmployed = "self_employed" // 自主创业
	DestEnlisted     = "enlisted"      // 应征入伍
	DestFurtherStudy = "further_study" // 升学
	DestNotEmployed  = "not_employed"  // 待就业
)

// DestinationNames are the kinds in Chinese.
var DestinationNames = map[string]string{
	DestEmployed: "受雇就业", DestSelfEmployed: "自主创业", DestEnlisted: "应征入伍", DestFurtherStudy: "升学", DestNotEmployed: "待就业",
}

// Destination is one graduate's answer in a destination survey.
type Destination struct {
	ID         int64  `json:"id"`
	StudentID  int64  `json:"student_id"`
	Kind       string `json:"kind"`
	Relevant   bool   `json:"relevant"` // work matches the major (专业对口)
	SurveyDate string `json:"survey_date"`
	First      bool   `json:"first"`       // the first survey after graduation (初次)
	N          int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// SurveyAnswer is one enterprise's overall answer to the employer survey.
type SurveyAnswer struct {
	ID           int64  `json:"id"`
	EnterpriseID int64  `json:"enterprise_id"`
	Date         string `json:"date"`
	Score        int    `json:"score"`       // 1 很不满意 … 5 很满意
	N            int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// TrainingSession is a social-training course the school ran (社会培训).
type TrainingSession struct {
	ID       int64  `json:"id"`
	Title    string `json:"title"`
	From     string `json:"from"`
	To       string `json:"to"`
	Trainees int    `json:"trainees"`
}

// Honour is a student honour such as 国家奖学金.
type Honour struct {
	ID    int64  `json:"id"`
	Kind  string `json:"kind"`
	Date  string `json:"date"`
	Title string `json:"title"`
	N     int    `json:"n,omitempty"` // records this one stands for (summaries); 0 = 1
}

// appendID adds a record's id to a drill-down list; summary records have
// none (0), and the district view that reads them does not drill down.
func appendID(ids []int64, id int64) []int64 {
	if id == 0 {
		return ids
	}
	return append(ids, id)
}
