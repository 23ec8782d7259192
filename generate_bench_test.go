package godiff

import (
	"bytes"
	"os"
	"testing"

	"github.com/godiff/godiff/parse"
)

// BenchmarkGenerate times Generate, loading included, on committed inputs
// whose outputs are about 500 lines (examples/gmm) and 1,400 lines (ADBench's
// GMM), the measure of generation time (under 0.3 s for 500 lines).
// Each run checks that it reproduces the committed output; "load" is the
// loading alone (go/packages, which runs go list and type-checks),
// "derive" the rest (transforms and emission), "all" both.
//
//	go test -run X -bench Generate -benchtime 10x .
func BenchmarkGenerate(b *testing.B) {
	for _, c := range []struct{ name, src, out string }{
		{"gmm500", "examples/gmm/gmm.go", "examples/gmm/gmm_godiff.go"},
		{"adbenchGMM1400", "internal/adbench/gmm/gmm.go", "internal/adbench/gmm/gmm_godiff.go"},
	} {
		want, err := os.ReadFile(c.out)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(c.name+"/load", func(b *testing.B) {
			for b.Loop() {
				if _, errs := parse.LoadEach([]string{c.src}); len(errs) > 0 {
					b.Fatal(errs)
				}
			}
		})
		b.Run(c.name+"/derive", func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				files, errs := parse.LoadEach([]string{c.src})
				if len(errs) > 0 {
					b.Fatal(errs)
				}
				units := []*unit{{path: OutputPath(files[0].Path), files: files, emit: true}}
				b.StartTimer()
				outs, err := generateUnits(withSiblings(units, files), false)
				if err != nil {
					b.Fatal(err)
				}
				if !bytes.Equal(outs[0].Content, want) {
					b.Fatalf("generateUnits(%s) differs from %s", c.src, c.out)
				}
			}
		})
		b.Run(c.name+"/all", func(b *testing.B) {
			for b.Loop() {
				outs, err := Generate([]string{c.src}, Options{})
				if err != nil {
					b.Fatal(err)
				}
				// outs[0] is the derivatives' file; a committed
				// <base>_godiff_test.go is regenerated beside it.
				if len(outs) == 0 || !bytes.Equal(outs[0].Content, want) {
					b.Fatalf("Generate(%s) differs from %s", c.src, c.out)
				}
			}
		})
	}
}
