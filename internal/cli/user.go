package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"zhijiao/internal/auth"
	"zhijiao/internal/model"
	"zhijiao/internal/storage"
)

func init() {
	register(&command{name: "user", summary: "管理账号：create 创建、reset 重置密码、list 列出 / manage accounts: create, reset, list",
		usage: "create|reset|list", run: runUser})
}

func runUser(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		fmt.Fprintln(e.fs.Output(), "用法 / usage:\n  zhijiao user create --school CODE --username admin@CODE --name 姓名 --role school_admin [--password P]\n  zhijiao user create --platform --username root --name 平台管理员 --role platform_admin\n  zhijiao user reset --username NAME\n  zhijiao user list --school CODE")
		return errUsage
	}
	sub, args := args[0], args[1:]
	school := e.fs.String("school", "", "学校代码 / school code")
	platform := e.fs.Bool("platform", false, "平台级账号（不属于任何学校）/ platform-level account")
	username := e.fs.String("username", "", "账号 / username (name@CODE)")
	name := e.fs.String("name", "", "显示名 / display name")
	roles := e.fs.String("role", model.RoleSchoolAdmin, "角色，逗号分隔 / roles, comma-separated: "+strings.Join(auth.SchoolRoles, ","))
	password := e.fs.String("password", "", "密码（留空则生成初始密码，首次登录须修改）/ password (empty: generate an initial one that must be changed)")
	if err := e.parse(args); err != nil {
		return err
	}
	st, err := e.openDB(ctx)
	if err != nil {
		return err
	}
	defer st.Close()
	a := userArgs{school: *school, platform: *platform, username: *username, name: *name, roles: *roles, password: *password}
	switch sub {
	case "create":
		return userCreate(ctx, e, st, a)
	case "reset":
		return userReset(ctx, e, st, a.username)
	case "list":
		return userList(ctx, e, st, a.school)
	}
	return errors.New("未知子命令 " + sub + "（可用：create、reset、list）")
}

// userArgs are the flags of zhijiao user.
type userArgs struct {
	school   string
	platform bool
	username string
	name     string
	roles    string
	password string
}

// userCreate creates a school or platform account; without a password it
// prints a generated one that must be changed at first login.
func userCreate(ctx context.Context, e *env, st *storage.Storage, a userArgs) error {
	var sid int64
	var err error
	if !a.platform {
		if sid, err = schoolByCode(ctx, st, a.school); err != nil {
			return err
		}
	}
	u := model.User{Username: a.username, DisplayName: a.name, Roles: strings.Split(a.roles, ",")}
	for _, r := range u.Roles {
		if _, ok := auth.RoleNames[r]; !ok {
			return fmt.Errorf("未知角色 %q", r)
		}
		if !a.platform && (r == model.RolePlatformAdmin || r == model.RoleDistrictAdmin) {
			return fmt.Errorf("角色 %s 只能用于平台级账号（--platform）", r)
		}
	}
	if !a.platform && !strings.HasSuffix(strings.ToLower(u.Username), "@"+storage.NormalizeSchoolCode(a.school)) {
		return fmt.Errorf("学校账号应为 名称@%s 的形式", a.school)
	}
	if u.DisplayName == "" {
		u.DisplayName = u.Username
	}
	pw := a.password
	if pw == "" {
		pw, u.MustChangePassword = auth.RandomPassword(), true
	} else if err := auth.ValidatePassword(pw); err != nil {
		return err
	}
	if u.PasswordHash, err = auth.HashPassword(pw); err != nil {
		return err
	}
	if err := st.CreateUser(ctx, sid, model.SystemActor, &u); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已创建账号 / created: %s\n", u.Username)
	if u.MustChangePassword {
		fmt.Fprintf(e.stdout, "初始密码 / initial password: %s（首次登录须修改 / must be changed at first login）\n", pw)
	}
	return nil
}

// userReset gives an account a new initial password and unlocks it.
func userReset(ctx context.Context, e *env, st *storage.Storage, username string) error {
	u, err := st.UserByUsername(ctx, username)
	if err != nil {
		return fmt.Errorf("账号 %q 不存在", username)
	}
	pw := auth.RandomPassword()
	h, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	if err := st.SetPassword(ctx, u.SchoolID, model.SystemActor, u.ID, h, true); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "已重置 %s 的密码，并解除锁定 / password reset and unlocked\n新初始密码 / new initial password: %s（首次登录须修改 / must be changed at first login）\n", u.Username, pw)
	return nil
}

// userList prints a school's accounts with their roles.
func userList(ctx context.Context, e *env, st *storage.Storage, school string) error {
	sid, err := schoolByCode(ctx, st, school)
	if err != nil {
		return err
	}
	users, _, err := st.Users(ctx, sid, storage.UserFilter{ListQuery: model.AllRows()})
	if err != nil {
		return err
	}
	for _, u := range users {
		names := make([]string, len(u.Roles))
		for i, r := range u.Roles {
			names[i] = auth.RoleNames[r]
		}
		fmt.Fprintf(e.stdout, "%-28s %-12s %s\n", u.Username, u.DisplayName, strings.Join(names, "、"))
	}
	return nil
}
