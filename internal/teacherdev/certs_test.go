package teacherdev

import (
	"testing"
	"time"
)

// The notices: within 90 days or expired in the last year, not renewed,
// not rejected, soonest first.
func TestCertNotices(t *testing.T) {
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	cert := func(id int64, title, got, expires, status string) CertRecord {
		return CertRecord{ID: id, Title: title, Fact: Fact{Kind: KindCertificate, StartsOn: got, EndsOn: got, ExpiresOn: expires, Status: status}}
	}
	certs := []CertRecord{
		cert(1, "电工", "2021-03-01", "2027-02-28", StatusVerified),   // 89 days: shown
		cert(2, "数控车工", "2020-01-01", "2027-03-02", StatusVerified), // 91 days: not yet
		cert(3, "育婴员", "2019-01-01", "2026-11-20", StatusPending),   // expired 11 days ago
		cert(4, "会计", "2015-01-01", "2025-11-30", StatusVerified),   // expired 366 days ago: history
		cert(5, "汽车维修工", "2018-01-01", "2026-12-10", StatusVerified),
		cert(6, "汽车维修工", "2026-11-01", "2031-11-01", StatusVerified), // renews 5
		cert(7, "Web 前端开发", "2022-01-01", "2026-12-05", StatusRejected),
		cert(8, "焊工", "2022-01-01", "", StatusVerified), // long-term
		{ID: 9, Title: "国培", Fact: Fact{Kind: KindNational, ExpiresOn: "2026-12-05"}},
		cert(10, "电工", "2020-01-01", "2026-12-31", StatusVerified), // the later 电工 (1) lasts longer: renewed
	}
	got := CertNotices(certs, at)
	want := []struct {
		id   int64
		left int
	}{{3, -11}, {1, 89}}
	if len(got) != len(want) {
		t.Fatalf("notices = %+v", got)
	}
	for i, w := range want {
		if got[i].RecordID != w.id || got[i].DaysLeft != w.left {
			t.Errorf("notice %d = %+v, want record %d with %d days", i, got[i], w.id, w.left)
		}
	}
	if !got[0].Expired() || got[1].Expired() || got[1].Gap() != "cert:1" {
		t.Errorf("expired/gap: %+v", got)
	}
}
