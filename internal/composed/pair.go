package composed

// IterPair returns two results of Iter's gradient: two outputs of two
// inputs, so its Jacobian's mode auto picks forward mode, whose vector
// JVP cannot follow the values Iter's gradient reads from its tape. The
// reverse path must serve (srcgen seed 1 program 27 was refused).
//
//godiff:jacobian
func IterPair(x, y float64) (float64, float64) {
	v, gx, gy := IterGrad(x, y)
	return v + gx, gy * x
}
