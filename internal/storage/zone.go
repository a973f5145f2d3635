package storage

import (
	"os"
	"time"
	_ "time/tzdata" // the zone database is embedded: a minimal server without /usr/share/zoneinfo keeps the same calendar
)

// SchoolZone is the schools' calendar and clock: China Standard Time by
// default (schools are in China whatever the server's clock says), or
// ZHIJIAO_TZ. Pages show times in it, KPI periods and 今天 are its days,
// and printed cards are dated in it — one zone for all of them.
var SchoolZone = func() *time.Location {
	name := os.Getenv("ZHIJIAO_TZ")
	if name == "" {
		name = "Asia/Shanghai"
	}
	if loc, err := time.LoadLocation(name); err == nil {
		return loc
	}
	return time.FixedZone("CST", 8*3600)
}()
