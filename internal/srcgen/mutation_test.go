package srcgen

import (
	"path/filepath"
	"regexp"
	"testing"

	"github.com/godiff/godiff/reverse"
)

// TestMutations shows that the random programs catch broken transforms
// (issue 9, item 4): with each of reverse's test mutations on (see
// reverse.SetMutation), some programs that pass without it must fail, and
// as wrong derivatives (not refusals or crashes).
func TestMutations(t *testing.T) {
	cfg := testConfig(t)
	cfg.Overwrite, cfg.Tuples, cfg.Results2 = true, true, true
	// The programs of before the variants, and no copies to build: short.
	cfg.Checkpoint, cfg.CheckpointLoops, cfg.Hessians, cfg.Derived = false, false, false, false
	const n = 40
	var fs []*Func
	for i := range n {
		fs = append(fs, funcAt(*flagSeed+1000, i, cfg))
	}
	dir := t.TempDir()
	var passing []*Func
	for _, r := range runBatch(filepath.Join(dir, "base"), *flagSeed+1000, 0, fs) {
		if r.out == ok {
			passing = append(passing, r.fn)
		}
	}
	if len(passing) < n/2 {
		t.Fatalf("only %d of %d programs pass without a mutation", len(passing), n)
	}
	// Each mutation runs on the passing programs that have what it breaks,
	// to keep the test fast.
	for _, m := range []struct {
		name string
		has  func(*Func) bool
	}{
		{"overwrite", func(*Func) bool { return true }},
		{"multiresult", func(f *Func) bool { return f.Results > 1 }},
		{"tuple", func(f *Func) bool { return hasSwap(f.Decls) }},
	} {
		t.Run(m.name, func(t *testing.T) {
			var fs []*Func
			for _, f := range passing {
				if m.has(f) && len(fs) < 12 {
					fs = append(fs, f)
				}
			}
			restore := reverse.SetMutation(m.name)
			defer restore()
			caught := 0
			for _, r := range runBatch(filepath.Join(dir, m.name), *flagSeed+1000, 0, fs) {
				if r.out == wrong {
					caught++
				}
			}
			t.Logf("mutation %q: %d of %d passing programs now give wrong derivatives", m.name, caught, len(fs))
			if caught == 0 {
				t.Errorf("mutation %q: no program caught it", m.name)
			}
		})
	}
}

var (
	swapRE = regexp.MustCompile(`(?m)^\s*(\w+), (\w+) = (\w+), (\w+)$`)
	// floatRE matches the names the generator gives floats, not those of
	// buffers (prev3, cur4) and arrays (arr5, p, q), whose swaps the
	// tuple mutation does not break.
	floatRE = regexp.MustCompile(`^(r|x|y|z|a|b|[vut]\d+)$`)
)

// hasSwap reports whether the source swaps two float variables: a, b = b, a.
func hasSwap(src string) bool {
	for _, m := range swapRE.FindAllStringSubmatch(src, -1) {
		if m[1] == m[4] && m[2] == m[3] && floatRE.MatchString(m[1]) && floatRE.MatchString(m[2]) {
			return true
		}
	}
	return false
}
