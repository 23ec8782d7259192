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
// committed in testdata/fuzz/FuzzGenerate (the crashers found so far). To
// fuzz, one target at a time, on one core:
//
//	go test -run XXX -fuzz FuzzGenerate -fuzztime 10m -fuzzminimizetime 0 -parallel 1 .
//	go test -run XXX -fuzz FuzzMutate -fuzztime 10m -fuzzminimizetime 0 -parallel 1 .
//
// Each input costs two to three go list runs (go/packages), 0.2 to 1 s,
// so the fuzzer's minimization of every input that finds new coverage
// (tens of runs each) would take most of the time: -fuzzminimizetime 0
// turns it off. A failure prints the program; minimize it by hand and
// commit it as a case of FuzzGenerate (testdata/fuzz/FuzzGenerate/NAME,
// which replays with go test -run FuzzGenerate/NAME .), since FuzzMutate's
// inputs name a seed by its place in a list that grows. While a bug found
// is being fixed, GODIFF_FUZZ_KNOWN lets a run go on past it (see
// fuzzFail).

// FuzzGenerate runs godiff on the text of one Go file and checks the
// outcome (see checkSource). Inputs that could make go list slow or do
// more than read the file (see fuzzSkip) are skipped; inputs that do not
// type-check are kept: godiff must refuse them with positioned errors.
func FuzzGenerate(f *testing.F) {
	fuzzEnv(f)
	addSeeds(f, func(_ int, src []byte) { f.Add(src) })
	f.Fuzz(func(t *testing.T, src []byte) {
		if why := fuzzSkip(src); why != "" {
			t.Skip(why)
		}
		checkSource(t, src, 1)
	})
}

// FuzzMutate edits a valid annotated program, the seed at pick, with up to
// four mutations that ops chooses (see mutate), and checks the result like
// FuzzGenerate.
func FuzzMutate(f *testing.F) {
	fuzzEnv(f)
	// Two kinds of edit per seed, a different two each: the fuzzer's
	// baseline runs every seed before it starts, and the edits' choices
	// are the fuzzer's to vary.
	addSeeds(f, func(i int, _ []byte) {
		f.Add(uint(i), mutateSeedOps(2*i%len(edits)))
		f.Add(uint(i), mutateSeedOps((2*i+1)%len(edits)))
	})
	seeds := fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, pick uint, ops []byte) {
		checkSource(t, mutate(seeds[pick%uint(len(seeds))], ops), fnv64(ops))
	})
}

// checkSource runs godiff on src as the one file of a module and checks
// the outcome with checkGenerate and, if godiff accepts it, the
// derivatives in the interpreter with checkDerivatives at points drawn
// from seed. A panic is a failure.
func checkSource(t *testing.T, src []byte, seed uint64) {
	path := fuzzModule(t, src)
	defer fuzzRecover(t, &path)
	if checkGenerate(t, path) != nil {
		checkDerivatives(t, path, rand.New(rand.NewPCG(seed, uint64(len(src)))))
	}
}

// mutateSeedOps returns the choices of one edit of kind k in the first
// annotated function: the mutations each seed program starts with.
func mutateSeedOps(k int) []byte { return []byte{0, byte(k), 0, 1, 2, 3, 1} }

func fnv64(b []byte) uint64 {
	h := fnv.New64a()
	h.Write(b)
	return h.Sum64()
}
