package lstm

import (
	"fmt"

	"github.com/godiff/godiff/internal/adbench"
)

// Instance is one ADBench LSTM problem: l layers, a sequence of c
// characters of b bits.
type Instance struct {
	L, C, B     int
	MainParams  []float64 // 8·b·l
	ExtraParams []float64 // 3·b
	State       []float64 // 2·b·l
	Sequence    []float64 // c·b
}

// Params is the number of parameters the gradient has: 8·b·l + 3·b.
func (in *Instance) Params() int { return len(in.MainParams) + len(in.ExtraParams) }

// Read reads an ADBench LSTM file (docs/FileFormat.md): "l c b", then the
// main parameters, the extra parameters, the state and the sequence.
func Read(path string) (*Instance, error) {
	in := &Instance{}
	err := adbench.ReadFile(path, func(r *adbench.Numbers) error {
		in.L, in.C, in.B = r.Int(), r.Int(), r.Int()
		if r.Err() != nil {
			return nil
		}
		if in.L < 1 || in.C < 2 || in.B < 1 {
			return fmt.Errorf("%s: l=%d c=%d b=%d: want l ≥ 1, c ≥ 2, b ≥ 1", path, in.L, in.C, in.B)
		}
		in.MainParams = r.Floats(8 * in.B * in.L)
		in.ExtraParams = r.Floats(3 * in.B)
		in.State = r.Floats(2 * in.B * in.L)
		in.Sequence = r.Floats(in.C * in.B)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// Objective is the objective at the instance's parameters.
func (in *Instance) Objective() float64 {
	return Objective(in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
}

// Gradient is the generated gradient at the instance's parameters, in
// ADBench's layout [main parameters | extra parameters].
func (in *Instance) Gradient() (float64, []float64) {
	f, dm, de := ObjectiveGrad(in.L, in.C, in.B, in.MainParams, in.ExtraParams, in.State, in.Sequence)
	return f, append(dm, de...)
}
