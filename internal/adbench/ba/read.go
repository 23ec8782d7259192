package ba

import (
	"fmt"

	"github.com/godiff/godiff/internal/adbench"
)

// Instance is one ADBench BA problem: n cameras, m points, p observations.
type Instance struct {
	N, M, P int
	Cams    []float64 // 11·n
	X       []float64 // 3·m
	W       []float64 // p
	Obs     []int     // 2·p: camera, point
	Feats   []float64 // 2·p
}

// Read reads an ADBench BA file (docs/FileFormat.md), which describes a
// problem rather than listing it: "n m p", one camera (copied to all n),
// one point (to all m), one weight (to all p), one feature (to all p);
// observation i is of point i mod m by camera i mod n.
func Read(path string) (*Instance, error) {
	in := &Instance{}
	err := adbench.ReadFile(path, func(r *adbench.Numbers) error {
		in.N, in.M, in.P = r.Int(), r.Int(), r.Int()
		if r.Err() != nil {
			return nil
		}
		if in.N < 1 || in.M < 1 || in.P < 1 {
			return fmt.Errorf("%s: n=%d m=%d p=%d: want each at least 1", path, in.N, in.M, in.P)
		}
		cam := r.Floats(nCamParams)
		x := r.Floats(3)
		w := r.Float()
		feat := r.Floats(2)
		in.Cams = repeat(cam, in.N)
		in.X = repeat(x, in.M)
		in.W = repeat([]float64{w}, in.P)
		in.Feats = repeat(feat, in.P)
		in.Obs = make([]int, 2*in.P)
		for i := 0; i < in.P; i++ {
			in.Obs[2*i] = i % in.N
			in.Obs[2*i+1] = i % in.M
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

func repeat(v []float64, n int) []float64 {
	out := make([]float64, 0, n*len(v))
	for range n {
		out = append(out, v...)
	}
	return out
}

// Objective writes the 2p reprojection errors and the p weight errors.
func (in *Instance) Objective(reprojErr, wErr []float64) {
	Objective(in.N, in.M, in.P, in.Cams, in.X, in.W, in.Obs, in.Feats, reprojErr, wErr)
}
