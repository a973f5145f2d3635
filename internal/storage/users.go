package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"zhijiao/internal/model"
)

// CreateUser adds an account with its roles. PasswordHash must already be
// an argon2id hash (package auth makes it).
func (s *Storage) CreateUser(ctx context.Context, schoolID int64, a model.Actor, u *model.User) error {
	u.SchoolID = schoolID
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.createUser(ctx, tx, schoolID, a, u) })
}

// userColumns are the columns the account form and the bulk load (which
// puts "id" first) fill for a new account, in the order userRow gives them.
var userColumns = []string{"school_id", "username", "display_name", "password_hash", "must_change_password", "disabled",
	"teacher_id", "student_id", "guardian_id", "mentor_id", "district_id", "created_at"}

// userRow is a new account's values for userColumns.
func userRow(schoolID int64, u *model.User) []any {
	return []any{schoolID, u.Username, u.DisplayName, u.PasswordHash, u.MustChangePassword, u.Disabled,
		nullInt(u.TeacherID), nullInt(u.StudentID), nullInt(u.GuardianID), nullInt(u.MentorID), nullInt(u.DistrictID), u.CreatedAt}
}

func (s *Storage) createUser(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, u *model.User) error {
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	if u.Username == "" || u.PasswordHash == "" {
		return errors.New("账号和密码不能为空")
	}
	u.SchoolID = schoolID
	u.CreatedAt = now()
	if err := s.claimKey(ctx, tx, keyUsername, u.Username, schoolID); err != nil {
		if errors.Is(err, errKeyTaken) {
			return fmt.Errorf("账号 %s 已存在", u.Username)
		}
		return err
	}
	err := tx.QueryRowContext(ctx, insertSQL("users", userColumns, 1, s.dialect)+` RETURNING id`, userRow(schoolID, u)...).Scan(&u.ID)
	if isUniqueViolation(err) {
		return fmt.Errorf("账号 %s 已存在", u.Username)
	}
	if err != nil {
		return err
	}
	if err := s.setRoles(ctx, tx, schoolID, u.ID, u.Roles); err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "create", "user", u.ID, nil, u)
}

func (s *Storage) setRoles(ctx context.Context, tx *sql.Tx, schoolID, userID int64, roles []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_roles WHERE school_id = $1 AND user_id = $2`, schoolID, userID); err != nil {
		return fmt.Errorf("setRoles: %w", err)
	}
	for _, r := range roles {
		if _, err := tx.ExecContext(ctx, `INSERT INTO user_roles (school_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, schoolID, userID, r); err != nil {
			return fmt.Errorf("setRoles: %w", err)
		}
	}
	return nil
}

// SetRoles replaces a user's roles, audited with before and after.
func (s *Storage) SetRoles(ctx context.Context, schoolID int64, a model.Actor, userID int64, roles []string) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.user(ctx, tx, `u.school_id = $1 AND u.id = $2`, schoolID, userID)
		if err != nil {
			return err
		}
		if err := s.setRoles(ctx, tx, schoolID, userID, roles); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "set_roles", "user", userID, before.Roles, roles)
	})
}

const userSelect = `SELECT u.id, u.school_id, u.username, u.display_name, u.password_hash, u.must_change_password, u.disabled, u.failed_logins, u.locked_until,
	COALESCE(u.teacher_id, 0), COALESCE(u.student_id, 0), COALESCE(u.guardian_id, 0), COALESCE(u.mentor_id, 0), COALESCE(u.district_id, 0), u.created_at, u.last_login
	FROM users u`

func scanUser(row interface{ Scan(...any) error }) (model.User, error) {
	var u model.User
	var locked, last sql.NullTime
	err := row.Scan(&u.ID, &u.SchoolID, &u.Username, &u.DisplayName, &u.PasswordHash,
		&u.MustChangePassword, &u.Disabled, &u.FailedLogins, &locked, &u.TeacherID, &u.StudentID, &u.GuardianID, &u.MentorID, &u.DistrictID, &u.CreatedAt, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	u.LockedUntil, u.LastLogin = locked.Time, last.Time
	return u, err
}

func (s *Storage) user(ctx context.Context, q querier, cond string, args ...any) (model.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, userSelect+` WHERE `+cond, args...))
	if err != nil {
		return u, fmt.Errorf("user: %w", err)
	}
	u.Roles, err = s.rolesOf(ctx, q, u.SchoolID, u.ID)
	return u, err
}

func (s *Storage) rolesOf(ctx context.Context, q querier, schoolID, userID int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT role FROM user_roles WHERE school_id = $1 AND user_id = $2 ORDER BY role`, schoolID, userID)
	if err != nil {
		return nil, fmt.Errorf("rolesOf: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var r string
		if err := rows.Scan(&r); err != nil {
			return nil, fmt.Errorf("rolesOf: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// UserByUsername reads an account for login; usernames are unique across
// the platform.
func (s *Storage) UserByUsername(ctx context.Context, username string) (model.User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	school, err := s.schoolOfKey(ctx, keyUsername, username)
	if err != nil {
		return model.User{}, err
	}
	return s.user(ctx, s.db, `u.school_id = $1 AND u.username = $2`, school, username)
}

// UserByID reads an account by id without a school: only the session
// middleware calls it, with the id it stored itself at login.
//
// It reads by id alone, which the (school_id, id) key cannot serve: on a
// city's database it scans every account. Requests know the school (the
// session keeps it, a token's is in global_keys) and use User; this is for
// the rare caller that has only an id (a session from before the school
// was kept, tests).
func (s *Storage) UserByID(ctx context.Context, id int64) (model.User, error) {
	return s.user(ctx, s.db, `u.id = $1`, id)
}

// User reads one account of a school.
func (s *Storage) User(ctx context.Context, schoolID, id int64) (model.User, error) {
	return s.user(ctx, s.db, `u.school_id = $1 AND u.id = $2`, schoolID, id)
}

// UserFilter narrows the account list.
type UserFilter struct {
	model.ListQuery
	Role string
}

// Users lists a school's accounts.
func (s *Storage) Users(ctx context.Context, schoolID int64, f UserFilter) ([]model.User, int, error) {
	if err := f.CheckPaging(); err != nil {
		return nil, 0, err
	}
	w := schoolWhere("u.school_id", schoolID)
	if f.Role != "" {
		w.add("EXISTS (SELECT 1 FROM user_roles r WHERE r.school_id = u.school_id AND r.user_id = u.id AND r.role = ?)", f.Role)
	}
	if f.Q != "" {
		w.add(`(LOWER(u.username) LIKE ? ESCAPE '\' OR LOWER(u.display_name) LIKE ? ESCAPE '\')`, likePattern(f.Q))
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users u`+w.sql(), w.args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("Users: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, userSelect+w.sql()+` ORDER BY u.username`+pageSQL(f.ListQuery), w.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Users: %w", err)
	}
	var out []model.User
	byID := map[int64]int{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, 0, err
		}
		byID[u.ID] = len(out)
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("Users: %w", err)
	}
	// One query for the page's roles, not one per account.
	rw := schoolWhere("school_id", schoolID)
	ids := make([]int64, len(out))
	for i, u := range out {
		ids[i] = u.ID
	}
	rw.in("user_id", ids)
	rs, err := s.db.QueryContext(ctx, `SELECT user_id, role FROM user_roles`+rw.sql()+` ORDER BY role`, rw.args...)
	if err != nil {
		return nil, 0, fmt.Errorf("Users: %w", err)
	}
	defer rs.Close()
	for rs.Next() {
		var id int64
		var role string
		if err := rs.Scan(&id, &role); err != nil {
			return nil, 0, fmt.Errorf("Users: %w", err)
		}
		out[byID[id]].Roles = append(out[byID[id]].Roles, role)
	}
	return out, total, rs.Err()
}

// SetPassword stores a new hash. mustChange marks an initial or reset
// password that the owner must replace at next login. It revokes every API
// token of the account in the same transaction: whoever held the old
// password may have made them. (Web sessions end because they carry a mark
// of the hash they logged in with; see package ui.)
func (s *Storage) SetPassword(ctx context.Context, schoolID int64, a model.Actor, userID int64, hash string, mustChange bool) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $3, must_change_password = $4, failed_logins = 0, locked_until = NULL WHERE school_id = $1 AND id = $2`,
			schoolID, userID, hash, mustChange)
		if err != nil {
			return fmt.Errorf("SetPassword: %w", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked = TRUE WHERE school_id = $1 AND user_id = $2 AND NOT revoked`, schoolID, userID); err != nil {
			return fmt.Errorf("SetPassword: %w", err)
		}
		action := "change_password"
		if mustChange {
			action = "reset_password"
		}
		return s.audit(ctx, tx, schoolID, a, action, "user", userID, nil, nil)
	})
}

// SetDisabled enables or disables an account.
func (s *Storage) SetDisabled(ctx context.Context, schoolID int64, a model.Actor, userID int64, disabled bool) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		r, err := tx.ExecContext(ctx, `UPDATE users SET disabled = $3 WHERE school_id = $1 AND id = $2`, schoolID, userID, disabled)
		if err != nil {
			return fmt.Errorf("SetDisabled: %w", err)
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return s.audit(ctx, tx, schoolID, a, "set_disabled", "user", userID, nil, map[string]bool{"disabled": disabled})
	})
}

// RecordLoginFailure counts a wrong password and sets locked_until to the
// earliest time of the account's next attempt: now + delay(n) for the n-th
// failure in a row. A run whose wait ended more than forget ago starts
// again at one. It returns n.
//
// Every lookup of an account names its school: the key is (school_id, id),
// and an id alone would read every school's accounts (a city's millions).
func (s *Storage) RecordLoginFailure(ctx context.Context, schoolID, userID int64, delay func(n int) time.Duration, forget time.Duration) (int, error) {
	var n int
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		var until sql.NullTime
		if err := tx.QueryRowContext(ctx, `SELECT failed_logins, locked_until FROM users WHERE school_id = $1 AND id = $2`, schoolID, userID).Scan(&n, &until); err != nil {
			return fmt.Errorf("RecordLoginFailure: %w", err)
		}
		t := now()
		if until.Valid && t.Sub(until.Time) > forget {
			n = 0
		}
		n++
		_, err := tx.ExecContext(ctx, `UPDATE users SET failed_logins = $3, locked_until = $4 WHERE school_id = $1 AND id = $2`, schoolID, userID, n, t.Add(delay(n)))
		return err
	})
	return n, err
}

// RecordLoginSuccess clears failures and stamps the login time.
func (s *Storage) RecordLoginSuccess(ctx context.Context, schoolID, userID int64) error {
	_, err := s.db.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL, last_login = $3 WHERE school_id = $1 AND id = $2`, schoolID, userID, now())
	return err
}

// UsernameTaken reports whether an account name is in use.
func (s *Storage) UsernameTaken(ctx context.Context, username string) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE username = $1`, strings.ToLower(username)).Scan(&n)
	return n > 0, err
}

// UsernamesTaken reports which of the given login names an account of any
// school already has, in one query per 500 names.
func (s *Storage) UsernamesTaken(ctx context.Context, usernames []string) (map[string]bool, error) {
	taken := map[string]bool{}
	const chunk = 500
	for lo := 0; lo < len(usernames); lo += chunk {
		part := usernames[lo:min(lo+chunk, len(usernames))]
		ph, args := make([]string, len(part)), make([]any, len(part))
		for i, u := range part {
			ph[i], args[i] = "$"+itoa(i+1), strings.ToLower(u)
		}
		err := scanAll(ctx, s.db, `SELECT username FROM users WHERE username IN (`+strings.Join(ph, ", ")+`)`, args, func(r *sql.Rows) error {
			var u string
			err := r.Scan(&u)
			taken[u] = true
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("查询账号是否已被使用: %w", err)
		}
	}
	return taken, nil
}

// CreateUsers adds several accounts in one transaction: all of them, or
// none.
func (s *Storage) CreateUsers(ctx context.Context, schoolID int64, a model.Actor, users []*model.User) error {
	return s.InTx(ctx, func(tx *sql.Tx) error { return s.createUsers(ctx, tx, schoolID, a, users) })
}

func (s *Storage) createUsers(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, users []*model.User) error {
	for _, u := range users {
		if err := s.createUser(ctx, tx, schoolID, a, u); err != nil {
			return err
		}
	}
	return nil
}

// OpenClassAccounts is a class's batch account opening: the accounts and
// the class's "open_accounts" audit line (how many, and which were
// skipped and why) land in one transaction, or nothing does.
func (s *Storage) OpenClassAccounts(ctx context.Context, schoolID int64, a model.Actor, classID int64, users []*model.User, skipped []string) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.createUsers(ctx, tx, schoolID, a, users); err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "open_accounts", "class", classID, nil, map[string]any{"accounts": len(users), "skipped": skipped})
	})
}

// HasUsers reports whether any account exists, so a fresh installation can
// tell its operator how to create the first one.
func (s *Storage) HasUsers(ctx context.Context) (bool, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM users LIMIT 1) x`).Scan(&n)
	return n > 0, err
}
