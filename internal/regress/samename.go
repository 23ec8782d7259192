package regress

// Two types with a method of one name, one receiver with float fields: the
// generated FGrad of each invokes its own type's FForward (was: an internal
// error, the invoke resolved by the method's name alone).

// Sq has no fields.
type Sq struct{}

// F returns x[0]².
//
//godiff:grad x
//godiff:vjp x
func (Sq) F(x []float64) float64 { return x[0] * x[0] }

// Lm has float fields.
type Lm struct{ L, M float64 }

// F returns L·x[0]·M + x[1].
//
//godiff:grad x
//godiff:vjp
func (b Lm) F(x []float64) float64 { return b.L*x[0]*b.M + x[1] }
