package eval

import "zhijiao/internal/model"

// Role weight sets of the default framework. Each sums to 100. Every role
// rates only what it can observe: classmates what happens in class, in the
// dormitory and on duty (about nine indicators); parents what shows at
// home (six); the student reflects on conduct, study, habits and skills
// (thirteen) — short enough to finish on a phone in a minute. Teachers rate
// everything; the head teacher, who sees a student every day, weighs most
// on conduct, subject teachers on study and sport, mentors join where
// skills are used at work. docs/evaluation.md explains each choice.
var (
	rwSelfParent   = roles(10, 0, 50, 30, 0, 10)  // 品德：在校也在家
	rwSelf         = roles(10, 0, 60, 30, 0, 0)   // 自我反思，同学看不全
	rwPeerSeen     = roles(0, 20, 50, 30, 0, 0)   // 同学天天看得到
	rwSelfPeer     = roles(10, 20, 40, 30, 0, 0)  // 自己清楚、同学也看得到
	rwStudyPeer    = roles(10, 20, 30, 40, 0, 0)  // 学习态度：任课教师为主
	rwTeachConduct = roles(0, 0, 60, 40, 0, 0)    // 在校表现，教师评
	rwTeachStudy   = roles(0, 0, 30, 70, 0, 0)    // 学业、体质：任课教师为主
	rwSport        = roles(10, 0, 30, 60, 0, 0)   // 体育锻炼：体育教师为主
	rwMind         = roles(10, 0, 50, 20, 0, 20)  // 心理健康：在校也在家
	rwChores       = roles(20, 0, 30, 0, 0, 50)   // 家务劳动：家长为主
	rwWork         = roles(0, 0, 40, 40, 20, 0)   // 生产劳动：企业导师参与
	rwSelfSkill    = roles(10, 0, 40, 30, 20, 0)  // 技能：自评与企业导师
	rwTeamSkill    = roles(10, 20, 30, 20, 20, 0) // 职业素养：同伴合作看得到
	rwCert         = roles(0, 0, 40, 60, 0, 0)    // 证书与竞赛：专业教师为主
	rwIntern       = roles(0, 0, 30, 30, 40, 0)   // 实习：企业导师为主
	rwSelfHome     = roles(10, 0, 50, 10, 0, 30)  // 生活习惯：家长看在家
	rwHome         = roles(0, 0, 50, 20, 0, 30)   // 在家的习惯：家长评
)

func roles(self, peer, head, subject, mentor, parent float64) map[model.RaterRole]float64 {
	m := map[model.RaterRole]float64{}
	for i, w := range []float64{self, peer, head, subject, mentor, parent} {
		if w > 0 {
			m[model.RaterRoles[i]] = w
		}
	}
	return m
}

var (
	score100 = model.Scale{Kind: model.ScaleScore100}
	rating5  = model.Scale{Kind: model.ScaleRating5}
	levels4  = model.Scale{Kind: model.ScaleLevels, Levels: []model.ScaleLevel{
		{Name: "优秀", Points: 95}, {Name: "良好", Points: 85}, {Name: "合格", Points: 70}, {Name: "待合格", Points: 50},
	}}
)

// DefaultGrading is 优秀 ≥ 90 (at most 30% of a class), 良好 ≥ 80, 合格 ≥ 60,
// else 待合格.
func DefaultGrading() model.Grading {
	return model.Grading{
		Thresholds: []model.LevelThreshold{
			{Level: model.LevelExcellent, Min: 90, MaxPercent: 30},
			{Level: model.LevelGood, Min: 80},
			{Level: model.LevelPass, Min: 60},
			{Level: model.LevelFail, Min: 0},
		},
		QuotaScope: model.QuotaByClass,
	}
}

// DefaultAggregation is the rule described in the package doc.
func DefaultAggregation() model.Aggregation {
	return model.Aggregation{
		TrimFrom:    5,
		TrimPercent: 20,
		MinPeers:    defaultMinPeers,
		RoleMethods: map[model.RaterRole]string{model.RaterPeer: model.AggRobust},
	}
}

// ind builds an indicator; points come as name, description pairs and get
// codes "<indicator>-1", "<indicator>-2" ….
func ind(code, name string, weight float64, rw map[model.RaterRole]float64, sc model.Scale, points ...string) model.Indicator {
	in := model.Indicator{Code: code, Name: name, Weight: weight, Scale: sc, RoleWeights: rw}
	for i := 0; i+1 < len(points); i += 2 {
		in.ObservationPoints = append(in.ObservationPoints, model.ObservationPoint{
			Code: code + "-" + string(rune('1'+i/2)), Name: points[i], Description: points[i+1],
		})
	}
	return in
}

// DefaultFramework is the 中职 framework Zhijiao ships: 德、智、体、美、劳,
// 职业技能 and 习惯养成, 33 indicators. Schools copy and edit it. Every call
// returns a fresh value that shares nothing with other calls.
func DefaultFramework() model.Framework {
	f := model.Framework{
		Code:        "default",
		Name:        "中职学生综合素质评价方案（默认）",
		Version:     1,
		Description: "以德、智、体、美、劳五育为基础，突出职业技能与习惯养成，学生自评、同学互评、班主任评、任课教师评、企业导师评和家长评相结合的多元立体评价。",
		Grading:     DefaultGrading(),
		Aggregation: DefaultAggregation(),
		Dimensions: []model.Dimension{
			dimensionConduct(),
			dimensionStudy(),
			dimensionHealth(),
			dimensionArts(),
			dimensionLabour(),
			dimensionSkills(),
			dimensionHabits(),
		},
	}
	// The role maps above are shared package values; give every indicator
	// its own copy so that editing one never changes another.
	f = Clone(f)
	describe(&f)
	return f
}

// dimensionConduct is the default framework's 德 (conduct) dimension.
func dimensionConduct() model.Dimension {
	return model.Dimension{Code: "D", Name: "德", Weight: 20, Indicators: []model.Indicator{
		ind("D01", "思想品德", 25, rwSelfParent, score100,
			"理想信念", "热爱祖国，拥护中国共产党的领导，认真参加升旗仪式、主题班会和团课活动",
			"道德品质", "尊敬师长，孝敬父母，团结同学，乐于助人"),
		ind("D02", "遵纪守法", 25, rwSelf, score100,
			"遵守校规校纪", "遵守《中等职业学校学生公约》和学校各项规章制度，本学期无违纪处分",
			"法治意识", "学法、知法、守法，有自我保护意识，不参与校园欺凌"),
		ind("D03", "集体意识", 20, rwPeerSeen, score100,
			"关心集体", "关心班级和学校，爱护公物，维护集体荣誉",
			"参与集体活动", "积极参加班级、团队活动，服从安排，主动承担班级工作"),
		ind("D04", "诚实守信", 15, rwSelfPeer, score100,
			"诚实", "说真话、做实事，考试不作弊，作业不抄袭",
			"守信", "遵守约定，借物按时归还，对自己的言行负责"),
		ind("D05", "社会责任", 15, rwTeachConduct, score100,
			"志愿服务", "积极参加志愿服务和公益活动",
			"社会实践", "参加社会实践、社区服务，关心社会，有责任担当"),
	}}
}

// dimensionStudy is the default framework's 智 (study) dimension.
func dimensionStudy() model.Dimension {
	return model.Dimension{Code: "Z", Name: "智", Weight: 15, Indicators: []model.Indicator{
		ind("Z01", "文化课学习", 30, rwTeachStudy, score100,
			"课堂表现", "认真听讲，积极思考，主动回答问题",
			"学业成绩", "语文、数学、英语、思想政治、历史等公共基础课考核达到课程标准要求"),
		ind("Z02", "专业课学习", 30, rwTeachStudy, score100,
			"专业知识", "掌握专业核心课程的基本知识和原理",
			"专业成绩", "专业课程考核合格，能把所学知识用于实训"),
		ind("Z03", "学习态度", 15, rwStudyPeer, score100,
			"主动学习", "课前预习、课后复习，遇到问题主动请教",
			"作业完成", "按时、独立、认真完成作业和实训报告"),
		ind("Z04", "信息素养", 10, rwTeachStudy, score100,
			"信息技术应用", "能熟练使用计算机和常用软件，会利用网络查找学习资料",
			"网络文明", "文明上网，能辨别不良信息，保护个人信息"),
		ind("Z05", "创新思维", 15, rwTeachStudy, score100,
			"创新意识", "善于思考，敢于提出自己的想法和改进办法",
			"创新实践", "参加科技创新、小发明小制作等活动"),
	}}
}

// dimensionHealth is the default framework's 体 (health and sport) dimension.
func dimensionHealth() model.Dimension {
	return model.Dimension{Code: "T", Name: "体", Weight: 10, Indicators: []model.Indicator{
		ind("T01", "体质健康", 40, rwTeachStudy, score100,
			"体质测试", "《国家学生体质健康标准》测试达到合格及以上",
			"身体素质", "身体健康，耐力、力量、速度等素质良好"),
		ind("T02", "体育锻炼", 30, rwSport, score100,
			"体育课表现", "认真上好体育与健康课，不无故缺课",
			"课外锻炼", "坚持大课间和课外体育锻炼，每天锻炼一小时"),
		ind("T03", "运动技能", 10, rwTeachStudy, score100,
			"运动专长", "掌握一至两项运动技能",
			"体育活动", "积极参加校运会、体育节和各类体育比赛"),
		ind("T04", "心理健康", 20, rwMind, score100,
			"情绪管理", "情绪稳定，能正确面对挫折和压力",
			"人际交往", "与同学、老师和家人相处融洽，能主动寻求帮助"),
	}}
}

// dimensionArts is the default framework's 美 (arts) dimension.
func dimensionArts() model.Dimension {
	return model.Dimension{Code: "M", Name: "美", Weight: 5, Indicators: []model.Indicator{
		ind("M01", "审美素养", 40, rwTeachStudy, rating5,
			"审美能力", "能发现、感受和欣赏自然美、社会美、艺术美",
			"艺术课程", "认真学习艺术课程，完成艺术作业"),
		ind("M02", "艺术实践", 30, rwTeachConduct, rating5,
			"艺术活动", "参加文艺演出、书法绘画、摄影等校园文化活动",
			"特长展示", "有一项艺术爱好或特长，乐于展示"),
		ind("M03", "仪容仪表", 30, rwPeerSeen, rating5,
			"着装得体", "按规定穿校服，仪容整洁大方，不染发、不化浓妆、不佩戴夸张饰品",
			"举止文雅", "言谈举止文明得体，展现职业学校学生的良好形象"),
	}}
}

// dimensionLabour is the default framework's 劳 (labour) dimension.
func dimensionLabour() model.Dimension {
	return model.Dimension{Code: "L", Name: "劳", Weight: 10, Indicators: []model.Indicator{
		ind("L01", "劳动观念", 20, rwTeachConduct, score100,
			"劳动态度", "尊重劳动和劳动者，珍惜劳动成果",
			"劳动精神", "理解并践行劳模精神、劳动精神、工匠精神"),
		ind("L02", "校园劳动", 30, rwPeerSeen, score100,
			"值日与卫生", "认真完成教室、寝室和包干区值日",
			"公益劳动", "积极参加校园公益劳动和劳动周活动"),
		ind("L03", "家务劳动", 20, rwChores, score100,
			"家务劳动", "主动承担洗碗、打扫、做饭等力所能及的家务",
			"生活自理", "自己的衣物自己洗，自己的房间自己整理"),
		ind("L04", "生产劳动", 30, rwWork, score100,
			"实训劳动", "在实训和生产性实训中遵守操作规程，按要求完成劳动任务",
			"劳动安全", "遵守安全生产规范，爱护设备、工具和材料"),
	}}
}

// dimensionSkills is the default framework's 职业技能 (vocational skills) dimension.
func dimensionSkills() model.Dimension {
	return model.Dimension{Code: "J", Name: "职业技能", Weight: 25, Indicators: []model.Indicator{
		ind("J01", "专业技能", 30, rwSelfSkill, score100,
			"操作技能", "熟练掌握本专业核心岗位技能，达到课程考核要求",
			"技能训练", "积极参加技能训练，勤学苦练，技能水平不断提高"),
		ind("J02", "技能证书", 15, rwCert, score100,
			"考证备考", "积极参加职业资格证书、1+X 职业技能等级证书的培训和考试",
			"证书获取", "取得与所学专业相关的证书"),
		ind("J03", "技能竞赛", 15, rwCert, score100,
			"参赛", "积极报名参加校级及以上技能竞赛，认真备赛",
			"竞赛成绩", "在技能竞赛中取得名次"),
		ind("J04", "实习实训", 20, rwIntern, score100,
			"实训表现", "实训课遵守规程，按时完成实训项目，实训报告规范",
			"岗位实习", "跟岗、顶岗实习或学徒岗位上完成岗位任务，遵守企业制度"),
		ind("J05", "职业素养", 15, rwTeamSkill, score100,
			"工匠精神", "精益求精，严谨细致，追求质量",
			"团队协作", "与同伴分工合作，沟通顺畅",
			"6S 管理", "实训场所做到整理、整顿、清扫、清洁、素养、安全"),
		ind("J06", "创新创业", 5, rwSelfSkill, score100,
			"创新创业活动", "参加创新创业课程、大赛或技术改进项目",
			"职业规划", "了解专业对应的岗位和发展路径，有清晰的职业生涯规划"),
	}}
}

// dimensionHabits is the default framework's 习惯养成 (habits) dimension.
func dimensionHabits() model.Dimension {
	return model.Dimension{Code: "X", Name: "习惯养成", Weight: 15, Indicators: []model.Indicator{
		ind("X01", "学习习惯", 20, rwSelfPeer, levels4,
			"专心听讲", "按时上课，专心听讲，不玩手机、不睡觉",
			"整理笔记", "做好课堂笔记，独立完成作业，及时订正错题"),
		ind("X02", "生活习惯", 15, rwSelfHome, levels4,
			"作息规律", "按时起床、就寝，不熬夜，不沉迷手机和网络游戏",
			"勤俭节约", "节约水电和粮食，合理消费"),
		ind("X03", "文明礼仪", 20, rwPeerSeen, levels4,
			"礼貌待人", "见到老师和客人主动问好，使用文明用语",
			"公共秩序", "排队就餐，上下楼梯靠右行，公共场所不大声喧哗"),
		ind("X04", "劳动习惯", 15, rwHome, levels4,
			"自己的事自己做", "自己的事情自己做，不依赖他人",
			"物品整理", "课桌、寝室、工位物品摆放整齐"),
		ind("X05", "卫生习惯", 15, rwHome, levels4,
			"个人卫生", "勤洗澡、勤换衣，保持个人清洁",
			"公共卫生", "不乱扔垃圾，做好垃圾分类，保持环境整洁"),
		ind("X06", "守时守纪", 15, rwSelfPeer, levels4,
			"守时", "不迟到、不早退、不旷课，按时完成任务",
			"守纪", "遵守课堂、寝室、实训室纪律，服从管理"),
	}}
}
