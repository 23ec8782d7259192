package tmpl

import (
	"fmt"
	"reflect"
	"strings"
)

// godiffPoint_tmpl is F's arguments at one point.
type godiffPoint_tmpl struct {
	args  []reflect.Value // a pointer to each argument, receiver first
	label string          // "random point 2 (...)", "point 1 of godiffPointsLoss"
	user  bool            // given by the user's godiffPoints function
}

// leaf returns leaf i of the point, settable.
func (c *godiffChecker_tmpl) leaf(pt *godiffPoint_tmpl, i int) reflect.Value {
	return c.leafAt(pt.args[c.fn.leaves[i].param], i)
}

// leafAt returns leaf i given a pointer p to a value of its parameter's
// type: an argument, or a struct of derivatives of its type.
func (c *godiffChecker_tmpl) leafAt(p reflect.Value, i int) reflect.Value {
	l := c.fn.leaves[i]
	if l.at == nil {
		return p.Elem()
	}
	return reflect.ValueOf(l.at(p.Interface())).Elem()
}

// reachable reports whether leaf i of the point can be read: not a field
// of a struct through a nil pointer.
func (c *godiffChecker_tmpl) reachable(pt *godiffPoint_tmpl, i int) bool {
	l := c.fn.leaves[i]
	v := pt.args[l.param].Elem()
	return l.at == nil || v.Kind() != reflect.Pointer || !v.IsNil()
}

// clone returns a copy of the point that shares no memory F computes with.
func (c *godiffChecker_tmpl) clone(pt *godiffPoint_tmpl) *godiffPoint_tmpl {
	q := &godiffPoint_tmpl{label: pt.label, user: pt.user}
	for _, a := range pt.args {
		q.args = append(q.args, c.cloneArg(a))
	}
	for i := range c.fn.leaves {
		if c.reachable(q, i) {
			lv := c.leaf(q, i)
			lv.Set(godiffClone_tmpl(lv))
		}
	}
	return q
}

// cloneArg returns a new pointer to a copy of *a; a pointer to a struct
// points to a copy of the struct. Its leaves still share memory with a's.
func (c *godiffChecker_tmpl) cloneArg(a reflect.Value) reflect.Value {
	s := reflect.New(a.Type().Elem())
	v := a.Elem()
	if v.Kind() == reflect.Pointer && !v.IsNil() && v.Elem().Kind() == reflect.Struct {
		e := reflect.New(v.Type().Elem())
		e.Elem().Set(v.Elem())
		v = e
	}
	s.Elem().Set(v)
	return s
}

// floats returns the floats of each leaf of the point (nil for a leaf
// without floats or out of reach).
func (c *godiffChecker_tmpl) floats(pt *godiffPoint_tmpl) [][]float64 {
	out := make([][]float64, len(c.fn.leaves))
	for i := range c.fn.leaves {
		if c.float[i] && c.reachable(pt, i) {
			out[i] = godiffFloats_tmpl(nil, c.leaf(pt, i))
		}
	}
	return out
}

// setFloats writes vals, as floats returns them, into the point's leaves.
func (c *godiffChecker_tmpl) setFloats(pt *godiffPoint_tmpl, vals [][]float64) {
	for i, v := range vals {
		if v != nil {
			godiffSetFloats_tmpl(c.leaf(pt, i), v)
		}
	}
}

// at returns a copy of the point with the leaves' floats vals.
func (c *godiffChecker_tmpl) at(pt *godiffPoint_tmpl, vals [][]float64) *godiffPoint_tmpl {
	q := c.clone(pt)
	c.setFloats(q, vals)
	return q
}

// random returns the point of attempt i: slices of length 3, 4 or 5 at
// every level, integers two less, booleans false and true in turn, floats
// uniform in [-1.5, 1.5] or, every other attempt, in [0.1, 1.5] (for a
// logarithm or a square root of a parameter).
func (c *godiffChecker_tmpl) random(i int) *godiffPoint_tmpl {
	n, flag := 3+i%3, i%2 == 1
	k, lo := n-2, -1.5
	if flag {
		lo = 0.1
	}
	pt := &godiffPoint_tmpl{label: fmt.Sprintf("random point %d (slices of length %d, integers %d, booleans %v)", i+1, n, k, flag)}
	for _, t := range c.types {
		s := reflect.New(t)
		if t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct {
			s.Elem().Set(reflect.New(t.Elem()))
		}
		pt.args = append(pt.args, s)
	}
	for i := range c.fn.leaves {
		lv := c.leaf(pt, i)
		lv.Set(godiffShape_tmpl(lv.Type(), n, k, flag))
	}
	vals := c.floats(pt)
	for _, v := range vals {
		for j := range v {
			v[j] = lo + (1.5-lo)*c.rng.Float64()
		}
	}
	c.setFloats(pt, vals)
	return pt
}

// userPoints returns the points of the user's godiffPoints function.
func (c *godiffChecker_tmpl) userPoints() []*godiffPoint_tmpl {
	if c.fn.points == nil {
		return nil
	}
	h := reflect.ValueOf(c.fn.points)
	want := reflect.FuncOf(c.types, nil, false)
	if h.Kind() != reflect.Func || h.Type().NumIn() != 1 || h.Type().NumOut() != 0 || h.Type().In(0) != want {
		c.t.Fatalf("%s has type %v; want %s", c.fn.pointsName, h.Type(), c.fn.pointsDecl)
	}
	var pts []*godiffPoint_tmpl
	at := reflect.MakeFunc(want, func(args []reflect.Value) []reflect.Value {
		pt := &godiffPoint_tmpl{user: true, label: fmt.Sprintf("point %d of %s", len(pts)+1, c.fn.pointsName)}
		for _, a := range args {
			s := reflect.New(a.Type())
			s.Elem().Set(a)
			pt.args = append(pt.args, s)
		}
		pts = append(pts, c.clone(pt)) // as given, whatever the caller does next
		return nil
	})
	h.Call([]reflect.Value{at})
	return pts
}

// show returns the point's arguments, name=value, for messages; %v prints
// floats exactly, so a point can be given back in a godiffPoints function.
func (c *godiffChecker_tmpl) show(pt *godiffPoint_tmpl) string {
	var parts []string
	for i, a := range pt.args {
		parts = append(parts, fmt.Sprintf("%s=%v", c.fn.params[i], a.Elem()))
	}
	s := strings.Join(parts, " ")
	if len(s) > 600 {
		s = s[:600] + "..."
	}
	return pt.label + ": " + s
}

// uniform returns vectors of random numbers in [-1, 1), shaped like xs.
func godiffUniform_tmpl(rng *godiffRand_tmpl, xs [][]float64) [][]float64 {
	out := make([][]float64, len(xs))
	for i, x := range xs {
		if x != nil {
			out[i] = make([]float64, len(x))
			for j := range x {
				out[i][j] = 2*rng.Float64() - 1
			}
		}
	}
	return out
}

// godiffRand_tmpl is a small random number generator (SplitMix64), so that
// the checks need nothing newer than Go 1.21 and give the same points on
// every run and every version of Go.
type godiffRand_tmpl struct{ state uint64 }

// godiffNewRand_tmpl returns a generator seeded by the FNV-1a hash of
// name: each function has its own points.
func godiffNewRand_tmpl(name string) *godiffRand_tmpl {
	seed := uint64(14695981039346656037)
	for i := 0; i < len(name); i++ {
		seed = (seed ^ uint64(name[i])) * 1099511628211
	}
	return &godiffRand_tmpl{state: seed}
}

// Float64 returns a number in [0, 1).
func (r *godiffRand_tmpl) Float64() float64 {
	r.state += 0x9e3779b97f4a7c15
	z := r.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	z ^= z >> 31
	return float64(z>>11) / (1 << 53)
}
