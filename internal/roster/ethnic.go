package roster

import (
	"fmt"
	"strings"
)

// ethnicGroups are the 56 nationalities of GB/T 3304, plus its entries for
// unrecognised groups and naturalised citizens.
var ethnicGroups = strings.Fields(`汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族
满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族
东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族
锡伯族 阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族
京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 其他 外国血统中国籍人士`)

// ethnicIndex accepts both "土家族" and "土家".
var ethnicIndex = func() map[string]string {
	m := make(map[string]string, 2*len(ethnicGroups))
	for _, g := range ethnicGroups {
		m[g] = g
		if short := strings.TrimSuffix(g, "族"); short != g {
			m[short] = g
		}
	}
	m["维族"] = "维吾尔族"
	return m
}()

func parseEthnicity(s string) (string, error) {
	if g, ok := ethnicIndex[s]; ok {
		return g, nil
	}
	return "", fmt.Errorf("不是国家标准中的民族名称，请写成如“汉族”“土家族”的形式")
}
