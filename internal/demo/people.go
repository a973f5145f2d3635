package demo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"zhijiao/internal/idcheck"
)

// gen is the one source of randomness of a school: a PCG seeded from the
// options, drawn from in a fixed order, so the same seed gives the same
// school in any database.
type gen struct {
	r *rand.Rand
	// used holds the ID numbers given out so far: in this school, and in
	// the schools made before it in the same run, so a district of demo
	// schools has no person enrolled twice.
	used map[string]bool
}

func (g *gen) intn(n int) int                     { return g.r.IntN(n) }
func (g *gen) between(lo, hi int) int             { return lo + g.r.IntN(hi-lo+1) }
func (g *gen) chance(p float64) bool              { return g.r.Float64() < p }
func (g *gen) pick(xs []string) string            { return xs[g.r.IntN(len(xs))] }
func (g *gen) shuffle(n int, swap func(i, j int)) { g.r.Shuffle(n, swap) }

// weighted returns an index drawn with the given weights.
func (g *gen) weighted(ws []float64) int {
	sum := 0.0
	for _, w := range ws {
		sum += w
	}
	x := g.r.Float64() * sum
	for i, w := range ws {
		if x < w {
			return i
		}
		x -= w
	}
	return len(ws) - 1
}

// Surnames with rough weights (per cent of people), tilted toward names
// common in Chongqing (谭, 向, 冉, 牟 …).
var surnames = []struct {
	s string
	w float64
}{
	{"王", 6.8}, {"李", 7.2}, {"张", 6.5}, {"刘", 5.4}, {"陈", 5.0}, {"杨", 3.6}, {"黄", 2.2}, {"赵", 1.8}, {"吴", 2.2}, {"周", 2.3},
	{"徐", 1.2}, {"孙", 1.0}, {"马", 1.0}, {"朱", 1.2}, {"胡", 1.5}, {"郭", 1.0}, {"何", 1.7}, {"高", 0.9}, {"林", 0.7}, {"罗", 1.8},
	{"郑", 0.7}, {"梁", 0.8}, {"谢", 1.2}, {"宋", 0.7}, {"唐", 1.5}, {"许", 0.6}, {"韩", 0.5}, {"冯", 0.7}, {"邓", 1.3}, {"曹", 0.6},
	{"彭", 1.0}, {"曾", 0.9}, {"肖", 0.9}, {"田", 0.9}, {"董", 0.5}, {"袁", 0.9}, {"潘", 0.5}, {"蒋", 0.8}, {"蔡", 0.5}, {"余", 1.0},
	{"杜", 0.7}, {"叶", 0.4}, {"程", 0.5}, {"苏", 0.4}, {"魏", 0.5}, {"吕", 0.4}, {"丁", 0.4}, {"任", 0.7}, {"沈", 0.3}, {"姚", 0.4},
	{"卢", 0.4}, {"姜", 0.3}, {"崔", 0.2}, {"钟", 0.4}, {"谭", 1.2}, {"陆", 0.3}, {"汪", 0.3}, {"范", 0.4}, {"金", 0.2}, {"石", 0.5},
	{"廖", 0.6}, {"贾", 0.3}, {"夏", 0.4}, {"韦", 0.2}, {"付", 0.5}, {"方", 0.3}, {"白", 0.2}, {"邹", 0.5}, {"孟", 0.2}, {"熊", 0.6},
	{"秦", 0.6}, {"邱", 0.3}, {"江", 0.3}, {"尹", 0.3}, {"薛", 0.2}, {"段", 0.3}, {"雷", 0.5}, {"侯", 0.3}, {"龙", 0.4}, {"史", 0.2},
	{"陶", 0.3}, {"黎", 0.3}, {"贺", 0.3}, {"顾", 0.2}, {"毛", 0.3}, {"龚", 0.4}, {"邵", 0.2}, {"万", 0.3}, {"严", 0.2}, {"覃", 0.2},
	{"向", 0.8}, {"冉", 0.6}, {"牟", 0.4}, {"蒲", 0.3}, {"舒", 0.2}, {"文", 0.3}, {"易", 0.3}, {"况", 0.1}, {"欧阳", 0.05}, {"司马", 0.02},
}

var surnameWeights = func() []float64 {
	ws := make([]float64, len(surnames))
	for i, s := range surnames {
		ws[i] = s.w
	}
	return ws
}()

// Common given names by generation and sex: students born around 2010,
// adults (teachers, parents, mentors) born 1966–2000. Lists rather than
// random characters, so every name reads like a real one.
var (
	youngMale = strings.Fields(`子轩 浩宇 浩然 宇轩 梓豪 俊杰 宇航 博文 皓轩 子豪 雨泽 一鸣 思远 家豪 俊熙 天佑 明轩 文博 晨阳 嘉豪
		子墨 鑫鹏 建宇 睿哲 宇辰 泽宇 佳豪 俊宇 昊天 铭轩 皓宇 思源 锦程 鹏飞 旭东 宇豪 家乐 志豪 俊豪 浩轩
		文轩 子健 嘉诚 俊逸 宏宇 星宇 天宇 梓航 子航 博涵 嘉俊 晨曦 俊辉 鸿涛 志鹏 凯文 泽林 浩楠 嘉乐 振宇
		宇杰 俊峰 文杰 明哲 家俊 锐 杰 浩 宇 鑫 涛 磊 鹏 凯 昊 帆 峰 晨 阳 航 睿 豪 森 毅 楠`)
	youngFemale = strings.Fields(`欣怡 梓涵 诗涵 雨欣 可馨 紫涵 思涵 雨涵 欣妍 佳怡 梦瑶 一诺 雨萱 梓萱 思琪 佳琪 雅婷 心怡 婧琪 晓雪
		欣悦 诗琪 梦琪 嘉怡 馨月 雨婷 雅琪 婉清 静怡 思雨 雨桐 佳欣 梓琪 若曦 紫萱 欣然 雅馨 语桐 钰涵 芷涵
		佳颖 梦洁 诗雨 雨菲 思彤 欣雨 可欣 紫琪 心悦 佳悦 一涵 雅涵 语欣 梦婷 子萱 诗琪 艺涵 晓彤 雨晴 婷婷
		佳佳 丹丹 倩 婷 颖 悦 妍 琳 洁 雪 瑶 璐 薇 蕾 楠 静 敏 露 茜 娜`)
	adultMale = strings.Fields(`建国 建华 国强 志强 志刚 海涛 海波 建军 文华 晓东 小龙 建平 永刚 德明 光明 建林 春林 晓峰 云飞 志勇
		海峰 国华 建伟 宏伟 小平 明亮 学军 光辉 永红 明华 中华 利民 永强 卫东 家明 俊峰 文斌 勇军 世平 长江
		伟 强 勇 军 斌 涛 磊 鹏 杰 波 刚 辉 明 成 俊 平 华 兵 林 峰 亮 超 健 毅 彬 飞 浩 宇`)
	adultFemale = strings.Fields(`丽华 秀英 小红 春梅 晓燕 丽娟 秀兰 桂英 玉梅 海燕 晓丽 雪梅 红梅 丽萍 小燕 春燕 晓红 美玲 丽君 晓琴
		小琴 兰芳 玉兰 小梅 艳红 明霞 晓梅 慧敏 丽丽 静静 婷婷 丹丹 晓霞 雪莲 红霞 玉华 小英 永芳 文静 佳丽
		丽 芳 敏 静 燕 娟 艳 霞 玲 琴 红 梅 萍 英 兰 慧 莉 倩 蓉 丹 佳 琳 洁 颖 雪 娜 莹 婷`)
)

// Names that must never appear: real people, named in public reports on
// the kind of school the demo imitates. The demo is fictional, and the
// project names no real person, so the names are kept only as the first 8
// bytes of their SHA-256, in hex.
var blockedNames = map[string]bool{"012ceccb498464b8": true, "572a49c51b07ceee": true, "5b3194c823156d11": true,
	"a1c2294d177c0e0f": true, "cbca23f47f5acc40": true, "9459d9e5bfe584d6": true}

// blocked reports whether n is one of blockedNames.
func blocked(n string) bool {
	sum := sha256.Sum256([]byte(n))
	return blockedNames[hex.EncodeToString(sum[:8])]
}

func (g *gen) surname() string { return surnames[g.weighted(surnameWeights)].s }

// First and second characters that combine into ordinary names (浩 + 杰,
// 诗 + 琪, 建 + 平, 秀 + 梅), for variety beyond the lists above.
var (
	youngMaleA   = []rune("子梓浩宇俊嘉家思博文一天明晨泽皓鑫志建睿振鸿凯锦")
	youngMaleB   = []rune("轩豪宇杰然航博文阳辰哲远鸣鹏涛乐峰诚睿铭翔林川恒")
	youngFemaleA = []rune("欣梓诗雨可紫思佳梦雅心婧晓语钰芷若艺嘉子依静")
	youngFemaleB = []rune("怡涵欣馨妍瑶萱琪婷悦彤桐雪菲晴颖洁琳然月瑜蕊")
	adultMaleA   = []rune("建国志海文晓永德光春云明学家俊世长卫利宏正立")
	adultMaleB   = []rune("国华强刚涛波军东平林峰飞勇明辉伟成斌龙亮超荣")
	adultFemaleA = []rune("丽秀小春晓玉海雪红美桂慧静文永明艳佳燕金")
	adultFemaleB = []rune("华英红梅燕娟兰芳丽萍琴霞玲君莲敏静蓉艳洁")
)

// given draws a given name: half from the lists of common names, half
// composed from two characters that go together.
func (g *gen) given(male, young bool) string {
	list, a, b := adultFemale, adultFemaleA, adultFemaleB
	switch {
	case male && young:
		list, a, b = youngMale, youngMaleA, youngMaleB
	case young:
		list, a, b = youngFemale, youngFemaleA, youngFemaleB
	case male:
		list, a, b = adultMale, adultMaleA, adultMaleB
	}
	if g.chance(0.5) {
		return g.pick(list)
	}
	for {
		x, y := a[g.intn(len(a))], b[g.intn(len(b))]
		if x != y {
			return string([]rune{x, y})
		}
	}
}

// name draws a full name; surname "" draws one.
func (g *gen) name(surname string, male, young bool) string {
	for {
		s := surname
		if s == "" {
			s = g.surname()
		}
		n := s + g.given(male, young)
		if !blocked(n) {
			return n
		}
	}
}

// mobile draws an 11-digit mobile number.
func (g *gen) mobile() string {
	return g.pick(mobilePrefixes) + fmt.Sprintf("%08d", g.intn(100000000))
}

// landline draws a Chongqing office number (023-6xxxxxxx).
func (g *gen) landline() string {
	return fmt.Sprintf("023-%d%07d", g.between(6, 8), g.intn(10000000))
}

var regionWeights = func() []float64 {
	ws := make([]float64, len(regions))
	for i, r := range regions {
		ws[i] = r.weight
	}
	return ws
}()

// cityDistricts are the 5001xx codes of regions, where companies register.
var cityDistricts = func() []string {
	var out []string
	for _, r := range regions {
		if strings.HasPrefix(r.code, "5001") {
			out = append(out, r.code)
		}
	}
	return out
}()

// identity draws birth region, ID number and ethnicity for someone born on
// birth. The ID number passes the GB 11643 checksum and is unique within
// the school.
func (g *gen) identity(birth time.Time, male bool) (id, ethnicity string) {
	reg := regions[g.weighted(regionWeights)]
	// Only 100 sequence numbers exist per area, day and sex; when a slot
	// is crowded, move to another area, and in the end accept a repeat
	// rather than loop for ever.
	for try := 1; ; try++ {
		id = idcheck.MakeIDNumber(reg.code, birth, g.intn(100), male)
		if !g.used[id] || try == 1000 {
			break
		}
		if try%50 == 0 {
			reg = regions[g.weighted(regionWeights)]
		}
	}
	g.used[id] = true
	x := g.r.Float64()
	switch {
	case x < reg.tujia:
		ethnicity = "土家族"
	case x < reg.tujia+reg.miao:
		ethnicity = "苗族"
	case x > 0.993:
		ethnicity = g.pick(otherEthnicities)
	default:
		ethnicity = "汉族"
	}
	return id, ethnicity
}

// dateBetween draws a day in [from, to].
func (g *gen) dateBetween(from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	return from.AddDate(0, 0, g.intn(days+1))
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// orgCode makes a 9-character 组织机构代码 (GB 11714) with its check
// character, digits only in the body so it fits the credit-code alphabet.
func (g *gen) orgCode() string {
	w := [8]int{3, 7, 9, 10, 5, 8, 4, 2}
	var sb strings.Builder
	sum := 0
	for i := 0; i < 8; i++ {
		d := g.intn(10)
		if i == 0 {
			d = 5 + g.intn(5) // codes of registered companies often start high
		}
		sum += d * w[i]
		sb.WriteByte(byte('0' + d))
	}
	switch c := 11 - sum%11; c {
	case 10:
		sb.WriteByte('X')
	case 11:
		sb.WriteByte('0')
	default:
		sb.WriteByte(byte('0' + c))
	}
	return sb.String()
}

// registrationNo is a demo student's 学籍号. The national system issues
// 'G' + the ID number, so a real one leaks the number it embeds (pages
// mask it like the ID number for that reason); the demo's are built from
// the 学号 instead, so that copying demo data never teaches the pattern.
func registrationNo(studentNo string) string { return "J" + studentNo }
