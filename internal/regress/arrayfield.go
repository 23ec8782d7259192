package regress

//go:generate go run github.com/godiff/godiff/cmd/godiff arrayfield.go

// Methods of a struct with an array field that only read it (issue 10,
// messages): godiff once complained that such a method writes into the
// field.

// Weights3 has an array field and a float field, both unexported.
type Weights3 struct {
	a [3]float64
	k float64
}

// dot reads the array field through a value receiver.
func (s Weights3) dot(v []float64) float64 {
	return s.a[0]*v[0] + s.a[1]*v[1] + s.a[2]*v[2] + s.k
}

// norm reads it through a pointer receiver.
func (s *Weights3) norm() float64 {
	t := 0.0
	for i := range s.a {
		t += s.a[i] * s.a[i]
	}
	return t
}

// Score calls both with its pointer receiver.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (s *Weights3) Score(v []float64) float64 {
	return s.dot(v)*s.k + s.norm()
}
