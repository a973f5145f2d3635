package ui

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"zhijiao/internal/eval"
	"zhijiao/internal/eval/workbook"
	"zhijiao/internal/model"
	"zhijiao/internal/validate"
)

// The edit form never edits a stored version: it starts from a copy of one
// (eval.Copy) and saves the result as a new version. Its fields are named
// by position: d.<i>.weight, i.<i>.<j>.name, i.<i>.<j>.role.<role>,
// g.<k>.min …, so the tree's shape (codes, observation points, levels)
// comes from the source version and only the numbers and names change.

type roleInput struct {
	Key, Name, Value string
}

type indInput struct {
	Code, Name, Weight, Scale string
	Roles                     []roleInput
	Points                    int
}

type dimInput struct {
	Code, Name, Weight string
	Indicators         []indInput
}

type thresholdInput struct {
	Level, Min, Quota string
	Last              bool
}

type frameworkFormData struct {
	Source      model.Framework
	Name        string
	Description string
	Dims        []dimInput
	Thresholds  []thresholdInput
	Roles       []roleInput // column heads
	Scales      []roleInput // Key = kind, Name = its name
	Errors      formErrors
}

func formNum(x float64) string {
	if x == 0 {
		return ""
	}
	return num(x)
}

// frameworkForm fills the form's fields from a framework.
func frameworkForm(src model.Framework) frameworkFormData {
	d := frameworkFormData{Source: src, Name: src.Name, Description: src.Description}
	for _, role := range model.RaterRoles {
		d.Roles = append(d.Roles, roleInput{Key: string(role), Name: shortRoleName(role)})
	}
	for _, k := range []model.ScaleKind{model.ScaleScore100, model.ScaleRating5, model.ScaleLevels} {
		d.Scales = append(d.Scales, roleInput{Key: string(k), Name: k.Name()})
	}
	for _, dim := range src.Dimensions {
		di := dimInput{Code: dim.Code, Name: dim.Name, Weight: num(dim.Weight)}
		for _, ind := range dim.Indicators {
			ii := indInput{Code: ind.Code, Name: ind.Name, Weight: num(ind.Weight), Scale: string(ind.Scale.Kind), Points: len(ind.ObservationPoints)}
			for _, role := range model.RaterRoles {
				ii.Roles = append(ii.Roles, roleInput{Key: string(role), Name: shortRoleName(role), Value: formNum(ind.RoleWeights[role])})
			}
			di.Indicators = append(di.Indicators, ii)
		}
		d.Dims = append(d.Dims, di)
	}
	for k, t := range src.Grading.Thresholds {
		d.Thresholds = append(d.Thresholds, thresholdInput{Level: string(t.Level), Min: num(t.Min), Quota: formNum(t.MaxPercent), Last: k == len(src.Grading.Thresholds)-1})
	}
	return d
}

// parseNum reads a number field; empty is 0 when allowEmpty.
func parseNum(errs *formErrors, label, v string, allowEmpty bool) float64 {
	v = strings.TrimSpace(v)
	if v == "" {
		if !allowEmpty {
			errs.add(label + "不能为空")
		}
		return 0
	}
	x, err := validate.Number(v)
	if err != nil {
		errs.add(label + "不是有效的数字")
		return 0
	}
	return x
}

// frameworkFromForm applies the posted fields to a copy of src. The form
// data keeps what was typed so a refused form comes back as it was sent.
func frameworkFromForm(r *http.Request, src model.Framework) (model.Framework, frameworkFormData, formErrors) {
	f := eval.Copy(src)
	d := frameworkForm(src)
	var errs formErrors
	f.Name, f.Description = field(r, "name"), field(r, "description")
	d.Name, d.Description = f.Name, f.Description
	maxLen(&errs, "方案名称", f.Name, 100)
	maxLen(&errs, "方案说明", f.Description, 1000)
	for i := range f.Dimensions {
		dim := &f.Dimensions[i]
		di := &d.Dims[i]
		key := fmt.Sprintf("d.%d.", i)
		di.Weight = field(r, key+"weight")
		dim.Weight = parseNum(&errs, "维度“"+dim.Name+"”的权重", di.Weight, false)
		for j := range dim.Indicators {
			ind := &dim.Indicators[j]
			ii := &di.Indicators[j]
			key := fmt.Sprintf("i.%d.%d.", i, j)
			ii.Name, ii.Weight, ii.Scale = field(r, key+"name"), field(r, key+"weight"), field(r, key+"scale")
			ind.Name = ii.Name
			maxLen(&errs, "指标名称", ind.Name, 50)
			ind.Weight = parseNum(&errs, "指标“"+ind.Code+"”的权重", ii.Weight, false)
			kind := model.ScaleKind(ii.Scale)
			if kind != ind.Scale.Kind {
				ind.Scale.Kind = kind
				ind.Scale.Levels = nil
				ind.Choices = nil // values of the old scale; the new one's default applies
				if kind == model.ScaleLevels {
					ind.Scale.Levels = workbook.DefaultLevels()
				}
			}
			ind.RoleWeights = map[model.RaterRole]float64{}
			for k := range ii.Roles {
				ri := &ii.Roles[k]
				ri.Value = field(r, key+"role."+ri.Key)
				w := parseNum(&errs, "指标“"+ind.Code+"”的"+ri.Name+"权重", ri.Value, true)
				if w < 0 {
					errs.add("指标“" + ind.Code + "”的" + ri.Name + "权重不能为负")
				}
				if w != 0 {
					ind.RoleWeights[model.RaterRole(ri.Key)] = w
				}
			}
		}
	}
	for k := range f.Grading.Thresholds {
		t := &f.Grading.Thresholds[k]
		ti := &d.Thresholds[k]
		key := fmt.Sprintf("g.%d.", k)
		ti.Min, ti.Quota = field(r, key+"min"), field(r, key+"quota")
		t.Min = parseNum(&errs, "等级“"+string(t.Level)+"”的分数线", ti.Min, false)
		t.MaxPercent = parseNum(&errs, "等级“"+string(t.Level)+"”的名额比例", ti.Quota, true)
	}
	return f, d, errs
}

func (s *Server) frameworkFormPage(w http.ResponseWriter, r *http.Request, status int, d frameworkFormData) {
	s.render(w, r, status, "framework_form", "复制为新版本并编辑", d)
}

func (s *Server) frameworkEdit(w http.ResponseWriter, r *http.Request) {
	f, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	s.frameworkFormPage(w, r, http.StatusOK, frameworkForm(f))
}

// frameworkSaveVersion validates the edited copy with eval.Validate and
// saves it as a new version; a refused form writes nothing.
func (s *Server) frameworkSaveVersion(w http.ResponseWriter, r *http.Request) {
	src, ok := s.loadFramework(w, r)
	if !ok {
		return
	}
	f, d, errs := frameworkFromForm(r, src)
	if !errs.any() {
		if err := eval.Validate(f); err != nil {
			var ve *eval.ValidationError
			if errors.As(err, &ve) {
				for _, p := range ve.Problems {
					errs.add(p)
				}
			} else {
				errs.add(err.Error())
			}
		}
	}
	if !errs.any() {
		errs.addErr("", s.st.SaveFrameworkVersion(r.Context(), schoolOf(r), actor(r), &f))
	}
	if errs.any() {
		d.Errors = errs
		s.frameworkFormPage(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.redirect(w, r, "/frameworks/"+itoa64(f.ID), fmt.Sprintf("已保存为第 %d 版", f.Version))
}
