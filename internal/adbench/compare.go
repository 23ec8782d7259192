package adbench

import (
	"fmt"
	"math"
)

// Rho is ADBench's comparison of a value with the reference's,
// |x−y| / max(1, |x|+|y|): relative for large values, absolute for small
// ones. ADBench requires Rho < Tolerance.
func Rho(x, y float64) float64 {
	return math.Abs(x-y) / math.Max(1, math.Abs(x)+math.Abs(y))
}

// Tolerance is ADBench's bound on Rho between a tool's derivatives and the
// Manual module's (docs/JacobianCheck.md).
const Tolerance = 1e-8

// Mismatch compares got with want entry by entry and describes the entries
// whose Rho is not below Tolerance (at most a few of them, and how many in
// all), or returns "" when every entry agrees. A NaN never agrees.
func Mismatch(got, want []float64) string {
	if len(got) != len(want) {
		return fmt.Sprintf("%d values, want %d", len(got), len(want))
	}
	msg, bad := "", 0
	for i := range got {
		if r := Rho(got[i], want[i]); !(r < Tolerance) {
			if bad < 5 {
				msg += fmt.Sprintf("\n\tentry %d: got %.17g, want %.17g (ρ = %.3g)", i, got[i], want[i], r)
			}
			bad++
		}
	}
	if bad == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d entries differ:%s", bad, len(got), msg)
}

// ReadVector reads every number of a reference output file (one value per
// line, as ADBench's runner writes F and a dense J).
func ReadVector(path string) ([]float64, error) {
	var out []float64
	err := ReadFile(path, func(r *Numbers) error {
		out = r.Rest()
		return nil
	})
	return out, err
}
