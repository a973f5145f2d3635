package teacherdev

import (
	"sort"
	"strconv"
	"time"
)

// Certificate expiry notices (docs/teachers.md §3.4): the progress page,
// the teacher's own records and the monthly reminder show certificates
// that expire within CertNoticeDays or have expired in the last
// CertExpiredDays and were not renewed. The portrait keeps its wider
// 180-day highlight for planning; this is the list to act on.
const (
	CertNoticeDays  = 90
	CertExpiredDays = 365
)

// CertRecord is a certificate record as the notices need it.
type CertRecord struct {
	ID    int64
	Title string
	Fact
}

// CertNotice is one certificate to renew: DaysLeft is negative once it
// has expired.
type CertNotice struct {
	RecordID  int64  `json:"record_id"`
	Title     string `json:"title"`
	Level     string `json:"level,omitempty"`
	ExpiresOn string `json:"expires_on"`
	DaysLeft  int    `json:"days_left"`
}

// Expired reports whether the certificate's day has passed.
func (n CertNotice) Expired() bool { return n.DaysLeft < 0 }

// Gap is the reminder key of the notice: one per certificate.
func (n CertNotice) Gap() string { return "cert:" + strconv.FormatInt(n.RecordID, 10) }

// CertNotices lists a teacher's certificates to renew on day at, soonest
// first. Rejected records do not count; a certificate is renewed when the
// same title was obtained again later with a later expiry or none.
func CertNotices(certs []CertRecord, at time.Time) []CertNotice {
	at = day(at)
	var out []CertNotice
	for _, c := range certs {
		if c.Kind != KindCertificate || c.Status == StatusRejected {
			continue
		}
		e, ok := parseDay(c.ExpiresOn)
		if !ok {
			continue // long-term
		}
		left := int(e.Sub(at).Hours() / 24)
		if left > CertNoticeDays || left < -CertExpiredDays || renewed(c, certs) {
			continue
		}
		out = append(out, CertNotice{RecordID: c.ID, Title: c.Title, Level: c.Level, ExpiresOn: c.ExpiresOn, DaysLeft: left})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].DaysLeft < out[j].DaysLeft })
	return out
}

// renewed reports whether another certificate of c's title was obtained
// after it and lasts longer.
func renewed(c CertRecord, certs []CertRecord) bool {
	for _, o := range certs {
		if o.ID == c.ID || o.Kind != KindCertificate || o.Status == StatusRejected || o.Title != c.Title || o.StartsOn <= c.StartsOn {
			continue
		}
		if o.ExpiresOn == "" || o.ExpiresOn > c.ExpiresOn {
			return true
		}
	}
	return false
}
