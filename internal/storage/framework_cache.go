package storage

import (
	"context"
	"errors"
	"sync"

	"zhijiao/internal/model"
)

// frameworkCache keeps parsed framework versions. A version row is never
// changed after it is written (edits are new versions), so a parsed copy
// stays right for the life of the process; parsing the JSON tree on every
// rating form was a fifth of the cost of a submission.
//
// Callers get the cached value itself and must treat it as read-only;
// editing starts from eval.Copy, as the framework pages do.
type frameworkCache struct {
	mu sync.RWMutex
	m  map[[2]int64]model.Framework
}

const frameworkCacheMax = 512

func (c *frameworkCache) get(school, id int64) (model.Framework, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	f, ok := c.m[[2]int64{school, id}]
	return f, ok
}

func (c *frameworkCache) put(school, id int64, f model.Framework) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= frameworkCacheMax {
		c.m = map[[2]int64]model.Framework{} // a crude bound: versions are few
	}
	c.m[[2]int64{school, id}] = f
}

// framework reads one version through the cache, inside q's transaction
// when q is one.
func (s *Storage) framework(ctx context.Context, q querier, schoolID, id int64) (model.Framework, error) {
	if f, ok := s.frameworks.get(schoolID, id); ok {
		return f, nil
	}
	f, err := scanFramework(q.QueryRowContext(ctx, `SELECT id, body, is_default FROM frameworks WHERE school_id = $1 AND id = $2`, schoolID, id))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return f, annotate("评价方案 "+itoa(int(id)), err)
	}
	if err != nil {
		return f, err
	}
	s.frameworks.put(schoolID, id, f)
	return f, nil
}
