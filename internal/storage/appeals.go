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

// Appeal states: submitted → head_teacher_reviewed → upheld / rejected.
const (
	AppealSubmitted    = "submitted"
	AppealHeadReviewed = "head_teacher_reviewed"
	AppealUpheld       = "upheld"
	AppealRejected     = "rejected"
)

// ErrAppealOpen refuses a second open appeal on the same student,
// indicator and cycle.
var ErrAppealOpen = errors.New("该学生在本评价周期的这一指标上已有一条申诉正在处理，请等待处理结果")

// Appeal is a 申诉 against a result during 公示.
type Appeal struct {
	ID            int64      `json:"id"`
	CycleID       int64      `json:"cycle_id"`
	StudentID     int64      `json:"student_id"`
	IndicatorCode string     `json:"indicator_code,omitempty"`
	Reason        string     `json:"reason"`
	SubmittedBy   int64      `json:"submitted_by,omitempty"`
	SubmittedAt   time.Time  `json:"submitted_at"`
	State         string     `json:"state"`
	HeadReview    string     `json:"head_review,omitempty"`
	HeadReviewBy  int64      `json:"head_review_by,omitempty"`
	HeadReviewAt  *time.Time `json:"head_review_at,omitempty"`
	Decision      string     `json:"decision,omitempty"`
	DecidedBy     int64      `json:"decided_by,omitempty"`
	DecidedAt     *time.Time `json:"decided_at,omitempty"`
	AdjustMode    string     `json:"adjust_mode,omitempty"`
	AdjustValue   float64    `json:"adjust_value,omitempty"`
}

// CreateAppeal stores a submitted appeal. It is taken only while the cycle
// is publicised and not after the last day of publicity (today is the
// storage clock's UTC date; pass today to test the edge).
func (s *Storage) CreateAppeal(ctx context.Context, schoolID int64, a model.Actor, ap *Appeal) error {
	return s.createAppeal(ctx, schoolID, a, ap, now(), nil)
}

// SubmitAppeal stores a submitted appeal (as CreateAppeal) together with
// its proof file, when file is not nil: both with their audit lines in one
// transaction, so a file refused (its type, the uploader's quota, a
// *QuotaError) leaves no appeal behind without it.
func (s *Storage) SubmitAppeal(ctx context.Context, schoolID int64, a model.Actor, ap *Appeal, file *ProofUpload) error {
	return s.createAppeal(ctx, schoolID, a, ap, now(), file)
}

func (s *Storage) createAppeal(ctx context.Context, schoolID int64, a model.Actor, ap *Appeal, today time.Time, file *ProofUpload) error {
	if strings.TrimSpace(ap.Reason) == "" {
		return errors.New("申诉理由不能为空")
	}
	var ct string
	if file != nil {
		var err error
		if ct, err = CheckProofFile(file.Data); err != nil {
			return err
		}
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		if err := s.createAppealTx(ctx, tx, schoolID, a, ap, today); err != nil {
			return err
		}
		if file == nil {
			return nil
		}
		f, err := insertFile(ctx, tx, schoolID, a, "appeal", ap.ID, file.Name, ct, file.Data)
		if err != nil {
			return err
		}
		return s.audit(ctx, tx, schoolID, a, "add_file", "appeal", ap.ID, nil, map[string]any{"file_id": f.ID, "name": f.Name, "size": f.Size, "type": ct})
	})
}

// createAppealTx checks and stores an appeal inside tx, with its audit
// line.
func (s *Storage) createAppealTx(ctx context.Context, tx *sql.Tx, schoolID int64, a model.Actor, ap *Appeal, today time.Time) error {
	c, err := s.cycleQ(ctx, tx, schoolID, ap.CycleID)
	if err != nil {
		return err
	}
	if c.State != model.CyclePublicised {
		return fmt.Errorf("评价周期“%s”%s，只有公示期间可以申诉", c.Name, c.State.Name())
	}
	if c.PublicityEnd != "" && today.Format(dateLayout) > c.PublicityEnd {
		return fmt.Errorf("公示已于 %s 结束，不能再申诉", c.PublicityEnd)
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM results WHERE school_id = $1 AND cycle_id = $2 AND student_id = $3`, schoolID, ap.CycleID, ap.StudentID).Scan(&n); err != nil {
		return fmt.Errorf("createAppealTx: %w", err)
	}
	if n == 0 {
		return errors.New("该学生在本评价周期没有结果")
	}
	// One open appeal per student, indicator and cycle: ten identical
	// appeals sent at once were all taken, each with a notification.
	// This check gives the reason; the unique partial index
	// appeals_one_open (migration 0013) holds under concurrency.
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM appeals WHERE school_id = $1 AND cycle_id = $2 AND student_id = $3 AND indicator_code = $4 AND state IN ($5, $6)`,
		schoolID, ap.CycleID, ap.StudentID, ap.IndicatorCode, AppealSubmitted, AppealHeadReviewed).Scan(&n); err != nil {
		return fmt.Errorf("createAppealTx: %w", err)
	}
	if n > 0 {
		return ErrAppealOpen
	}
	ap.State, ap.SubmittedBy, ap.SubmittedAt = AppealSubmitted, a.UserID, now()
	err = tx.QueryRowContext(ctx, `INSERT INTO appeals (school_id, cycle_id, student_id, indicator_code, reason, submitted_by, submitted_at, state)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		schoolID, ap.CycleID, ap.StudentID, ap.IndicatorCode, ap.Reason, nullInt(a.UserID), ap.SubmittedAt, ap.State).Scan(&ap.ID)
	if isUniqueViolation(err) {
		return ErrAppealOpen
	}
	if err != nil {
		return err
	}
	return s.audit(ctx, tx, schoolID, a, "create", "appeal", ap.ID, nil, ap)
}

// ReviewAppealHead records the head teacher's (班主任) review of a
// submitted appeal.
func (s *Storage) ReviewAppealHead(ctx context.Context, schoolID int64, a model.Actor, id int64, text string) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("复核意见不能为空")
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		ap, err := s.appealQ(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if ap.State != AppealSubmitted {
			return errors.New("该申诉已经复核过")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE appeals SET state = $3, head_review = $4, head_review_by = $5, head_review_at = $6 WHERE school_id = $1 AND id = $2`,
			schoolID, id, AppealHeadReviewed, text, nullInt(a.UserID), now()); err != nil {
			return fmt.Errorf("ReviewAppealHead: %w", err)
		}
		return s.audit(ctx, tx, schoolID, a, "head_review", "appeal", id, map[string]string{"state": ap.State}, map[string]string{"state": AppealHeadReviewed, "review": text})
	})
}

// DecideAppeal records the committee's decision on a reviewed appeal.
// Upheld with an adjustment (mode CorrectionDelta or CorrectionSet) writes
// a result_corrections row for the appeal's indicator, which the next
// recompute applies; rejected keeps the reason. Both are final.
func (s *Storage) DecideAppeal(ctx context.Context, schoolID int64, a model.Actor, id int64, upheld bool, text, mode string, value float64) error {
	if strings.TrimSpace(text) == "" {
		return errors.New("处理意见不能为空")
	}
	return s.InTx(ctx, func(tx *sql.Tx) error {
		ap, err := s.appealQ(ctx, tx, schoolID, id)
		if err != nil {
			return err
		}
		if ap.State != AppealHeadReviewed {
			return errors.New("申诉须先经班主任复核，且只能决定一次")
		}
		state := AppealRejected
		if upheld {
			state = AppealUpheld
		} else {
			mode, value = "", 0
		}
		if _, err := tx.ExecContext(ctx, `UPDATE appeals SET state = $3, decision = $4, decided_by = $5, decided_at = $6, adjust_mode = $7, adjust_value = $8 WHERE school_id = $1 AND id = $2`,
			schoolID, id, state, text, nullInt(a.UserID), now(), mode, value); err != nil {
			return fmt.Errorf("DecideAppeal: %w", err)
		}
		if upheld && mode != "" {
			code := ap.IndicatorCode
			if err := s.addCorrection(ctx, tx, schoolID, a, &Correction{CycleID: ap.CycleID, StudentID: ap.StudentID, IndicatorCode: code, Mode: mode, Value: value, Reason: text, AppealID: id}); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, schoolID, a, "decide", "appeal", id, map[string]string{"state": ap.State}, map[string]any{"state": state, "decision": text, "mode": mode, "value": value})
	})
}

const appealCols = `id, cycle_id, student_id, indicator_code, reason, COALESCE(submitted_by, 0), submitted_at, state, head_review, COALESCE(head_review_by, 0), head_review_at,
	decision, COALESCE(decided_by, 0), decided_at, adjust_mode, adjust_value`

func scanAppeal(row interface{ Scan(...any) error }) (Appeal, error) {
	var ap Appeal
	var hr, dc sql.NullTime
	err := row.Scan(&ap.ID, &ap.CycleID, &ap.StudentID, &ap.IndicatorCode, &ap.Reason, &ap.SubmittedBy, &ap.SubmittedAt, &ap.State, &ap.HeadReview, &ap.HeadReviewBy, &hr,
		&ap.Decision, &ap.DecidedBy, &dc, &ap.AdjustMode, &ap.AdjustValue)
	if errors.Is(err, sql.ErrNoRows) {
		return ap, ErrNotFound
	}
	fixAppealTimes(&ap, hr, dc)
	return ap, err
}

// fixAppealTimes puts the scanned times in UTC and sets the optional ones.
func fixAppealTimes(ap *Appeal, hr, dc sql.NullTime) {
	ap.SubmittedAt = ap.SubmittedAt.UTC()
	if hr.Valid {
		t := hr.Time.UTC()
		ap.HeadReviewAt = &t
	}
	if dc.Valid {
		t := dc.Time.UTC()
		ap.DecidedAt = &t
	}
}

func (s *Storage) appealQ(ctx context.Context, q querier, schoolID, id int64) (Appeal, error) {
	return scanAppeal(q.QueryRowContext(ctx, `SELECT `+appealCols+` FROM appeals WHERE school_id = $1 AND id = $2`, schoolID, id))
}

// Appeal reads one appeal.
func (s *Storage) Appeal(ctx context.Context, schoolID, id int64) (Appeal, error) {
	return s.appealQ(ctx, s.db, schoolID, id)
}

// Appeals lists a cycle's appeals, oldest first; studentID 0 = all,
// state "" = any.
func (s *Storage) Appeals(ctx context.Context, schoolID, cycleID, studentID int64, state string) ([]Appeal, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+appealCols+` FROM appeals WHERE school_id = $1 AND cycle_id = $2 AND (CAST($3 AS BIGINT) = 0 OR student_id = $3) AND ($4 = '' OR state = $4) ORDER BY id`,
		schoolID, cycleID, studentID, state)
	if err != nil {
		return nil, fmt.Errorf("Appeals: %w", err)
	}
	defer rows.Close()
	var out []Appeal
	for rows.Next() {
		ap, err := scanAppeal(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, ap)
	}
	return out, rows.Err()
}

// AppealLine is an appeal as the appeal list shows it: with the
// student's name and the class of their result (both empty when the
// student has no result in the cycle).
type AppealLine struct {
	Appeal
	StudentName string
	ClassID     int64
}

// AppealLines lists the appeals of every cycle in one query, by cycle and
// then oldest first; state "" = any.
func (s *Storage) AppealLines(ctx context.Context, schoolID int64, state string) ([]AppealLine, error) {
	const ofResult = ` FROM results r WHERE r.school_id = appeals.school_id AND r.cycle_id = appeals.cycle_id AND r.student_id = appeals.student_id`
	rows, err := s.db.QueryContext(ctx, `SELECT `+appealCols+`,
		COALESCE((SELECT st.name`+strings.Replace(ofResult, "FROM results r", "FROM results r JOIN students st ON st.school_id = r.school_id AND st.id = r.student_id", 1)+`), ''),
		COALESCE((SELECT r.class_id`+ofResult+`), 0)
		FROM appeals WHERE school_id = $1 AND ($2 = '' OR state = $2) ORDER BY cycle_id, id`, schoolID, state)
	if err != nil {
		return nil, fmt.Errorf("申诉列表: %w", err)
	}
	defer rows.Close()
	var out []AppealLine
	for rows.Next() {
		var l AppealLine
		var hr, dc sql.NullTime
		ap := &l.Appeal
		if err := rows.Scan(&ap.ID, &ap.CycleID, &ap.StudentID, &ap.IndicatorCode, &ap.Reason, &ap.SubmittedBy, &ap.SubmittedAt, &ap.State, &ap.HeadReview, &ap.HeadReviewBy, &hr,
			&ap.Decision, &ap.DecidedBy, &dc, &ap.AdjustMode, &ap.AdjustValue, &l.StudentName, &l.ClassID); err != nil {
			return nil, fmt.Errorf("申诉列表: %w", err)
		}
		fixAppealTimes(ap, hr, dc)
		out = append(out, l)
	}
	return out, rows.Err()
}

// AddAppealFile attaches a proof file (checked by CheckProofFile).
func (s *Storage) AddAppealFile(ctx context.Context, schoolID int64, a model.Actor, appealID int64, name string, data []byte) (ProofFile, error) {
	return s.addFile(ctx, schoolID, a, "appeal", "appeals", appealID, name, data)
}

// AppealFile reads one proof file of an appeal.
func (s *Storage) AppealFile(ctx context.Context, schoolID, fileID int64) (ProofFile, error) {
	return s.file(ctx, "appeal", schoolID, fileID)
}

// AppealFiles lists an appeal's proof files (without their data), oldest
// first.
func (s *Storage) AppealFiles(ctx context.Context, schoolID, appealID int64) ([]ProofFile, error) {
	return s.files(ctx, "appeal", schoolID, appealID)
}
