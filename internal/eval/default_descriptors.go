package eval

import "zhijiao/internal/model"

// defaultDescriptors says, for every default indicator a student or a
// parent rates, what each level means on THAT indicator, best first
// (优秀、良好、合格、待合格): a choice with a concrete picture is answered
// in a second and answered alike by different raters, where a bare "良好"
// is not. One short line each; teachers see them too.
var defaultDescriptors = map[string][4]string{
	"D01": {"尊敬师长、孝敬父母，主动帮助同学，处处做表率", "尊敬师长、孝敬父母，能帮助同学", "基本做到尊敬师长、孝敬父母", "有顶撞师长或对父母不礼貌的情况"},
	"D02": {"严守校规校纪，还能提醒同学遵守", "遵守校规校纪，本学期没有违纪", "偶有小违纪，经提醒能改正", "多次违纪或受到处分"},
	"D03": {"主动承担班级工作，为集体争光", "积极参加集体活动，爱护公物", "能参加集体活动，服从安排", "常不参加集体活动，或损坏公物"},
	"D04": {"说到做到，考试、作业从不作弊抄袭", "诚实守信，偶有约定没能做到", "基本诚实，有过抄作业或失约", "多次说谎、作弊或失信于人"},
	"Z03": {"课前预习、课后复习，主动请教，作业认真", "认真听课，按时完成作业", "能完成作业，有时需要督促", "常不交作业或上课不听讲"},
	"T02": {"每天锻炼一小时，体育课积极投入", "经常锻炼，认真上体育课", "能上好体育课，课外锻炼较少", "常逃避体育课，基本不锻炼"},
	"T04": {"情绪稳定乐观，遇到挫折能自己调整", "情绪较稳定，有困难会主动求助", "偶有情绪波动，经开导能恢复", "常烦躁低落，与人相处困难"},
	"M03": {"每天按规定穿校服，整洁大方，举止文明", "穿着整洁，偶尔不穿校服", "基本整洁，有时需要提醒", "常不按规定着装或举止不文明"},
	"L02": {"值日认真彻底，主动多干，带动同学", "按时认真完成值日", "能完成值日，有时需要提醒", "常逃避值日或敷衍了事"},
	"L03": {"经常主动做饭、打扫、洗碗等家务", "能主动做些家务，自己的衣物自己洗", "家长提醒后才做家务", "基本不做家务，衣物要别人洗"},
	"J01": {"能独立熟练完成实训项目，还能指导同学", "能独立完成实训项目", "在老师指导下能完成实训项目", "实训项目常常完成不了"},
	"J05": {"精益求精，分工合作好，工位整洁", "做事认真，能与同伴合作", "能完成分工，工位要提醒才整理", "做事马虎，不愿与人合作"},
	"J06": {"有清晰的职业规划，参加过创新创业活动", "了解专业对应的岗位，有初步规划", "对今后的岗位有一些了解", "还没有想过今后做什么"},
	"X01": {"上课从不玩手机、睡觉，笔记完整，订正错题", "专心听讲，认真做笔记", "偶尔走神或玩手机，经提醒改正", "上课常玩手机、睡觉"},
	"X02": {"作息规律，不熬夜，花钱有计划", "作息较规律，偶尔熬夜", "有时熬夜玩手机，经提醒能改", "经常熬夜，沉迷手机或游戏"},
	"X03": {"主动问好，用语文明，遵守公共秩序", "讲礼貌，遵守公共秩序", "基本讲礼貌，偶有喧哗、插队", "常说脏话或不守公共秩序"},
	"X04": {"自己的事自己做，房间物品整齐", "自己的事基本自己做", "要家长提醒才整理物品", "依赖家长，房间杂乱"},
	"X05": {"勤洗澡换衣，主动打扫，垃圾分类", "个人卫生好，不乱扔垃圾", "个人卫生基本做到", "个人卫生差，乱扔垃圾"},
	"X06": {"从不迟到早退，遵守各项纪律", "极少迟到，遵守纪律", "偶有迟到，经提醒能改", "经常迟到、早退或旷课"},
}

// describe gives the default framework's indicators their descriptors,
// keyed by the level names, which are also the default choices' names.
func describe(f *model.Framework) {
	for i := range f.Dimensions {
		for j := range f.Dimensions[i].Indicators {
			ind := &f.Dimensions[i].Indicators[j]
			lines, ok := defaultDescriptors[ind.Code]
			if !ok {
				continue
			}
			ind.Descriptors = map[string]string{}
			for k, l := range model.Levels {
				ind.Descriptors[string(l)] = lines[k]
			}
		}
	}
}
