package api

import "strings"

// Descriptions of the evaluation schemas, merged into schemaDocs.
var evalSchemaDocs = map[string]string{
	"Framework":                    "评价方案的一个版本：维度 → 指标 → 观测点，及等级与汇总规则",
	"Framework.version":            "版本号；保存后不再改变，评价周期固定引用某一版本",
	"Framework.description":        "方案说明",
	"Framework.dimensions":         "评价维度（德、智、体、美、劳、职业技能、习惯养成等）",
	"Framework.grading":            "等级划分与名额设置",
	"Framework.aggregation":        "各评价主体评分的汇总方式",
	"FrameworkSummary":             "评价方案列表中的一行：最新版本",
	"FrameworkSummary.version":     "最新版本号",
	"FrameworkSummary.versions":    "共有多少个版本",
	"FrameworkSummary.is_default":  "是否为新建评价周期的默认方案",
	"Dimension":                    "评价维度",
	"Dimension.weight":             "维度权重（%），各维度合计 100",
	"Dimension.indicators":         "维度下的评价指标",
	"Indicator":                    "评价指标",
	"Indicator.weight":             "指标在所属维度中的权重（%），同一维度合计 100",
	"Indicator.scale":              "量表：百分制、五分制或等级制",
	"Indicator.role_weights":       "各评价主体的权重（%），合计 100；未列出的主体不评此指标",
	"Indicator.observation_points": "观测点：评价者具体观察的内容",
	"ObservationPoint":             "观测点",
	"Indicator.choices":            "百分制、五分制指标上学生和家长可选的选项（名称与存储的分值），从高到低；空则用默认（优秀 95、良好 85、合格 70、待合格 50）",
	"Indicator.descriptors":        "每个等级或选项在本指标上的一句话说明，键为等级或选项名称",
	"Choice":                       "学生和家长可选的一个选项",
	"Choice.value":                 "选择后存储的分值，在指标的量表上（0–100 或 1–5）",
	"ObservationPoint.description": "给评价者看的说明",
	"Scale":                        "量表",
	"Scale.kind":                   "score100 百分制、rating5 五分制、levels 等级制",
	"Scale.levels":                 "等级制的各等级及折算分，从高到低",
	"ScaleLevel":                   "等级制中的一个等级",
	"ScaleLevel.points":            "该等级折算的百分制分数",
	"Grading":                      "等级划分",
	"Grading.thresholds":           "各等级的最低分和名额比例",
	"Grading.quota_scope":          "名额与排名的分组：class 班级（默认）、cohort 年级、major 专业、cycle 全周期；只计有总分的学生（待补评的不计）",
	"Grading.small_class_scope":    "按班级计算名额时，人数不足一个名额的小班合并到哪一范围共同计算：cohort 年级、major 专业、cycle 全周期；留空不合并",
	"LevelThreshold":               "一个等级的门槛",
	"LevelThreshold.level":         "等级：优秀、良好、合格、待合格",
	"LevelThreshold.min":           "达到该等级的最低总分",
	"LevelThreshold.max_percent":   "该等级最多占人数的百分比（0 表示不限）",
	"Aggregation":                  "同一评价主体多份评分的汇总方式",
	"Aggregation.trim_from":        "评分份数达到该数时去掉最高、最低分后取平均，否则取中位数",
	"Aggregation.trim_percent":     "两端各去掉的比例（%）",
	"Aggregation.min_peers":        "互评计入所需的最少人数（默认 3）：不足时互评不计入，权重按比例分给其他评价者",
	"Aggregation.role_methods":     "各评价主体的汇总方法：mean 平均、median 中位数、robust 去极值平均",
	"Aggregation.required_roles":   "按指标代码列出必须参评的评价主体（如 J01 必须有班主任评）：缺少时该学生为“待补评”",
	"Aggregation.min_others":       "每个指标至少需要几位自评以外的评价者（默认 1；互评人数达到 min_peers 才计入）：不足的学生为“待补评”，不计总分、不排名、不评等级",
	"Aggregation.fair_roles":       "宽严校正：这些评价主体（peer 互评，可加 head_teacher 班主任评、subject_teacher 任课教师评）的得分先按评价者宽严度（多面 Rasch 模型，按班级估计）校正再合成；留空不校正",
	"EvalCycle":                    "评价周期",
	"EvalCycle.term_id":            "所属学期编号",
	"EvalCycle.framework_id":       "固定引用的评价方案版本编号",
	"EvalCycle.framework_version":  "固定引用的评价方案版本号",
	"EvalCycle.state":              "状态：draft 草稿、open 评价中、closed 已截止、computed 已计算、publicised 公示中、final 已确认",
	"EvalCycle.seed":               "互评分配的随机种子，用于复现",
	"EvalCycle.peer_count":         "每名学生互评的同学人数",
	"EvalCycle.publicity_days":     "公示天数",
	"EvalCycle.opens_at":           "开始日期",
	"EvalCycle.closes_at":          "截止日期",
	"EvalCycle.scope_kind":         "评价范围：school 全校、department 专业部、cohort 年级",
	"EvalCycle.scope_id":           "评价范围对象编号（全校时为 0）",
	"EvalCycle.publicity_start":    "公示开始日期",
	"EvalCycle.publicity_end":      "公示结束日期（受理申诉的最后一天）",
	"EvalCycle.computed_at":        "最近一次计算结果的时间",
	"EvalCycle.policy_version":     "计算所用加分规则的版本号",
	"EvalCycle.created_by":         "创建人账号编号",
	"RatingTask":                   "一项评价任务：调用者以某一身份评价一名学生",
	"RatingTask.cycle_id":          "评价周期编号",
	"RatingTask.role":              "评价主体：self 自评、peer 互评、head_teacher 班主任、subject_teacher 任课教师、mentor 企业导师、parent 家长",
	"RatingTask.student_name":      "被评学生姓名",
	"RatingTask.done":              "评价表是否已完成（该身份须评的每个指标都已填写）；只填了一部分的是草稿，不计入完成率和结果",
	"RatingTask.filled":            "当前评价表已填写的指标数（0 表示未开始）",
	"RatingTask.required":          "该身份须评的指标数",
	"RatingSubmit":                 "一份评价表",
	"RatingSubmit.role":            "以哪个评价主体身份提交",
	"RatingSubmit.comment":         "评语（可选，最多 500 字）",
	"RatingSubmit.ratings":         "各指标的评分",
	"RatingValue":                  "一个指标的评分",
	"RatingValue.indicator_code":   "指标代码",
	"RatingValue.value":            "百分制 0–100 或五分制 1–5 的整数分值",
	"RatingValue.level":            "等级制的等级名称，如 良好",
	"RatingResult":                 "提交结果",
	"RatingResult.written":         "实际写入的评分条数（与上次相同的不再写入）",
}

// init merges these into schemaDocs (type names) and fieldDocs
// ("Type.field"). The OpenAPI document is built when first served, after
// every init has run.
func init() {
	for k, v := range evalSchemaDocs {
		m := schemaDocs
		if strings.Contains(k, ".") {
			m = fieldDocs
		}
		if _, dup := m[k]; !dup {
			m[k] = v
		}
	}
}
