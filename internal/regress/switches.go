package regress

//go:generate go run github.com/godiff/godiff/cmd/godiff switches.go

// A break that leaves a switch from inside an if of one of its cases,
// which godiff refused: the switch is built inside a loop of one trip.

// SwitchBreak sums x's elements through a switch whose cases break out
// early from inside an if, continue the enclosing loop from inside the
// switch, and return from it.
//
//godiff:grad
//godiff:jvp
func SwitchBreak(x []float64, a float64) float64 {
	s := 0.0
	for i := range x {
		switch {
		case x[i] > 1:
			if x[i] > 2 {
				s += a * x[i]
				break
			}
			s += x[i] * x[i]
		case x[i] < -2:
			if a > 0 {
				continue
			}
			s -= a
		case x[i] < -3.5:
			return s * a
		default:
			for j := 0; j < 2; j++ {
				if j == 1 {
					break // leaves the inner loop only
				}
				s += a * x[i] * x[i]
			}
			if s > 100 {
				break
			}
			s *= 1.01
		}
		s += 0.5 * a
	}
	return s
}

// SwitchBreakTag is a tagged switch with a break inside a nested block.
//
//godiff:grad
//godiff:jvp
func SwitchBreakTag(x, y float64, k int) float64 {
	r := x
	switch k {
	case 0, 1:
		r *= y
		{
			if r > 1 {
				break
			}
			r += x * x
		}
		r -= y
	default:
		r = y * y
	}
	return r * x
}
