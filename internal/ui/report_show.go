package ui

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"

	"zhijiao/internal/auth"
	"zhijiao/internal/idcheck"
	"zhijiao/internal/report"
	"zhijiao/internal/reportcard"
	"zhijiao/internal/storage"
)

// reportPrintData is the printable report card page.
type reportPrintData struct {
	Card     report.Card
	IDMasked string
	Radar    template.HTML
	QR       template.HTML
	PDF      string
	CycleID  int64
	Student  int64
}

// reportShow answers /reports/{cycle}/students/{id} with the printable
// page (the same content as the PDF, laid out for A4 by print CSS) and
// /reports/{cycle}/students/{id}.pdf with the PDF.
func (s *Server) reportShow(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	c, ok := s.reportCycle(w, r, sc)
	if !ok {
		return
	}
	idText, ext := splitExt(r.PathValue("student"))
	id, _ := strconv.ParseInt(idText, 10, 64)
	if ext != "" && ext != "pdf" {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	if !s.reportStudentInCycle(w, r, sc, c.ID, id) {
		return
	}
	if familyOnly(sc) && s.heldBack(r, c.ID, id, 0) {
		s.errorPage(w, r, http.StatusNotFound, "本期结果暂不公示，暂不能下载报告单")
		return
	}
	l := &reportcard.Loader{St: s.st, VerifyBase: s.publicBase(r)}
	card, err := l.Card(r.Context(), schoolOf(r), c, id)
	if err != nil {
		s.cardError(w, r, err)
		return
	}
	if ext == "pdf" {
		var buf bytes.Buffer
		if err := report.RenderCard(&buf, card); err != nil {
			s.serverError(w, r, err)
			return
		}
		sendPDF(w, card.Student.StudentNo+"_"+card.Student.Name+"_"+card.Term+".pdf", buf.Bytes())
		return
	}
	d := reportPrintData{Card: card, IDMasked: idcheck.MaskID(card.Student.IDNumber), Radar: radarSVG(card.Dimensions), QR: qrSVG(card.VerifyURL),
		PDF: fmt.Sprintf("/reports/%d/students/%d.pdf", c.ID, id), CycleID: c.ID, Student: id}
	s.render(w, r, http.StatusOK, "report_print", card.Student.Name+" "+report.Title, d)
}

// reportStudentInCycle checks that student id exists in the user's school
// and is in their scope, by the class of the student's result in the
// cycle or, without a result, by their class now. Anything else is 404.
func (s *Server) reportStudentInCycle(w http.ResponseWriter, r *http.Request, sc auth.Scope, cycleID, id int64) bool {
	stu, err := s.st.Student(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return false
	}
	classID := stu.ClassID
	if res, err := s.st.StudentResult(r.Context(), schoolOf(r), cycleID, id); err == nil {
		classID = res.ClassID
	} else if !errors.Is(err, storage.ErrNotFound) {
		s.serverError(w, r, err)
		return false
	}
	return s.reportStudent(w, r, sc, id, classID)
}

// reportArchive answers /reports/archive/students/{id}.pdf: every
// publicised or final term of the student in one PDF.
func (s *Server) reportArchive(w http.ResponseWriter, r *http.Request) {
	sc, err := s.scopeOf(r)
	if err != nil {
		s.serverError(w, r, err)
		return
	}
	idText, ext := splitExt(r.PathValue("student"))
	id, _ := strconv.ParseInt(idText, 10, 64)
	if ext != "pdf" {
		s.errorPage(w, r, http.StatusNotFound, "页面或记录不存在")
		return
	}
	stu, err := s.st.Student(r.Context(), schoolOf(r), id)
	if err != nil {
		s.notFoundOr(w, r, err)
		return
	}
	if !s.reportStudent(w, r, sc, id, stu.ClassID) {
		return
	}
	l := &reportcard.Loader{St: s.st, VerifyBase: s.publicBase(r)}
	cards, err := l.Archive(r.Context(), schoolOf(r), id)
	if err != nil {
		if errors.Is(err, reportcard.ErrNoResult) {
			s.errorPage(w, r, http.StatusNotFound, "该生还没有已公示的评价结果，暂不能生成毕业档案")
			return
		}
		s.serverError(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := report.RenderArchive(&buf, cards); err != nil {
		s.serverError(w, r, err)
		return
	}
	sendPDF(w, stu.StudentNo+"_"+stu.Name+"_"+report.ArchiveTitle+".pdf", buf.Bytes())
}

func sendPDF(w http.ResponseWriter, name string, data []byte) {
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", "inline; filename=\"report.pdf\"; filename*=UTF-8''"+pathEscape(name))
	w.Header().Set("Cache-Control", "private, no-store")
	w.Write(data)
}

// radarSVG draws the radar chart of the printable page as inline SVG
// (vector, no script, prints as drawn): gridlines at 20–100, the class
// average dashed, the student's polygon filled. Fewer than 3 dimensions
// draw nothing, as on the PDF.
func radarSVG(dims []report.Dim) template.HTML {
	n := len(dims)
	if n < 3 {
		return ""
	}
	const cx, cy, R = 160.0, 130.0, 90.0
	pt := func(i int, v float64) (float64, float64) {
		a := -math.Pi/2 + 2*math.Pi*float64(i)/float64(n)
		rr := R * math.Max(0, math.Min(100, v)) / 100
		return cx + rr*math.Cos(a), cy + rr*math.Sin(a)
	}
	poly := func(val func(i int) float64) string {
		var b strings.Builder
		for i := range n {
			x, y := pt(i, val(i))
			fmt.Fprintf(&b, "%.1f,%.1f ", x, y)
		}
		return strings.TrimSpace(b.String())
	}
	var b strings.Builder
	b.WriteString(`<svg class="radar" viewBox="0 0 320 260" role="img" aria-label="雷达图">`)
	for g := 20.0; g <= 100; g += 20 {
		fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="#bbb" stroke-width="0.6"/>`, poly(func(int) float64 { return g }))
	}
	for i := range n {
		x, y := pt(i, 100)
		fmt.Fprintf(&b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#bbb" stroke-width="0.6"/>`, cx, cy, x, y)
		lx, ly := pt(i, 116)
		anchor := "middle"
		if lx < cx-5 {
			anchor = "end"
		} else if lx > cx+5 {
			anchor = "start"
		}
		fmt.Fprintf(&b, `<text x="%.1f" y="%.1f" text-anchor="%s" font-size="11">%s</text>`, lx, ly+4, anchor, template.HTMLEscapeString(dims[i].Name))
	}
	fmt.Fprintf(&b, `<polygon points="%s" fill="none" stroke="#b03a2e" stroke-width="1.2" stroke-dasharray="4 3"/>`, poly(func(i int) float64 { return dims[i].ClassAvg }))
	fmt.Fprintf(&b, `<polygon points="%s" fill="#cfddf0" fill-opacity="0.7" stroke="#1f4e8c" stroke-width="1.5"/>`, poly(func(i int) float64 { return dims[i].Score }))
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// qrSVG draws a QR code of text as SVG rectangles, one per run of dark
// modules (the same drawing as the PDF's).
func qrSVG(text string) template.HTML {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return ""
	}
	m := q.Bitmap()
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="qr" viewBox="0 0 %d %d" shape-rendering="crispEdges" role="img" aria-label="二维码"><rect width="%d" height="%d" fill="#fff"/>`, len(m), len(m), len(m), len(m))
	for y, row := range m {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < len(row) && row[x] {
				x++
			}
			fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="1"/>`, start, y, x-start)
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
