package ir

// Composed describes the rule of the calls of FGrad, the gradient godiff
// generates for an annotated function F of slices, made by annotated code
// (f, g := LossGrad(w, x)), or of FVJP (f, g := LossVJP(w, x, s)). Parse
// builds each call as a call of FGradInto (the rule's Derived), which
// writes the gradient with respect to each slice F's directive
// differentiates into a buffer the caller makes (the result is a fresh
// slice) and returns F's value. The rule is Custom: its tape, forward,
// backward and JVP functions are not the user's but built by godiff from
// F's Hessian-vector product, forward over F's reverse sweep: the tangent
// of the gradient along a direction is H·v, and the adjoint ḡ of the
// gradient adds H·(ḡ on the differentiated slices, 0 elsewhere) into the
// adjoints of F's parameters (H is symmetric).
type Composed struct {
	F   *Func // F's IR
	Wrt []int // the parameters of F that FGrad differentiates
	// Seeded says that the calls are of FVJP, which takes a seed after
	// F's parameters and returns the gradient times it.
	Seeded bool
}

// Bufs returns the index of the first gradient buffer among FGradInto's
// parameters: after F's, and the seed of FVJP.
func (c *Composed) Bufs() int {
	if c.Seeded {
		return len(c.F.Params) + 1
	}
	return len(c.F.Params)
}
