package storage

// SetCopy turns the COPY path of bulk writers on or off (tests compare the
// rows both paths write) and returns the function that restores it.
func SetCopy(on bool) func() {
	was := noCopy.Load()
	noCopy.Store(!on)
	return func() { noCopy.Store(was) }
}
