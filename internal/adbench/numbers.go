package adbench

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
)

// Numbers reads an ADBench data file as the C++ readers do (fscanf): a
// stream of whitespace-separated numbers, read one at a time in the order
// the format defines.
type Numbers struct {
	path string
	sc   *bufio.Scanner
	n    int // numbers read so far, for messages
	err  error
}

// NewNumbers reads the numbers of r; path names it in errors.
func NewNumbers(path string, r io.Reader) *Numbers {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	sc.Split(bufio.ScanWords)
	return &Numbers{path: path, sc: sc}
}

// Float returns the next number. After the first error it returns 0; Err
// reports the error.
func (r *Numbers) Float() float64 {
	if r.err != nil {
		return 0
	}
	if !r.sc.Scan() {
		r.err = r.sc.Err()
		if r.err == nil {
			r.err = fmt.Errorf("%s: the file ends after %d numbers; the format needs more", r.path, r.n)
		}
		return 0
	}
	v, err := strconv.ParseFloat(r.sc.Text(), 64)
	if err != nil {
		r.err = fmt.Errorf("%s: number %d: %q is not a number", r.path, r.n+1, r.sc.Text())
		return 0
	}
	r.n++
	return v
}

// Int returns the next number, which must be an integer.
func (r *Numbers) Int() int {
	v := r.Float()
	if r.err == nil && v != float64(int(v)) {
		r.err = fmt.Errorf("%s: number %d: %v should be an integer", r.path, r.n, v)
	}
	return int(v)
}

// Floats reads the next n numbers into a new slice.
func (r *Numbers) Floats(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = r.Float()
	}
	return out
}

// Rest reads every number left, to the end of the file.
func (r *Numbers) Rest() []float64 {
	var out []float64
	for r.err == nil && r.sc.Scan() {
		v, err := strconv.ParseFloat(r.sc.Text(), 64)
		if err != nil {
			r.err = fmt.Errorf("%s: number %d: %q is not a number", r.path, r.n+1, r.sc.Text())
			break
		}
		r.n++
		out = append(out, v)
	}
	if r.err == nil {
		r.err = r.sc.Err()
	}
	return out
}

// Err is the first error met, or nil.
func (r *Numbers) Err() error { return r.err }

// ReadFile opens path and calls read with its numbers, returning read's
// error or the first error of the reader.
func ReadFile(path string, read func(*Numbers) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r := NewNumbers(path, f)
	if err := read(r); err != nil {
		return err
	}
	return r.Err()
}
