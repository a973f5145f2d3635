package roster

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// parseGender keeps to what rosters write: 男/女, sometimes 男性/女性.
func parseGender(s string) (model.Gender, error) {
	switch s {
	case "男", "男性":
		return model.Male, nil
	case "女", "女性":
		return model.Female, nil
	}
	return "", fmt.Errorf("性别应为“男”或“女”")
}

// parseDualLevel reads the 双师型 column: the level of the teacher's
// 双师型 recognition, or "" when the cell leaves recognitions as they are
// (empty, or the old checkbox's 否: a roster never withdraws one). The
// old 是 is refused, since a recognition needs a level.
func parseDualLevel(s string) (string, error) {
	v := strings.TrimSuffix(strings.TrimSuffix(fold(s), "双师型"), "双师")
	switch v {
	case "初级", "中级", "高级":
		return v, nil
	}
	switch strings.ToUpper(v) {
	case "", "否", "×", "✗", "N", "NO", "0", "FALSE", "无", "不是":
		return "", nil
	case "是", "√", "✓", "✔", "Y", "YES", "1", "TRUE", "有":
		return "", fmt.Errorf("双师型现在是带等级的认定，请写 初级、中级 或 高级；不填表示不变")
	}
	return "", fmt.Errorf("应填写 初级、中级 或 高级（双师型认定的等级）；不填表示不变")
}

// programAliases maps what schools write for 学制 to the canonical value.
var programAliases = map[string]model.Program{
	"三年制中职": model.Program3Year, "三年制": model.Program3Year, "3年制": model.Program3Year,
	"中职": model.Program3Year, "三年": model.Program3Year, "3年": model.Program3Year,
	"五年一贯制高职": model.Program5Year, "五年一贯制": model.Program5Year, "五年制": model.Program5Year,
	"5年制": model.Program5Year, "五年制高职": model.Program5Year, "五年": model.Program5Year, "5年": model.Program5Year,
	// The national 学籍 system's export writes the years alone; a
	// spreadsheet may turn them into 3.0.
	"3": model.Program3Year, "3.0": model.Program3Year, "5": model.Program5Year, "5.0": model.Program5Year,
	"3+2": model.Program3p2, "三二分段": model.Program3p2, "3+2分段": model.Program3p2, "三加二": model.Program3p2,
	"3+4": model.Program3p4, "3+4中本贯通": model.Program3p4, "中本贯通": model.Program3p4, "三加四": model.Program3p4,
}

func parseProgram(s string) (model.Program, error) {
	if p, ok := programAliases[normKey(s)]; ok {
		return p, nil
	}
	return "", fmt.Errorf("学制应为 三年制中职、五年一贯制高职、3+2、3+4中本贯通 之一")
}

var statusAliases = map[string]model.EnrollmentStatus{
	"在读": model.StatusEnrolled, "在校": model.StatusEnrolled,
	"已毕业": model.StatusGraduated, "转学": model.StatusTransferred, "已转出": model.StatusTransferred,
}

func parseStatus(s string) (model.EnrollmentStatus, error) {
	if st := model.EnrollmentStatus(s); st.Valid() {
		return st, nil
	}
	if st, ok := statusAliases[s]; ok {
		return st, nil
	}
	return "", fmt.Errorf("学籍状态应为 在籍、休学、退学、转出、毕业 之一")
}

// idTypePermit stands for 港澳台居民居住证, which names both permits; the
// number's prefix then tells which.
const idTypePermit model.IDType = "港澳台居民居住证"

var idTypeAliases = map[string]model.IDType{
	"身份证": model.IDResident, "二代身份证": model.IDResident, "居民身份证号": model.IDResident,
	"港澳居住证": model.IDHKMacauResident, "台湾居住证": model.IDTaiwanResident,
	"港澳台居民居住证": idTypePermit, "港澳台居住证": idTypePermit,
	"外国人永久居留证": model.IDForeignPR, "永居证": model.IDForeignPR, "外国人永久居留身份证件": model.IDForeignPR,
}

func parseIDType(s string) (model.IDType, error) {
	for _, t := range model.IDTypes {
		if s == string(t) {
			return t, nil
		}
	}
	if t, ok := idTypeAliases[s]; ok {
		return t, nil
	}
	return "", fmt.Errorf("证件类型应为 居民身份证、港澳居民居住证、台湾居民居住证、外国人永久居留身份证、护照、其他 之一")
}

// checkCode validates 学号, 工号 and similar codes: ASCII letters, digits
// and '-', at most 32, so they are safe in URLs, file names and logins.
func checkCode(s string) (string, error) {
	s = fold(s)
	if len(s) > 32 {
		return "", fmt.Errorf("不能超过32位")
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-') {
			return "", fmt.Errorf("只能包含字母、数字和“-”，不能有“%c”", r)
		}
	}
	return s, nil
}

// checkPersonName is the shared name rule (validate.PersonName) on the
// cell folded to half-width.
func checkPersonName(s string) (string, error) { return validate.PersonName(fold(s)) }

// checkText limits free-text columns such as 职称 and 监护人关系.
func checkText(s string, maxRunes int) (string, error) {
	if n := utf8.RuneCountInString(s); n > maxRunes {
		return "", fmt.Errorf("不能超过%d个字，实为%d个字", maxRunes, n)
	}
	return s, nil
}

// looksScientific spots numbers Excel turned into 1.10105E+17: the digits
// beyond the 15th are gone and cannot be recovered from the file.
func looksScientific(s string) bool {
	i := strings.IndexAny(s, "eE")
	return i > 0 && i+1 < len(s) && (s[i+1] == '+' || s[i+1] >= '0' && s[i+1] <= '9') &&
		strings.IndexFunc(s[:i], func(r rune) bool { return (r < '0' || r > '9') && r != '.' }) < 0
}
