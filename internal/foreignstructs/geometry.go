package foreignstructs

import (
	"github.com/godiff/godiff/internal/corpus/quat"
	"github.com/godiff/godiff/internal/corpus/r2"
	"github.com/godiff/godiff/internal/corpus/r3"
)

// SpringEnergy returns the energy of a spring of stiffness k and rest
// length rest between the points p and q, written with gonum's r3 as a
// physics code writes it: a difference vector, its norm.
//
//godiff:grad
//godiff:jvp
func SpringEnergy(px, py, pz, qx, qy, qz, k, rest float64) float64 {
	p := r3.Vec{X: px, Y: py, Z: pz}
	q := r3.Vec{X: qx, Y: qy, Z: qz}
	d := r3.Norm(r3.Sub(p, q)) - rest
	return 0.5 * k * d * d
}

// TriangleArea returns the area of the triangle (s·a, b, c), half the
// norm of the cross product of two of its edges, c fixed.
//
//godiff:grad
//godiff:jvp
func TriangleArea(ax, ay, az, s, bx, by, bz float64) float64 {
	a := r3.Scale(s, r3.Vec{X: ax, Y: ay, Z: az})
	b := r3.Vec{X: bx, Y: by, Z: bz}
	c := r3.Vec{X: 1, Y: -0.5, Z: 0.25}
	n := r3.Cross(r3.Sub(b, a), r3.Sub(c, a))
	return 0.5 * r3.Norm(n)
}

// Orbit runs steps of semi-implicit Euler for a body around a fixed
// centre of attraction of strength gm, from position (x, y, z) and
// velocity (vx, vy, vz), and returns the distance from the centre at the
// end.
//
//godiff:grad x y z vx gm
//godiff:jvp x y z vx gm
func Orbit(x, y, z, vx, vy, vz, gm, h float64, steps int) float64 {
	pos := r3.Vec{X: x, Y: y, Z: z}
	vel := r3.Vec{X: vx, Y: vy, Z: vz}
	for range steps {
		r := r3.Norm(pos)
		acc := r3.Scale(-gm/(r*r*r), pos)
		vel = r3.Add(vel, r3.Scale(h, acc))
		pos = r3.Add(pos, r3.Scale(h, vel))
	}
	return r3.Norm(pos)
}

// RotatedCos returns the cosine of the angle between p and p rotated by
// alpha about the axis (0, 0, 1): through gonum's r3.Rotate, which builds
// a quaternion (r3.NewRotation, quat.Scale, quat.Abs), multiplies by it
// (quat.Mul, quat.Conj) and converts between struct types (Rotation,
// quat.Number).
//
//godiff:grad
//godiff:jvp
func RotatedCos(px, py, pz, alpha float64) float64 {
	p := r3.Vec{X: px, Y: py, Z: pz}
	return r3.Cos(p, r3.Rotate(p, alpha, r3.Vec{Z: 1}))
}

// PairEnergy is SpringEnergy taking gonum's vectors as they come: the
// gradient with respect to p and q is an r3.Vec each.
//
//godiff:grad p q k
//godiff:jvp p q k
func PairEnergy(p, q r3.Vec, k, rest float64) float64 {
	d := r3.Norm(r3.Sub(p, q)) - rest
	return 0.5 * k * d * d
}

// Turned returns the distance from the origin of p turned by alpha about
// the point c, through gonum's r2.Rotate, whose Rotation keeps its sine
// and cosine in unexported fields.
//
//godiff:grad
//godiff:jvp
func Turned(px, py, alpha float64) float64 {
	p := r2.Vec{X: px, Y: py}
	return r2.Norm(r2.Rotate(p, alpha, r2.Vec{X: 1, Y: -0.5}))
}

// QuatLog returns the norm of log(exp(q)) for q = a + b·i + 0.5·j,
// through gonum's quat.Exp and quat.Log as written: they split a
// quaternion into its real part and a struct, compare the struct with a
// package variable (`uv == zero`) and join them by assigning a field of a
// struct parameter.
//
//godiff:grad
//godiff:jvp
func QuatLog(a, b float64) float64 {
	q := quat.Exp(quat.Number{Real: a, Imag: b, Jmag: 0.5})
	return quat.Abs(quat.Log(q))
}

// turn returns the norm of p turned by r: a helper of this package taking
// a struct of another package whose fields are unexported.
func turn(r r2.Rotation, p r2.Vec) float64 { return r2.Norm(r.Rotate(p)) }

// TurnedBy is Turned through a helper that takes the rotation.
//
//godiff:grad
//godiff:jvp
func TurnedBy(px, py, alpha float64) float64 {
	r := r2.NewRotation(alpha, r2.Vec{X: 1, Y: -0.5})
	return turn(r, r2.Vec{X: px, Y: py})
}
