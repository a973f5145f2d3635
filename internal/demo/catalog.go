package demo

// The demo school's fixed catalogue: categories, departments, majors and
// their core courses, public courses, enterprise templates. The 6-digit
// major codes are demo school data under the right 2-digit 大类 prefix, not
// a copy of any official list.

type categoryDef struct{ code, name string }

var categories = []categoryDef{
	{"64", "土木建筑大类"},
	{"66", "装备制造大类"},
	{"70", "交通运输大类"},
	{"71", "电子与信息大类"},
	{"73", "财经商贸大类"},
	{"74", "旅游大类"},
	{"76", "文化艺术大类"},
	{"77", "教育与体育大类"},
	{"79", "公共管理与服务大类"},
}

type deptDef struct {
	name, desc string
	female     float64 // share of women among its teachers
	// enterprise templates: industry, name pattern (%s is the 字号),
	// mentor titles; kindergarten-like ones are 民办非企业单位 (code 52).
	enterprises []enterpriseDef
}

type enterpriseDef struct {
	industry  string
	pattern   string
	nonProfit bool
	titles    []string
}

var departments = []deptDef{
	{name: "汽车专业部", desc: "汽车运用与维修、新能源汽车运用与维修", female: 0.18, enterprises: []enterpriseDef{
		{"汽车销售与服务", "重庆%s汽车销售服务有限公司", false, []string{"售后服务经理", "技术总监", "机电维修技师"}},
		{"汽车维修", "重庆%s汽车维修有限公司", false, []string{"车间主任", "高级技师", "钣喷主管"}},
		{"新能源汽车", "重庆%s新能源汽车科技有限公司", false, []string{"电池技术主管", "售后技术经理", "高级技师"}},
		{"汽车服务", "重庆%s汽车服务有限公司", false, []string{"店长", "技术主管", "服务顾问主管"}},
		{"汽车零部件制造", "重庆%s汽车零部件有限公司", false, []string{"生产主管", "质量工程师", "班组长"}},
	}},
	{name: "智能制造专业部", desc: "数控、机电、工业机器人、智能设备与电子类专业", female: 0.22, enterprises: []enterpriseDef{
		{"机械制造", "重庆%s精密机械有限公司", false, []string{"数控车间主任", "工艺工程师", "高级技师"}},
		{"智能装备", "重庆%s智能装备有限公司", false, []string{"技术总监", "调试工程师", "生产经理"}},
		{"工业机器人", "重庆%s机器人科技有限公司", false, []string{"应用工程师", "系统集成主管", "售后技术经理"}},
		{"电子制造", "重庆%s电子科技有限公司", false, []string{"SMT车间主管", "品质经理", "工艺工程师"}},
		{"电气设备", "重庆%s电气设备有限公司", false, []string{"电气工程师", "装配主管", "技术员"}},
		{"自动化", "重庆%s自动化技术有限公司", false, []string{"项目经理", "PLC工程师", "技术主管"}},
		{"家电服务", "重庆%s家电售后服务有限公司", false, []string{"维修主管", "服务站站长", "高级维修技师"}},
	}},
	{name: "信息技术专业部", desc: "计算机应用、网络信息安全、动漫与数字影像", female: 0.45, enterprises: []enterpriseDef{
		{"软件与信息服务", "重庆%s信息技术有限公司", false, []string{"项目经理", "运维主管", "软件工程师"}},
		{"网络安全", "重庆%s网络安全技术有限公司", false, []string{"安全工程师", "技术总监", "网络运维主管"}},
		{"动漫游戏", "重庆%s动漫文化传播有限公司", false, []string{"美术总监", "动画主管", "原画设计师"}},
		{"影视传媒", "重庆%s影视文化传媒有限公司", false, []string{"后期总监", "摄影指导", "剪辑主管"}},
		{"数字科技", "重庆%s数字科技有限公司", false, []string{"产品经理", "技术主管", "实施工程师"}},
	}},
	{name: "财经商贸专业部", desc: "会计事务、电子商务、物流服务与管理、工程造价", female: 0.76, enterprises: []enterpriseDef{
		{"财税服务", "重庆%s财务咨询有限公司", false, []string{"主管会计", "财务经理", "税务顾问"}},
		{"电子商务", "重庆%s电子商务有限公司", false, []string{"运营总监", "店铺运营主管", "直播运营经理"}},
		{"物流", "重庆%s供应链管理有限公司", false, []string{"仓储主管", "配送中心经理", "调度主管"}},
		{"物流", "重庆%s物流有限公司", false, []string{"运营经理", "仓库主管", "客服主管"}},
		{"工程咨询", "重庆%s工程造价咨询有限公司", false, []string{"造价工程师", "项目负责人", "技术负责人"}},
	}},
	{name: "旅游服务专业部", desc: "旅游服务与管理、酒店服务与管理、中餐烹饪、航空服务", female: 0.68, enterprises: []enterpriseDef{
		{"旅行社", "重庆%s国际旅行社有限公司", false, []string{"计调经理", "导游部经理", "门店店长"}},
		{"酒店", "重庆%s酒店管理有限公司", false, []string{"前厅经理", "客房部经理", "人力资源经理"}},
		{"酒店", "重庆%s大酒店有限公司", false, []string{"餐饮部经理", "大堂经理", "培训主管"}},
		{"餐饮", "重庆%s餐饮管理有限公司", false, []string{"行政总厨", "厨师长", "面点主管"}},
		{"航空服务", "重庆%s航空服务有限公司", false, []string{"地勤主管", "培训经理", "客舱服务主管"}},
	}},
	{name: "公共服务专业部", desc: "幼儿保育、社区公共事务管理、建筑工程施工", female: 0.70, enterprises: []enterpriseDef{
		{"学前教育", "渝州区%s幼儿园", true, []string{"园长", "保教主任", "保育组长"}},
		{"社会服务", "渝州区%s社会工作服务中心", true, []string{"主任", "项目督导", "社工主管"}},
		{"建筑施工", "重庆%s建筑工程有限公司", false, []string{"项目经理", "施工员", "安全主管"}},
	}},
}

// Department indexes into departments.
const (
	dAuto = iota
	dManufacturing
	dIT
	dBusiness
	dTourism
	dPublic
)

type majorDef struct {
	code, name, short string
	cat               string  // category code
	dept              int     // index into departments
	apprenticeship    bool    // 现代学徒制试点
	female            float64 // share of girls among its students
	weight            float64 // popularity: relative number of classes
	allow34           bool    // may run 3+4 中本贯通 classes
	core              []string
}

var majors = []majorDef{
	{"700206", "汽车运用与维修", "汽修", "70", dAuto, true, 0.05, 3, false, []string{"汽车发动机构造与维修", "汽车底盘构造与维修", "汽车电气设备构造与维修", "汽车维护与保养"}},
	{"700209", "新能源汽车运用与维修", "新能源汽车", "70", dAuto, false, 0.08, 2, false, []string{"新能源汽车动力电池技术", "驱动电机及控制技术", "新能源汽车维护与保养"}},
	{"660103", "数控技术应用", "数控", "66", dManufacturing, true, 0.10, 2, true, []string{"机械制图", "数控车削编程与加工", "数控铣削编程与加工", "机械加工工艺"}},
	{"660301", "机电技术应用", "机电", "66", dManufacturing, false, 0.10, 2, true, []string{"电工技术基础与技能", "机械基础", "可编程控制器应用", "机电设备安装与调试"}},
	{"660303", "工业机器人技术应用", "工业机器人", "66", dManufacturing, true, 0.12, 1.5, false, []string{"工业机器人基础", "工业机器人编程与操作", "工业机器人工作站安装与调试"}},
	{"660305", "智能设备运行与维护", "智能设备", "66", dManufacturing, false, 0.15, 1, false, []string{"传感器技术应用", "智能设备安装与调试", "单片机应用技术"}},
	{"710102", "电子技术应用", "电子", "71", dManufacturing, false, 0.20, 1, false, []string{"电子技术基础与技能", "电子产品装配与调试", "电子测量仪器使用"}},
	{"710103", "电子电器应用与维修", "电器维修", "71", dManufacturing, false, 0.12, 1, false, []string{"电子技术基础与技能", "家用电器维修", "制冷与空调设备维修"}},
	{"710201", "计算机应用", "计算机", "71", dIT, false, 0.35, 3, true, []string{"计算机组装与维护", "程序设计基础", "数据库应用基础", "图形图像处理"}},
	{"710207", "网络信息安全", "网络安全", "71", dIT, false, 0.25, 1, false, []string{"网络设备配置与管理", "网络安全基础", "Linux操作系统"}},
	{"710204", "动漫与游戏制作", "动漫", "71", dIT, false, 0.45, 1.5, false, []string{"动画运动规律", "三维动画制作", "游戏美术设计"}},
	{"760203", "数字影像技术", "数字影像", "76", dIT, false, 0.50, 1, false, []string{"摄影基础", "数字影像后期处理", "短视频拍摄与剪辑"}},
	{"730301", "会计事务", "会计", "73", dBusiness, false, 0.80, 2, true, []string{"基础会计", "财务会计", "出纳实务", "会计信息化"}},
	{"730701", "电子商务", "电商", "73", dBusiness, false, 0.65, 2, false, []string{"电子商务基础", "网店运营", "网络营销", "直播电商"}},
	{"730901", "物流服务与管理", "物流", "73", dBusiness, false, 0.45, 1, false, []string{"物流基础", "仓储作业实务", "配送作业实务"}},
	{"640501", "工程造价", "造价", "64", dBusiness, false, 0.50, 1, false, []string{"建筑识图与构造", "建筑工程计量与计价", "工程造价软件应用"}},
	{"740101", "旅游服务与管理", "旅游", "74", dTourism, false, 0.75, 1, false, []string{"导游基础知识", "导游服务实务", "旅行社业务"}},
	{"740104", "酒店服务与管理", "酒店", "74", dTourism, true, 0.70, 1.5, false, []string{"前厅服务与管理", "客房服务与管理", "餐饮服务与管理"}},
	{"740201", "中餐烹饪", "烹饪", "74", dTourism, true, 0.30, 1.5, false, []string{"烹饪原料知识", "中式烹调技艺", "中式面点技艺"}},
	{"700502", "航空服务", "航空", "70", dTourism, false, 0.70, 1.5, false, []string{"民航概论", "客舱服务", "民航服务礼仪"}},
	{"770101", "幼儿保育", "幼保", "77", dPublic, false, 0.95, 3, false, []string{"幼儿卫生保健", "幼儿教育心理学", "幼儿游戏活动指导", "幼儿园一日生活照料"}},
	{"790201", "社区公共事务管理", "社区管理", "79", dPublic, false, 0.60, 0.8, false, []string{"社区管理实务", "社会工作基础", "公共关系与礼仪"}},
	{"640301", "建筑工程施工", "建筑", "64", dPublic, false, 0.12, 1.5, false, []string{"建筑识图与构造", "建筑施工技术", "建筑工程测量"}},
}

// Public courses (公共基础课) and who teaches them.
type publicDef struct {
	name   string
	female float64
	dual   float64 // share of 双师型 among its teachers
}

const (
	pChinese = iota
	pMath
	pEnglish
	pPolitics
	pIT
	pPE
	pHistory
	pArt
)

var publicCourses = []publicDef{
	{"语文", 0.75, 0.35},
	{"数学", 0.50, 0.35},
	{"英语", 0.80, 0.35},
	{"思想政治", 0.65, 0.35},
	{"信息技术", 0.45, 0.70},
	{"体育与健康", 0.30, 0.40},
	{"历史", 0.60, 0.30},
	{"艺术", 0.70, 0.45},
}

// Enterprise 字号: invented two-character trade names. The names of real
// companies are avoided on purpose; a coincidence with some small firm
// somewhere is possible and harmless.
var tradeNames = []string{
	"渝鑫", "渝泓", "渝博", "嘉锐", "锦程", "鼎泰", "博信", "恒达", "华创", "众诚",
	"宏图", "瑞丰", "金桥", "天成", "启航", "远帆", "蓝图", "智源", "云帆", "德润",
	"凯盛", "永晟", "和信", "佳禾", "海纳", "明途", "卓远", "新程", "润泽", "思拓",
	"汇川", "骏达", "盈通", "聚力", "星耀", "弘毅", "联创", "红叶", "北辰", "安泰",
}

// Roads of the fictional 渝州区, for enterprise addresses.
var roads = []string{"学府大道", "青枫路", "金渝大道", "两湖路", "桂花街", "锦绣路", "科创大道", "龙腾路", "翠湖路", "桃源街", "工业园一路", "工业园三路", "滨江路", "文星路"}

// Chongqing-style area codes for synthetic ID numbers: 5001xx districts and
// 5002xx counties. Counties with Tujia and Miao people weigh toward those
// ethnicities.
type regionDef struct {
	code   string
	weight float64
	tujia  float64 // share of 土家族
	miao   float64 // share of 苗族
}

var regions = []regionDef{
	{"500101", 4, 0.02, 0}, {"500102", 3, 0.02, 0}, {"500103", 2, 0, 0}, {"500104", 1.5, 0, 0}, {"500105", 3, 0, 0},
	{"500106", 3, 0, 0}, {"500107", 3, 0, 0}, {"500108", 3, 0, 0}, {"500109", 2, 0, 0}, {"500110", 2, 0, 0},
	{"500111", 2, 0, 0}, {"500112", 6, 0, 0}, {"500113", 3, 0, 0}, {"500114", 1.5, 0.55, 0.1}, {"500115", 2, 0, 0},
	{"500116", 2.5, 0, 0}, {"500117", 3, 0, 0}, {"500118", 2.5, 0, 0}, {"500119", 1.5, 0.02, 0}, {"500120", 2, 0, 0},
	{"500151", 1.5, 0, 0}, {"500152", 1.5, 0, 0}, {"500153", 1.5, 0, 0}, {"500154", 3, 0.02, 0}, {"500155", 2, 0, 0},
	{"500156", 1, 0.1, 0.05}, {"500229", 0.8, 0.02, 0}, {"500230", 1.5, 0.02, 0}, {"500231", 1.5, 0, 0}, {"500233", 1.5, 0.02, 0},
	{"500235", 2, 0.03, 0}, {"500236", 1.5, 0.03, 0}, {"500237", 1, 0.05, 0}, {"500238", 0.8, 0.05, 0}, {"500240", 1.2, 0.7, 0.02},
	{"500241", 1.2, 0.45, 0.3}, {"500242", 1.2, 0.6, 0.25}, {"500243", 1.2, 0.3, 0.5},
}

// Other ethnicities seen occasionally among Chongqing students.
var otherEthnicities = []string{"回族", "彝族", "壮族", "蒙古族", "满族", "布依族", "侗族", "仡佬族"}

// Mobile number prefixes of the three carriers.
var mobilePrefixes = []string{
	"130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
	"150", "151", "152", "153", "155", "156", "157", "158", "159",
	"166", "173", "175", "176", "177", "178", "180", "181", "182", "183", "184",
	"185", "186", "187", "188", "189", "191", "198", "199",
}

// Enrollment changes: reasons by status.
var (
	reasonsWithdrawn   = []string{"个人原因申请退学", "家庭原因申请退学", "外出务工，申请退学"}
	reasonsTransferred = []string{"转学至外区县中职学校", "随父母迁居外省", "转入普通高中就读"}
	reasonsSuspended   = []string{"因病休学", "身体原因申请休学一年", "家庭原因申请休学"}
)
