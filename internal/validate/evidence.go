package validate

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"zhijiao/internal/model"
)

// The rules of a 写实记录, shared by the evidence form, the JSON API and the
// result-list import. model.Evidence says what Category and Level mean for
// each kind.

// Choices of a record, per kind.
var (
	HonourCategories     = []string{"三好学生", "优秀学生干部", "优秀共青团员", "国家奖学金", "国家助学金", "优秀毕业生", "其他荣誉"}
	InternshipCategories = []string{"顶岗实习", "跟岗实习", "现代学徒制"}
	MentorLevels         = []string{"优秀", "良好", "合格", "待合格"}
	ServiceCategories    = []string{"志愿服务", "社会实践"}
	CertCategories       = []string{model.CertQualification, model.CertSkillLevel}
	CertGrades           = []string{model.CertJunior, model.CertIntermediate, model.CertSenior}
)

// Lengths of a record's free text.
const (
	MaxEvidenceTitle = 100
	MaxEvidenceNote  = 500
	MaxTeamMembers   = 300
)

// EvidenceText is a record as typed: its choices and text, and its
// numbers as text. Whose record, which term and when are the caller's.
type EvidenceText struct {
	Kind                                             model.EvidenceKind
	Title, Category, Level, Prize, Note, TeamMembers string
	Hours, Points, Direction, MentorScore            string // Direction "-" makes Points a deduction
	Team, Passed                                     bool
	// Habits are the behaviour categories the school's tables allow
	// (conduct.Categories): a behaviour record must name one.
	Habits []string
}

// titleLabels name a record's title per kind, for "请填写…".
var titleLabels = map[model.EvidenceKind]string{
	model.EvidenceCompetition: "比赛名称", model.EvidenceCertificate: "证书名称", model.EvidenceInternship: "实习单位与岗位",
	model.EvidenceService: "活动名称", model.EvidenceBehaviour: "事由",
}

// Evidence checks a typed record by its kind, reports every problem to
// rep, and returns the record with the fields its kind keeps (an honour
// without a title is titled by its category).
func Evidence(in EvidenceText, rep Reporter) model.Evidence {
	e := model.Evidence{Kind: in.Kind, Title: in.Title, Category: in.Category, Level: in.Level, Note: in.Note}
	if !in.Kind.Valid() {
		rep.NotAllowed("kind", "写实记录类型", string(in.Kind), nil)
	}
	tooLong(rep, "title", "名称", in.Title, MaxEvidenceTitle)
	tooLong(rep, "note", "备注", in.Note, MaxEvidenceNote)
	tooLong(rep, "team_members", "团体成员", in.TeamMembers, MaxTeamMembers)
	oneOf := func(field, label, v string, list []string) {
		if !slices.Contains(list, v) {
			rep.NotAllowed(field, label, v, list)
		}
	}
	needTitle := func() {
		if in.Title == "" {
			rep.Missing("title", titleLabels[in.Kind])
		}
	}
	switch in.Kind {
	case model.EvidenceCompetition:
		needTitle()
		oneOf("level", "获奖级别", in.Level, model.AwardLevels)
		oneOf("prize", "奖项", in.Prize, model.Prizes)
		e.Prize, e.Team, e.Category = in.Prize, in.Team, ""
	case model.EvidenceCertificate:
		needTitle()
		oneOf("category", "证书类别", in.Category, CertCategories)
		oneOf("level", "证书等级", in.Level, CertGrades)
		e.Passed = in.Passed
	case model.EvidenceHonour:
		oneOf("category", "荣誉称号", in.Category, HonourCategories)
		oneOf("level", "授予级别", in.Level, model.AwardLevels)
		if e.Title == "" {
			e.Title = in.Category
		}
	case model.EvidenceInternship:
		oneOf("category", "实习形式", in.Category, InternshipCategories)
		oneOf("level", "企业导师评定", in.Level, MentorLevels)
		needTitle()
		if in.MentorScore != "" {
			e.MentorScore = inRange(rep, "mentor_score", "导师评分", in.MentorScore, 0, 100)
		}
	case model.EvidenceService:
		oneOf("category", "活动类别", in.Category, ServiceCategories)
		needTitle()
		e.Level = ""
		e.Hours = inRange(rep, "hours", "时长（小时）", in.Hours, 0.5, 1000)
	case model.EvidenceBehaviour:
		oneOf("category", "行为类别", in.Category, in.Habits)
		needTitle()
		e.Level = ""
		e.Points = inRange(rep, "points", "分值", in.Points, 0.5, 20)
		if in.Direction == "-" {
			e.Points = -e.Points
		}
	}
	return e
}

func tooLong(rep Reporter, field, label, v string, n int) {
	if utf8.RuneCountInString(v) > n {
		rep.TooLong(field, label, n)
	}
}

// inRange reads a number in [lo, hi]; 0 when it is not one.
func inRange(rep Reporter, field, label, v string, lo, hi float64) float64 {
	f, err := Number(v)
	if err != nil || f < lo || f > hi {
		rep.OutOfRange(field, label, lo, hi)
		return 0
	}
	return f
}

// MaxProofFile is the largest proof file accepted (10 MiB).
const MaxProofFile = 10 << 20

// proofTypes are the proof file types accepted, as sniffed by
// http.DetectContentType (the name and the client's claim are not trusted).
var proofTypes = map[string]bool{"image/jpeg": true, "image/png": true, "image/webp": true, "application/pdf": true}

// ProofFile returns the sniffed content type of a proof file, or a
// Chinese error when it is too large, empty or of a type not accepted.
func ProofFile(data []byte) (string, error) {
	if len(data) == 0 {
		return "", errors.New("文件为空")
	}
	if len(data) > MaxProofFile {
		return "", errors.New("文件超过 10 MB")
	}
	ct := http.DetectContentType(data)
	if i := strings.IndexByte(ct, ';'); i >= 0 {
		ct = ct[:i]
	}
	if !proofTypes[ct] {
		return "", errors.New("只接受 JPEG、PNG、WebP 图片或 PDF 文件")
	}
	return ct, nil
}
