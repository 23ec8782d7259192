package srcgen

import (
	"path/filepath"
	"testing"

	"godiff/reverse"
)

// TestMutations shows that the random programs catch broken transforms
// (issue 9, item 4): with each of reverse's test mutations on (see
// reverse.SetMutation), some programs that pass without it must fail, and
// as wrong derivatives (not refusals or crashes).
func TestMutations(t *testing.T) {
	cfg := testConfig(t)
	cfg.Overwrite, cfg.Tuples, cfg.Results2 = true, true, true
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
	for _, m := range []string{"overwrite", "multiresult", "tuple"} {
		t.Run(m, func(t *testing.T) {
			restore := reverse.SetMutation(m)
			defer restore()
			caught := 0
			for _, r := range runBatch(filepath.Join(dir, m), *flagSeed+1000, 0, passing) {
				if r.out == wrong {
					caught++
				}
			}
			t.Logf("mutation %q: %d of %d passing programs now give wrong derivatives", m, caught, len(passing))
			if caught == 0 {
				t.Errorf("mutation %q: no program caught it", m)
			}
		})
	}
}
