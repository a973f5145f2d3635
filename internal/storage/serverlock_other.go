//go:build !unix

package storage

import "os"

// Without flock the lock is advisory only by its file's presence; the
// supported platforms are unix.
func tryLock(f *os.File) error { return nil }

func unlock(f *os.File) {}
