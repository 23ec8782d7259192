package gmm

import (
	"fmt"

	"github.com/godiff/godiff/internal/adbench"
)

// Instance is one ADBench GMM problem: d dimensions, k components, n points.
type Instance struct {
	D, K, N int
	Alphas  []float64 // k unnormalised log weights
	Means   []float64 // k·d
	ICF     []float64 // k·d(d+1)/2 inverse covariance factors
	X       []float64 // n·d points
	Wishart Wishart
}

// Params is the number of parameters the gradient has: k + k·d + k·d(d+1)/2.
func (in *Instance) Params() int { return len(in.Alphas) + len(in.Means) + len(in.ICF) }

// Read reads an ADBench GMM file (docs/FileFormat.md): "d k n", k alphas, k
// means of d values, k icf rows of d(d+1)/2 values, n points of d values
// (only one when replicatePoint is set, copied n times, as for ADBench's
// 2.5M files), then "gamma m".
func Read(path string, replicatePoint bool) (*Instance, error) {
	in := &Instance{}
	err := adbench.ReadFile(path, func(r *adbench.Numbers) error {
		in.D, in.K, in.N = r.Int(), r.Int(), r.Int()
		if r.Err() != nil {
			return nil
		}
		if in.D < 2 || in.K < 1 || in.N < 1 {
			return fmt.Errorf("%s: d=%d k=%d n=%d: want d ≥ 2, k ≥ 1, n ≥ 1", path, in.D, in.K, in.N)
		}
		icfSz := in.D * (in.D + 1) / 2
		in.Alphas = r.Floats(in.K)
		in.Means = r.Floats(in.K * in.D)
		in.ICF = r.Floats(in.K * icfSz)
		if replicatePoint {
			pt := r.Floats(in.D)
			in.X = make([]float64, 0, in.N*in.D)
			for range in.N {
				in.X = append(in.X, pt...)
			}
		} else {
			in.X = r.Floats(in.N * in.D)
		}
		in.Wishart.Gamma = r.Float()
		in.Wishart.M = r.Int()
		return nil
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// Objective is the objective at the instance's parameters.
func (in *Instance) Objective() float64 {
	return Objective(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
}

// Gradient is the generated gradient at the instance's parameters, in
// ADBench's layout [alphas | means | icf].
func (in *Instance) Gradient() (float64, []float64) {
	f, da, dm, dq := ObjectiveGrad(in.D, in.K, in.N, in.Alphas, in.Means, in.ICF, in.X, in.Wishart)
	return f, concat(da, dm, dq)
}

func concat(parts ...[]float64) []float64 {
	var out []float64
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
