package models

import "math"

// Camera is a pinhole camera: an angle-axis rotation, a translation, a focal
// length and two radial distortion coefficients, as in the bundle adjustment
// problems of Agarwal et al. ("Bundle Adjustment in the Large").
type Camera struct {
	Rot    [3]float64
	Trans  [3]float64
	Focal  float64
	K1, K2 float64
}

func cross(a, b [3]float64) [3]float64 {
	return [3]float64{
		a[1]*b[2] - a[2]*b[1],
		a[2]*b[0] - a[0]*b[2],
		a[0]*b[1] - a[1]*b[0],
	}
}

func dot(a, b [3]float64) float64 {
	return a[0]*b[0] + a[1]*b[1] + a[2]*b[2]
}

// rodrigues rotates pt by the angle-axis vector rot.
func rodrigues(rot, pt [3]float64) [3]float64 {
	theta2 := dot(rot, rot)
	if theta2 < 1e-12 {
		// first order: pt + rot × pt
		c := cross(rot, pt)
		return [3]float64{pt[0] + c[0], pt[1] + c[1], pt[2] + c[2]}
	}
	theta := math.Sqrt(theta2)
	cosT, sinT := math.Cos(theta), math.Sin(theta)
	w := [3]float64{rot[0] / theta, rot[1] / theta, rot[2] / theta}
	c := cross(w, pt)
	tmp := dot(w, pt) * (1 - cosT)
	var out [3]float64
	for i := range out {
		out[i] = pt[i]*cosT + c[i]*sinT + w[i]*tmp
	}
	return out
}

// Residual returns the squared reprojection error of the world point x seen
// by the camera at the pixel (u, v).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (c *Camera) Residual(x [3]float64, u, v float64) float64 {
	p := rodrigues(c.Rot, x)
	for i := range p {
		p[i] += c.Trans[i]
	}
	xp := -p[0] / p[2]
	yp := -p[1] / p[2]
	r2 := xp*xp + yp*yp
	distortion := 1 + r2*(c.K1+c.K2*r2)
	du := c.Focal*distortion*xp - u
	dv := c.Focal*distortion*yp - v
	return du*du + dv*dv
}
