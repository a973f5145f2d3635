package ui

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/xuri/excelize/v2"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

type userBatchData struct {
	Classes   []model.Class
	ClassID   int64
	Guardians bool
	Errors    formErrors
	Message   string
}

func (s *Server) userBatchPage(w http.ResponseWriter, r *http.Request, status int, d userBatchData) {
	var err error
	if d.Classes, _, err = s.st.Classes(r.Context(), schoolOf(r), storage.ClassFilter{ListQuery: model.AllRows()}); err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, status, "user_batch", "批量开通账号", d)
}

func (s *Server) userBatchShow(w http.ResponseWriter, r *http.Request) {
	s.userBatchPage(w, r, http.StatusOK, userBatchData{ClassID: queryInt(r, "class"), Guardians: true})
}

// issued is one account of an 账号开通单.
type issued struct {
	Class, StudentNo, Name, Kind, Username, Password string
}

// userBatchCreate opens accounts for the enrolled students of a class who
// have none (<学号>@CODE) and, if asked, for their guardians who have none
// (p<学号>@CODE), each with its own random initial password that must be
// changed at first login. All accounts and the audit line land in one
// transaction and the passwords leave only in the returned .xlsx 账号开通单.
//
// Hashing costs ~30 ms per password (argon2id), so a class of 50 students
// and 50 parents takes about three seconds: fine to do synchronously in the
// request. Whole grades at once would need a background job.
func (s *Server) userBatchCreate(w http.ResponseWriter, r *http.Request) {
	ctx, school := r.Context(), schoolOf(r)
	d := userBatchData{ClassID: formInt(r, "class_id"), Guardians: checked(r, "guardians")}
	class, err := s.st.Class(ctx, school, d.ClassID)
	if err != nil {
		d.Errors.add("请选择班级")
		s.userBatchPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	sch, err := s.st.School(ctx, school)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	b, err := s.planClassAccounts(r, sch, class, d.Guardians)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	if len(b.users) == 0 {
		d.Message = "该班级在籍学生均已开通账号，无需再开通。"
		if d.Guardians {
			d.Message = "该班级在籍学生及其家长均已开通账号，无需再开通。"
		}
		if len(b.skipped) > 0 {
			d.Message = "没有可开通的账号。"
			for _, sk := range b.skipped {
				d.Errors.add(sk)
			}
		}
		s.userBatchPage(w, r, http.StatusOK, d)
		return
	}
	if err := s.st.OpenClassAccounts(ctx, school, actor(r), class.ID, b.users, b.skipped); err != nil {
		d.Errors.addErr("", err)
		s.userBatchPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	data, err := accountSheet(sch, class, b.sheet, b.skipped)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	noStore(w)
	sendFile(w, class.Name+"账号开通单.xlsx", data)
}

// accountBatch is a class's planned accounts: the users to create with
// their lines of the 账号开通单, and the accounts skipped, with why.
type accountBatch struct {
	users   []*model.User
	sheet   []issued
	skipped []string
}

// accountWish is one account the batch would open, before its name is
// checked.
type accountWish struct {
	u  *model.User
	is issued
}

// planClassAccounts decides the accounts of a class's batch opening in a
// fixed number of queries: the enrolled students, all their guardians,
// and which of the wished names are taken.
func (s *Server) planClassAccounts(r *http.Request, sch model.School, class model.Class, guardians bool) (accountBatch, error) {
	ctx := r.Context()
	students, _, err := s.st.Students(ctx, sch.ID, storage.StudentFilter{ListQuery: model.AllRows(), ClassID: class.ID, Status: model.StatusEnrolled})
	if err != nil {
		return accountBatch{}, err
	}
	gs := map[int64][]model.Guardian{}
	if guardians {
		ids := make([]int64, len(students))
		for i, st := range students {
			ids[i] = st.ID
		}
		if gs, err = s.st.GuardiansOfStudents(ctx, sch.ID, ids); err != nil {
			return accountBatch{}, err
		}
	}
	wishes := classAccountWishes(sch, class, students, gs)
	names := make([]string, len(wishes))
	for i, wi := range wishes {
		wi.u.Username = strings.ToLower(wi.u.Username)
		names[i] = wi.u.Username
	}
	taken, err := s.st.UsernamesTaken(ctx, names)
	if err != nil {
		return accountBatch{}, err
	}
	return issueAccounts(sch, wishes, taken)
}

// classAccountWishes lists, in order, each enrolled student without an
// account and (when guardians were read) the student's first guardian
// without one: one parent account per child, p<学号> names only one.
func classAccountWishes(sch model.School, class model.Class, students []model.Student, gs map[int64][]model.Guardian) []accountWish {
	var out []accountWish
	seenGuardian := map[int64]bool{}
	for _, st := range students {
		if st.UserID == 0 {
			out = append(out, accountWish{&model.User{Username: st.StudentNo + "@" + sch.Code, DisplayName: st.Name, Roles: []string{model.RoleStudent}, StudentID: st.ID},
				issued{Class: class.Name, StudentNo: st.StudentNo, Name: st.Name, Kind: "学生"}})
		}
		for _, g := range gs[st.ID] {
			if g.UserID != 0 || seenGuardian[g.ID] {
				continue
			}
			seenGuardian[g.ID] = true
			out = append(out, accountWish{&model.User{Username: "p" + st.StudentNo + "@" + sch.Code, DisplayName: g.Name, Roles: []string{model.RoleParent}, GuardianID: g.ID},
				issued{Class: class.Name, StudentNo: st.StudentNo, Name: g.Name + "（" + st.Name + g.Relation + "）", Kind: "家长"}})
			break
		}
	}
	return out
}

// issueAccounts gives every wished account whose name is usable and free
// its random initial password, and says why each other one is skipped.
func issueAccounts(sch model.School, wishes []accountWish, taken map[string]bool) (accountBatch, error) {
	var b accountBatch
	for _, wi := range wishes {
		u, is := wi.u, wi.is
		if !usernameRe.MatchString(strings.TrimSuffix(u.Username, "@"+sch.Code)) {
			b.skipped = append(b.skipped, is.Name+"："+"账号 "+u.Username+" 含有不能用于账号的字符")
			continue
		}
		if taken[u.Username] {
			b.skipped = append(b.skipped, is.Name+"："+"账号 "+u.Username+" 已被其他账号使用")
			continue
		}
		pw := auth.RandomPassword()
		var err error
		if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
			return b, err
		}
		u.MustChangePassword = true
		is.Username, is.Password = u.Username, pw
		b.users, b.sheet = append(b.users, u), append(b.sheet, is)
	}
	return b, nil
}

// accountSheet writes the 账号开通单 a head teacher prints and hands out.
func accountSheet(sch model.School, class model.Class, rows []issued, skipped []string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "账号开通单"
	f.SetSheetName("Sheet1", sh)
	title, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	head, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8F0FC"}},
		Border: []excelize.Border{{Type: "bottom", Color: "999999", Style: 1}}})
	mono, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Family: "Consolas", Size: 12}})
	f.SetCellValue(sh, "A1", sch.Name+" "+class.Name+" 账号开通单")
	f.SetCellStyle(sh, "A1", "A1", title)
	f.SetCellValue(sh, "A2", "登录后须立即修改初始密码；请妥善保管本表，发放后销毁。")
	cols := []string{"班级", "学号", "姓名", "身份", "账号", "初始密码"}
	for i, c := range cols {
		cell, _ := excelize.CoordinatesToCellName(i+1, 4)
		f.SetCellValue(sh, cell, c)
	}
	f.SetCellStyle(sh, "A4", "F4", head)
	for i, row := range rows {
		vals := []string{row.Class, row.StudentNo, row.Name, row.Kind, row.Username, row.Password}
		for j, v := range vals {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+5)
			f.SetCellStr(sh, cell, v)
		}
	}
	last, _ := excelize.CoordinatesToCellName(6, len(rows)+4)
	f.SetCellStyle(sh, "E5", last, mono)
	for col, wd := range map[string]float64{"A": 18, "B": 14, "C": 22, "D": 8, "E": 24, "F": 16} {
		f.SetColWidth(sh, col, col, wd)
	}
	f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 4, TopLeftCell: "A5", ActivePane: "bottomLeft"})
	if len(skipped) > 0 {
		const sk = "未开通"
		f.NewSheet(sk)
		f.SetCellValue(sk, "A1", "以下账号未开通（原因）")
		f.SetCellStyle(sk, "A1", "A1", head)
		for i, m := range skipped {
			f.SetCellStr(sk, "A"+itoa64(int64(i+2)), m)
		}
		f.SetColWidth(sk, "A", "A", 60)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
