package ui

import (
	"net/http"

	"zhijiao/internal/idcheck"
	"zhijiao/internal/model"
)

type enterpriseListData struct {
	Enterprises []model.Enterprise
	Pager       pager
	Query       model.ListQuery
}

// enterpriseList lists partner enterprises with search by name, credit
// code or industry.
func (s *Server) enterpriseList(w http.ResponseWriter, r *http.Request) {
	q := listQuery(r)
	list, total, err := s.st.Enterprises(r.Context(), schoolOf(r), q)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "enterprise_list", "校企合作", enterpriseListData{Enterprises: list, Pager: newPager(r, q, total), Query: q})
}

type enterpriseFormData struct {
	Enterprise model.Enterprise
	Errors     formErrors
}

func (s *Server) enterpriseNew(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "enterprise_form", "新增合作企业", enterpriseFormData{})
}

// enterpriseCreate adds a partner enterprise; storage checks the
// 统一社会信用代码 (GB 32100) and its Chinese error is shown as is.
func (s *Server) enterpriseCreate(w http.ResponseWriter, r *http.Request) {
	e := model.Enterprise{Name: field(r, "name"), CreditCode: field(r, "credit_code"), Industry: field(r, "industry"),
		Contact: field(r, "contact"), Phone: field(r, "phone"), Address: field(r, "address")}
	var errs formErrors
	if e.Name == "" {
		errs.add("企业名称不能为空")
	}
	maxLen(&errs, "企业名称", e.Name, 100)
	maxLen(&errs, "行业", e.Industry, 50)
	maxLen(&errs, "联系人", e.Contact, 50)
	maxLen(&errs, "地址", e.Address, 200)
	if e.Phone != "" {
		p, err := idcheck.Phone(e.Phone)
		errs.addErr("联系电话", err)
		if err == nil {
			e.Phone = p
		}
	}
	if !errs.any() {
		errs.addErr("", s.st.CreateEnterprise(r.Context(), schoolOf(r), actor(r), &e))
	} else if _, err := idcheck.CreditCode(e.CreditCode); err != nil {
		errs.addErr("", err)
	}
	if errs.any() {
		s.render(w, r, http.StatusUnprocessableEntity, "enterprise_form", "新增合作企业", enterpriseFormData{Enterprise: e, Errors: errs})
		return
	}
	s.redirect(w, r, "/enterprises/"+itoa64(e.ID), "已新增合作企业")
}
