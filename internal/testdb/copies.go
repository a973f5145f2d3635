package testdb

import (
	"database/sql"
	"errors"
	"sync"
)

// PostgreSQL copies of the template are made by one goroutine, a couple
// ahead of the tests that take them: a copy must be made while no other
// session uses the template, so copies are made one at a time anyway, and
// making them while the previous test runs takes their cost (mostly the
// server's disk, not this process's CPU) off the tests' clock. Dropping is
// the same, behind the tests. Cleanup waits for both to finish.

// spares is how many copies wait ready: tests of a package run one after
// another unless parallel, so two cover a test and the one after it.
const spares = 2

var (
	copiesOnce sync.Once
	ready      chan string   // copies made and not yet taken
	copyErr    error         // why the maker stopped, read after ready is closed
	stop       chan struct{} // closed by Cleanup: make no more
	makerDone  chan struct{}

	drops     chan string // copies whose test ended
	dropsDone chan struct{}
	dropOnce  sync.Once
)

func startCopies() {
	ready, stop, makerDone = make(chan string, spares), make(chan struct{}), make(chan struct{})
	go makeCopies()
}

func makeCopies() {
	defer close(makerDone)
	defer close(ready)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		copyErr = err
		return
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for {
		name := "zhijiao_t_" + randHex(6)
		if _, err := db.Exec("CREATE DATABASE " + name + " TEMPLATE " + pgTemplate); err != nil {
			copyErr = err
			return
		}
		select {
		case ready <- name:
		case <-stop:
			db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			return
		}
	}
}

// takeCopy returns the name of a fresh copy of the template.
func takeCopy() (string, error) {
	copiesOnce.Do(startCopies)
	name, ok := <-ready
	if !ok {
		if copyErr == nil {
			copyErr = errors.New("test databases are no longer made (Cleanup has run)")
		}
		return "", copyErr
	}
	return name, nil
}

// dropLater queues a used copy for dropping.
func dropLater(name string) {
	dropOnce.Do(func() {
		drops, dropsDone = make(chan string, 4096), make(chan struct{})
		go func() {
			defer close(dropsDone)
			db, err := sql.Open("pgx", admin)
			if err != nil {
				for range drops {
				}
				return
			}
			defer db.Close()
			db.SetMaxOpenConns(1)
			for name := range drops {
				db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			}
		}()
	})
	drops <- name
}

// stopCopies stops the maker, drops the spare copies and waits until every
// queued drop is done.
func stopCopies() {
	if ready != nil {
		close(stop)
		<-makerDone
		db, err := sql.Open("pgx", admin)
		if err == nil {
			for name := range ready {
				db.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			}
			db.Close()
		}
	}
	if drops != nil {
		close(drops)
		<-dropsDone
	}
}
