package godiff

import (
	"hash/fnv"
	"math/rand/v2"
	"testing"
)

// The fuzz targets of godiff's promise: for any source, exact derivatives
// or a clear refusal; never a panic, an internal error, a refusal without
// a position, or generated code that does not build.
//
// A plain go test replays a few seeds of each target and every case
// committed in testdata/fuzz/FuzzX (the crashers found so far). To fuzz,
// one target at a time, on one core:
//
//	go test -run XXX -fuzz FuzzGenerate -fuzztime 10m -parallel 1 .
//	go test -run XXX -fuzz FuzzMutate -fuzztime 10m -parallel 1 .
//
// Each run costs a few go list runs (go/packages), 0.3 to 1 s. A failure
// is written to testdata/fuzz/FuzzX/ and replays with
// go test -run FuzzX/NAME .; commit it as a regression case.

// FuzzGenerate runs godiff on the text of one Go file and checks the
// outcome with checkGenerate. Inputs that could make go list slow or do
// more than read the file (see fuzzSkip) are skipped; inputs that do not
// type-check are kept: godiff must refuse them with positioned errors.
func FuzzGenerate(f *testing.F) {
	fuzzEnv(f)
	addSeeds(f, func(_ int, src []byte) { f.Add(src) })
	f.Fuzz(func(t *testing.T, src []byte) {
		if why := fuzzSkip(src); why != "" {
			t.Skip(why)
		}
		path := fuzzModule(t, src)
		defer fuzzRecover(t, &path)
		checkGenerate(t, path)
	})
}

// FuzzMutate edits a valid annotated program (a seed, type-checked; the
// fuzzer's own edits of its text too, when they type-check) with up to
// four mutations that ops chooses (see mutate), runs checkGenerate on the
// result and, when godiff accepts it, checks the derivatives in the
// interpreter against central differences and mode against mode (see
// checkDerivatives). A failure prints the mutated program.
func FuzzMutate(f *testing.F) {
	fuzzEnv(f)
	// Two kinds of edit per seed, a different two each: the fuzzer's
	// baseline runs every seed before it starts, and the edits' choices
	// are the fuzzer's to vary.
	addSeeds(f, func(i int, src []byte) {
		f.Add(src, mutateSeedOps(2*i%len(edits)))
		f.Add(src, mutateSeedOps((2*i+1)%len(edits)))
	})
	f.Fuzz(func(t *testing.T, src, ops []byte) {
		if why := fuzzSkip(src); why != "" {
			t.Skip(why)
		}
		if typeCheckSource(src) == nil {
			t.Skip("the program does not type-check") // FuzzGenerate's ground
		}
		mutated := mutate(src, ops)
		path := fuzzModule(t, mutated)
		defer fuzzRecover(t, &path)
		if checkGenerate(t, path) != nil {
			checkDerivatives(t, path, rand.New(rand.NewPCG(uint64(len(src)), fnv64(ops))))
		}
	})
}

// mutateSeedOps returns the choices of one edit of kind k in the first
// annotated function: the mutations each seed program starts with.
func mutateSeedOps(k int) []byte { return []byte{0, byte(k), 0, 1, 2, 3, 1} }

func fnv64(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}
