package storage

import (
	"fmt"
	"os"
	"time"
	_ "time/tzdata" // the zone database is embedded: a minimal server without /usr/share/zoneinfo keeps the same calendar
)

// SchoolZone is the schools' calendar and clock: China Standard Time by
// default (schools are in China whatever the server's clock says), or
// ZHIJIAO_TZ. Pages show times in it, KPI periods and 今天 are its days,
// and printed cards are dated in it — one zone for all of them.
var SchoolZone, zoneErr = loadZone(os.Getenv("ZHIJIAO_TZ"))

func loadZone(name string) (*time.Location, error) {
	if name == "" {
		name = "Asia/Shanghai"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		// A typo must not quietly date every card in another zone: the
		// commands refuse to start (CheckZone); the fallback only keeps
		// library callers working.
		return time.FixedZone("CST", 8*3600), fmt.Errorf("ZHIJIAO_TZ=%q 不是有效的时区名称（例如 Asia/Shanghai）", name)
	}
	return loc, nil
}

// CheckZone reports an invalid ZHIJIAO_TZ; every command checks it before
// it starts.
func CheckZone() error { return zoneErr }
