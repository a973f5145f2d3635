package api

import (
	"math"
	"net/http"
	"reflect"
	"strings"

	"zhijiao/internal/evalrun"
	"zhijiao/internal/httpx"
	"zhijiao/internal/model"
	"zhijiao/internal/stats"
)

// fairnessBody is a class's 评分者信度与提示 in a cycle: what the fairness
// page shows, as numbers. Undefined coefficients are left out, never NaN.
type fairnessBody struct {
	CycleID    int64                  `json:"cycle_id"`
	ClassID    int64                  `json:"class_id"`
	Ratings    int                    `json:"ratings"`
	Indicators []indicatorReliability `json:"indicators"`
	Flags      []raterFlag            `json:"flags"`
}

type indicatorReliability struct {
	Code            string          `json:"code"`
	Dimension       string          `json:"dimension"`
	Name            string          `json:"name"`
	Scale           model.ScaleKind `json:"scale"`
	Level           string          `json:"level"`
	Peers           int             `json:"peers"`
	Students        int             `json:"students"`
	PairableRatings int             `json:"pairable_ratings"`
	State           string          `json:"state"`
	Alpha           *float64        `json:"alpha,omitempty"`
	AlphaLow        *float64        `json:"alpha_low,omitempty"`
	AlphaHigh       *float64        `json:"alpha_high,omitempty"`
	Resamples       int             `json:"resamples"`
	PeersPerStudent int             `json:"peers_per_student"`
	MeanReliability *float64        `json:"mean_reliability,omitempty"`
	MeanLow         *float64        `json:"mean_low,omitempty"`
	MeanHigh        *float64        `json:"mean_high,omitempty"`
	PeersFor080     *int            `json:"peers_for_080,omitempty"`
	Badge           string          `json:"badge"`
	Agreement       *levelAgreement `json:"agreement,omitempty"`
}

type levelAgreement struct {
	Exact          *float64 `json:"exact,omitempty"`
	Adjacent       *float64 `json:"adjacent,omitempty"`
	Pairs          int      `json:"pairs"`
	Kappa          *float64 `json:"kappa,omitempty"`
	KappaPairs     int      `json:"kappa_pairs"`
	Fleiss         *float64 `json:"fleiss,omitempty"`
	FleissStudents int      `json:"fleiss_students"`
	FleissRaters   int      `json:"fleiss_raters"`
	AC1            *float64 `json:"ac1,omitempty"`
}

type raterFlag struct {
	Kind     stats.FlagKind  `json:"kind"`
	Role     model.RaterRole `json:"role"`
	RaterID  int64           `json:"rater_id"`
	Name     string          `json:"name,omitempty"`
	Ratings  int             `json:"ratings"`
	Steps    float64         `json:"steps"`
	T        *float64        `json:"t,omitempty"`
	Reason   string          `json:"reason"`
	ReasonEn string          `json:"reason_en"`
}

// stateNames are the API's words for stats.AlphaState.
var stateNames = map[stats.AlphaState]string{stats.AlphaEstimated: "estimated", stats.AlphaPerfect: "perfect",
	stats.AlphaAllSame: "all_same", stats.AlphaTooFew: "too_few", stats.AlphaInvalid: "invalid"}

func init() {
	operations["GET /cycles/{id}/fairness"] = opDoc{Tag: "评价", Summary: "班级评分者信度与提示", Resp: fairnessBody{},
		Params: []paramDoc{{Name: "class", Type: "integer", Desc: "班级编号（必填）"}},
		Desc: "与网页“评分者信度与提示”相同：每个互评指标的 Krippendorff α（按量表选定定序或定距）、95% 自助法区间、学生数与可配对评分数，" +
			"互评平均分（k 位同学）的信度与达到 0.80 所需人数，等级评分的一致率、加权 κ、Fleiss κ 与 Gwet AC1；以及值得复核的评分者（偏宽、偏严、全部同分）与自评偏差，各附原因。" +
			"无定义的系数不出现在响应中。周期属于其他学校、班级不在调用者可见范围内时返回 404。"}
	for k, v := range fairnessDocs {
		if strings.Contains(k, ".") {
			fieldDocs[k] = v
		} else {
			schemaDocs[k] = v
		}
	}
	enums[reflect.TypeFor[stats.FlagKind]()] = []string{string(stats.FlagStraightLine), string(stats.FlagLenient),
		string(stats.FlagSevere), string(stats.FlagSelfOver), string(stats.FlagSelfUnder)}
}

// cycleFairness answers GET /cycles/{id}/fairness?class=ID with the same
// checks as the page: the cycle in the caller's school, the class in the
// caller's scope (404 otherwise).
func (a *API) cycleFairness(w http.ResponseWriter, r *http.Request, c *call) {
	q := newQuery(r)
	classID := q.id("class")
	if classID == 0 && len(q.errs) == 0 {
		q.errs = append(q.errs, FieldError{Field: "class", Reason: "请指定班级编号"})
	}
	if !q.ok(w) {
		return
	}
	id, ok := httpx.PathID(r, "id")
	if !ok {
		notFound(w)
		return
	}
	ctx := r.Context()
	cy, err := a.st.Cycle(ctx, c.school, id)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	cl, err := a.st.Class(ctx, c.school, classID)
	if err != nil {
		a.storeErr(w, r, err)
		return
	}
	sc, err := a.scopeOf(ctx, c)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	if !sc.AllowsClass(cl.ID) {
		notFound(w)
		return
	}
	fa, err := evalrun.Fairness(ctx, a.st, c.school, cy, cl.ID)
	if err != nil {
		a.serverError(w, r, err)
		return
	}
	out := fairnessBody{CycleID: cy.ID, ClassID: cl.ID, Ratings: fa.Ratings, Indicators: []indicatorReliability{}, Flags: []raterFlag{}}
	for _, ir := range fa.Indicators {
		out.Indicators = append(out.Indicators, reliabilityJSON(ir))
	}
	for _, f := range fa.Flags {
		rf := raterFlag{Kind: f.Kind, Role: f.Role, RaterID: f.RaterID, Ratings: f.Ratings, Steps: f.Steps, T: num(f.T), Reason: f.Reason, ReasonEn: f.ReasonEn}
		if f.Role == model.RaterPeer || f.Role == model.RaterSelf {
			rf.Name = fa.Names[f.RaterID]
		} else {
			rf.Name = f.Name
		}
		if f.T == 0 {
			rf.T = nil
		}
		out.Flags = append(out.Flags, rf)
	}
	writeJSON(w, http.StatusOK, out)
}

func reliabilityJSON(ir evalrun.IndicatorReliability) indicatorReliability {
	x := indicatorReliability{Code: ir.Code, Dimension: ir.Dimension, Name: ir.Name, Scale: ir.Scale, Level: levelName(ir.Level),
		Peers: ir.Peers, Students: ir.Students, PairableRatings: ir.Alpha.Values, State: stateNames[ir.Alpha.State],
		Resamples: ir.Alpha.Resamples, PeersPerStudent: ir.K, MeanReliability: num(ir.Mean), MeanLow: num(ir.MeanLow),
		MeanHigh: num(ir.MeanHigh), Badge: ir.Badge()}
	if ir.Alpha.State == stats.AlphaEstimated || ir.Alpha.State == stats.AlphaPerfect {
		x.Alpha, x.AlphaLow, x.AlphaHigh = num(ir.Alpha.Alpha), num(ir.Alpha.Low), num(ir.Alpha.High)
	}
	if ir.NeededOK {
		x.PeersFor080 = &ir.Needed
	}
	if ag := ir.Agreement; ag != nil {
		x.Agreement = &levelAgreement{Exact: num(ag.Exact), Adjacent: num(ag.Adjacent), Pairs: ag.Pairs, Kappa: num(ag.Kappa),
			KappaPairs: ag.KappaPairs, Fleiss: num(ag.Fleiss), FleissStudents: ag.FleissStudents, FleissRaters: ag.FleissRaters, AC1: num(ag.AC1)}
	}
	return x
}

func levelName(l stats.Level) string {
	if l == stats.Interval {
		return "interval"
	}
	return "ordinal"
}

// num is a coefficient for JSON: nil when it is not a finite number.
func num(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// fairnessDocs are the Chinese descriptions of the schemas above.
var fairnessDocs = map[string]string{
	"Fairness":                               "一个班级在一个评价周期的评分者信度与提示",
	"Fairness.cycle_id":                      "评价周期编号",
	"Fairness.class_id":                      "班级编号",
	"Fairness.ratings":                       "该班级当前的评分条数",
	"Fairness.indicators":                    "每个互评指标的信度",
	"Fairness.flags":                         "值得复核的评分者与自评偏差",
	"IndicatorReliability":                   "一个互评指标上同学评分的信度",
	"IndicatorReliability.code":              "指标代码",
	"IndicatorReliability.dimension":         "所属维度",
	"IndicatorReliability.name":              "指标名称",
	"IndicatorReliability.scale":             "量表：score100 百分制、rating5 五分制、levels 等级制",
	"IndicatorReliability.level":             "α 的测量尺度：ordinal 定序（等级制、五分制、同学选择的等级选项）或 interval 定距（直接打 0–100 分）",
	"IndicatorReliability.peers":             "参与互评的同学人数",
	"IndicatorReliability.students":          "至少有 2 位同学评分的学生数（α 的可配对单元）",
	"IndicatorReliability.pairable_ratings":  "可配对的评分数 n",
	"IndicatorReliability.state":             "α 的状态：estimated 已估计、perfect 完全一致、all_same 全部评分相同（α 无定义）、too_few 数据不足、invalid 输入有误",
	"IndicatorReliability.alpha":             "一位同学评分的 Krippendorff α",
	"IndicatorReliability.alpha_low":         "α 的 95% 自助法区间下限（Hayes 与 Krippendorff 2007，固定种子）",
	"IndicatorReliability.alpha_high":        "α 的 95% 自助法区间上限",
	"IndicatorReliability.resamples":         "自助法重抽样次数",
	"IndicatorReliability.peers_per_student": "每名学生通常有几位同学评分（中位数）k",
	"IndicatorReliability.mean_reliability":  "k 位同学平均分的信度（Spearman–Brown）",
	"IndicatorReliability.mean_low":          "平均分信度的 95% 区间下限",
	"IndicatorReliability.mean_high":         "平均分信度的 95% 区间上限",
	"IndicatorReliability.peers_for_080":     "平均分信度达到 0.80 所需的同学人数；无法达到时不出现",
	"IndicatorReliability.badge":             "平均分信度的提示：warn 低于 0.667 宜复核、tentative 低于 0.80 仅供参考、空为可靠或无数值",
	"IndicatorReliability.agreement":         "等级评分的一致性（同学选择等级或选项的指标）",
	"LevelAgreement":                         "同学等级评分的一致性，等级按顺序编码",
	"LevelAgreement.exact":                   "同一学生的两份评分完全相同的比例",
	"LevelAgreement.adjacent":                "同一学生的两份评分相差不超过一级的比例",
	"LevelAgreement.pairs":                   "同一学生的评分对数",
	"LevelAgreement.kappa":                   "二次加权 κ：同一学生的每两份同学评分为一对（两种顺序都计入），全部配对合并计算",
	"LevelAgreement.kappa_pairs":             "评分对数",
	"LevelAgreement.fleiss":                  "Fleiss κ：只用评分人数等于最常见人数的学生",
	"LevelAgreement.fleiss_students":         "Fleiss κ 所用的学生数",
	"LevelAgreement.fleiss_raters":           "Fleiss κ 所用学生的评分人数",
	"LevelAgreement.ac1":                     "Gwet AC1：所有学生，评分人数可不同",
	"RaterFlag":                              "一个值得复核的评分者，或自评偏差较大的学生",
	"RaterFlag.kind":                         "提示类型",
	"RaterFlag.role":                         "评分者身份：self 自评、peer 互评、head_teacher 班主任、subject_teacher 任课教师、mentor 企业导师、parent 家长",
	"RaterFlag.rater_id":                     "评分者在该身份下的编号（自评和互评为学生编号）",
	"RaterFlag.name":                         "学生姓名（自评和互评时）或教师姓名（班主任、任课教师时）",
	"RaterFlag.ratings":                      "提示所依据的评分数（自评偏差为指标数）",
	"RaterFlag.steps":                        "偏离的量表级数（正为偏高）；全部同分时为所给的位置（从量表底部数起）",
	"RaterFlag.t":                            "偏宽、偏严的检验统计量（平均标准化偏差除以其标准误）",
	"RaterFlag.reason":                       "提示原因（中文）",
	"RaterFlag.reason_en":                    "提示原因（英文）",
}
