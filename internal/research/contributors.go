package research

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Contributors as people type them, in the form and in the school's
// ledgers: "张三(主持);李四;外单位:王五". Each is a teacher named by
// 姓名, 工号 or "姓名 工号" (as the form's list offers them), or a person
// from outside the school after "外单位:"; a role may follow in brackets.

// TeacherRef is a teacher a contributor may name.
type TeacherRef struct {
	ID            int64
	Name, StaffNo string
}

// ContributorRef is one contributor as resolved: TeacherID 0 for an
// external person.
type ContributorRef struct {
	TeacherID int64
	Name      string
	Role      string
	Share     *float64 // percentage, nil for the rule's default split
}

// ExternalPrefix marks a person from outside the school.
const ExternalPrefix = "外单位:"

// ParseContributors splits a ledger's contributor cell and resolves each
// against the school's teachers; the error names the one it could not.
func ParseContributors(cell string, teachers []TeacherRef) ([]ContributorRef, error) {
	var out []ContributorRef
	for _, part := range strings.FieldsFunc(halfWidth(cell), func(r rune) bool { return r == ';' || r == '；' || r == '\n' || r == '、' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		c, err := parseOne(part, teachers)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func parseOne(part string, teachers []TeacherRef) (ContributorRef, error) {
	var c ContributorRef
	if i := strings.IndexAny(part, "(（"); i > 0 && strings.ContainsAny(part[i:], ")）") {
		inner := strings.TrimSpace(strings.TrimRight(part[i+1:], ")） "))
		part = strings.TrimSpace(part[:i])
		if err := roleAndShare(inner, part, &c); err != nil {
			return c, err
		}
	}
	external := false
	for _, p := range []string{ExternalPrefix, "外单位：", "校外:", "校外："} {
		if strings.HasPrefix(part, p) {
			part, external = strings.TrimSpace(part[len(p):]), true
		}
	}
	if external {
		c.Name = part
		if part == "" {
			return c, fmt.Errorf("“%s”后缺少姓名", ExternalPrefix)
		}
		return c, nil
	}
	t, err := FindTeacher(part, teachers)
	c.TeacherID, c.Name = t.ID, t.Name
	return c, err
}

// roleAndShare reads what the brackets after a name hold: a role, a
// share as "60%", or both as "主持,60%".
func roleAndShare(inner, name string, c *ContributorRef) error {
	for _, p := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		if strings.HasSuffix(p, "%") {
			v, err := strconv.ParseFloat(strings.TrimSuffix(p, "%"), 64)
			if err != nil || v <= 0 || v > 100 {
				return fmt.Errorf("“%s”的分配比例“%s”应为 0 到 100 之间的百分数", name, p)
			}
			c.Share = &v
			continue
		}
		if !slices.Contains(ContributorRoles, p) {
			return fmt.Errorf("“%s”的角色“%s”不在可选范围（%s）", name, p, strings.Join(ContributorRoles, "、"))
		}
		c.Role = p
	}
	return nil
}

// FindTeacher finds the one teacher a text names: "姓名 工号", a 工号 or
// a name no other teacher has.
func FindTeacher(text string, teachers []TeacherRef) (TeacherRef, error) {
	text = strings.Join(strings.Fields(text), " ")
	var byName []TeacherRef
	for _, t := range teachers {
		switch text {
		case t.Name + " " + t.StaffNo, t.StaffNo:
			return t, nil
		case t.Name:
			byName = append(byName, t)
		}
	}
	switch len(byName) {
	case 1:
		return byName[0], nil
	case 0:
		return TeacherRef{}, fmt.Errorf("“%s”不是本校教师（外单位人员请写作“%s%s”）", text, ExternalPrefix, text)
	}
	nos := make([]string, len(byName))
	for i, t := range byName {
		nos[i] = t.StaffNo
	}
	return TeacherRef{}, fmt.Errorf("本校有 %d 位教师叫“%s”（工号 %s），请写上工号，如“%s %s”", len(byName), text, strings.Join(nos, "、"), text, nos[0])
}

// FormatContributors writes contributors as ParseContributors reads them,
// teachers by "姓名 工号" when staffNo knows them, so an export imports
// again.
func FormatContributors(cs []ContributorRef, staffNo map[int64]string) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		switch {
		case c.TeacherID == 0:
			parts[i] = ExternalPrefix + c.Name
		case staffNo[c.TeacherID] != "":
			parts[i] = c.Name + " " + staffNo[c.TeacherID]
		default:
			parts[i] = c.Name
		}
		var in []string
		if c.Role != "" {
			in = append(in, c.Role)
		}
		if c.Share != nil {
			in = append(in, strconv.FormatFloat(*c.Share, 'f', -1, 64)+"%")
		}
		if len(in) > 0 {
			parts[i] += "(" + strings.Join(in, ",") + ")"
		}
	}
	return strings.Join(parts, ";")
}
