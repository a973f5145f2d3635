package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// Daily checks (班级量化), the school's setup: settings, check items and
// their preset reasons. docs/conduct.md section 3.

// CheckSettings are a school's rules of the class 量化.
type CheckSettings struct {
	BaseScore      float64 `json:"base_score"`      // a class's score on a day with nothing entered
	FlagsPerGrade  int     `json:"flags_per_grade"` // 流动红旗 per grade and week
	CouncilConfirm bool    `json:"council_confirm"` // council entries wait for a teacher's confirmation
	DutyPublish    bool    `json:"duty_publish"`    // duty teachers may publish a day
}

// DefaultCheckSettings are a school's settings until it saves its own.
var DefaultCheckSettings = CheckSettings{BaseScore: 100, FlagsPerGrade: 1}

// CheckReason is a preset reason of an item with its points.
type CheckReason struct {
	ID     int64   `json:"id"`
	ItemID int64   `json:"item_id"`
	Text   string  `json:"text"`
	Points float64 `json:"points"`
}

// CheckItem is one thing classes are checked on.
type CheckItem struct {
	ID       int64         `json:"id"`
	Name     string        `json:"name"`
	Position int           `json:"position"`
	MaxDaily float64       `json:"max_daily"` // 0: no daily cap
	Active   bool          `json:"active"`
	Reasons  []CheckReason `json:"reasons"`
}

// CheckSettingsOf reads the school's settings, the defaults when it has
// saved none.
func (s *Storage) CheckSettingsOf(ctx context.Context, schoolID int64) (CheckSettings, error) {
	return s.checkSettings(ctx, s.db, schoolID)
}

func (s *Storage) checkSettings(ctx context.Context, q querier, schoolID int64) (CheckSettings, error) {
	c := DefaultCheckSettings
	err := q.QueryRowContext(ctx, `SELECT base_score, flags_per_grade, council_confirm, duty_publish FROM check_settings WHERE school_id = $1`, schoolID).
		Scan(&c.BaseScore, &c.FlagsPerGrade, &c.CouncilConfirm, &c.DutyPublish)
	if errors.Is(err, sql.ErrNoRows) {
		return DefaultCheckSettings, nil
	}
	return c, annotate("check settings", err)
}

// SaveCheckSettings stores the school's settings, audited with before and
// after.
func (s *Storage) SaveCheckSettings(ctx context.Context, schoolID int64, a model.Actor, c CheckSettings) error {
	if c.BaseScore < 1 || c.BaseScore > 1000 || c.FlagsPerGrade < 0 || c.FlagsPerGrade > 10 {
		return refusal("每日基础分应在 1 到 1000 之间，流动红旗数应在 0 到 10 之间")
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		before, err := s.checkSettings(ctx, tx, schoolID)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM check_settings WHERE school_id = $1`, schoolID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO check_settings (school_id, base_score, flags_per_grade, council_confirm, duty_publish) VALUES ($1, $2, $3, $4, $5)`,
			schoolID, c.BaseScore, c.FlagsPerGrade, c.CouncilConfirm, c.DutyPublish); err != nil {
			return fmt.Errorf("check settings: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "update", "check_settings", 0, before, c)
	})
}

// CheckItems lists the school's items in order with their reasons; active
// only when activeOnly. Two statements however many items.
func (s *Storage) CheckItems(ctx context.Context, schoolID int64, activeOnly bool) ([]CheckItem, error) {
	q := `SELECT id, name, position, max_daily, active FROM check_items WHERE school_id = $1`
	if activeOnly {
		q += ` AND active = TRUE`
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY position, id`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("check items: %w", err)
	}
	var items []CheckItem
	at := map[int64]int{}
	for rows.Next() {
		var it CheckItem
		if err := rows.Scan(&it.ID, &it.Name, &it.Position, &it.MaxDaily, &it.Active); err != nil {
			rows.Close()
			return nil, err
		}
		at[it.ID] = len(items)
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows, err = s.db.QueryContext(ctx, `SELECT id, item_id, text, points FROM check_reasons WHERE school_id = $1 ORDER BY item_id, position, id`, schoolID)
	if err != nil {
		return nil, fmt.Errorf("check reasons: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r CheckReason
		if err := rows.Scan(&r.ID, &r.ItemID, &r.Text, &r.Points); err != nil {
			return nil, err
		}
		if i, ok := at[r.ItemID]; ok {
			items[i].Reasons = append(items[i].Reasons, r)
		}
	}
	return items, rows.Err()
}

// SaveCheckItem creates (ID 0) or updates an item and replaces its preset
// reasons, in one transaction with one audit line. Entries already made
// keep their own reason and points.
func (s *Storage) SaveCheckItem(ctx context.Context, schoolID int64, a model.Actor, it *CheckItem) error {
	if r := validate.Text(it.Name, 20, true); r != "" {
		return refusal("检查项目名称" + r)
	}
	err := s.InTx(ctx, func(tx *sql.Tx) error {
		return s.saveCheckItem(ctx, tx, schoolID, a, it)
	})
	if isUniqueViolation(err) {
		return refusal("已有名为“" + it.Name + "”的检查项目")
	}
	return err
}

func (s *Storage) saveCheckItem(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, it *CheckItem) error {
	action := "update"
	if it.ID == 0 {
		action = "create"
		if err := tx.QueryRowContext(ctx, `INSERT INTO check_items (school_id, name, position, max_daily, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			schoolID, it.Name, it.Position, it.MaxDaily, it.Active).Scan(&it.ID); err != nil {
			return fmt.Errorf("check item insert: %w", err)
		}
	} else {
		res, err := tx.ExecContext(ctx, `UPDATE check_items SET name = $3, position = $4, max_daily = $5, active = $6 WHERE school_id = $1 AND id = $2`,
			schoolID, it.ID, it.Name, it.Position, it.MaxDaily, it.Active)
		if err != nil {
			return fmt.Errorf("check item update: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM check_reasons WHERE school_id = $1 AND item_id = $2`, schoolID, it.ID); err != nil {
			return err
		}
	}
	for i := range it.Reasons {
		r := &it.Reasons[i]
		r.ItemID = it.ID
		if err := tx.QueryRowContext(ctx, `INSERT INTO check_reasons (school_id, item_id, text, points, position) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			schoolID, it.ID, r.Text, r.Points, i).Scan(&r.ID); err != nil {
			return fmt.Errorf("check reason insert: %w", err)
		}
	}
	return s.audit(ctx, tx, schoolID, a, action, "check_item", it.ID, nil, it)
}

// DefaultCheckItems are the five items most schools check, with common
// reasons; a school adopts them in one action and edits them after.
func DefaultCheckItems() []CheckItem {
	r := func(text string, pts float64) CheckReason { return CheckReason{Text: text, Points: pts} }
	return []CheckItem{
		{Name: "纪律", Position: 1, MaxDaily: 5, Active: true, Reasons: []CheckReason{r("课堂喧哗", -1), r("上课迟到", -0.5), r("课上玩手机", -1), r("课间追逐打闹", -1)}},
		{Name: "两操", Position: 2, MaxDaily: 5, Active: true, Reasons: []CheckReason{r("早操缺勤", -1), r("早操队列不整齐", -0.5), r("眼保健操不认真", -0.5)}},
		{Name: "仪容仪表", Position: 3, MaxDaily: 3, Active: true, Reasons: []CheckReason{r("未穿校服", -0.5), r("未佩戴校牌", -0.5), r("发型不合要求", -0.5)}},
		{Name: "卫生", Position: 4, MaxDaily: 5, Active: true, Reasons: []CheckReason{r("地面有纸屑", -1), r("黑板未擦", -0.5), r("公区未打扫", -1), r("垃圾未倒", -0.5), r("卫生优秀", 0.5)}},
		{Name: "宿舍", Position: 5, MaxDaily: 5, Active: true, Reasons: []CheckReason{r("内务不整", -1), r("熄灯后喧哗", -1), r("使用违规电器", -2)}},
	}
}

// AdoptDefaultCheckItems gives a school without items the default five,
// in one transaction; a school that has items keeps them (refused).
func (s *Storage) AdoptDefaultCheckItems(ctx context.Context, schoolID int64, a model.Actor) error {
	return s.InTx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM check_items WHERE school_id = $1`, schoolID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return refusal("学校已有检查项目，请逐项修改")
		}
		for _, it := range DefaultCheckItems() {
			if err := s.saveCheckItem(ctx, tx, schoolID, a, &it); err != nil {
				return err
			}
		}
		return nil
	})
}
