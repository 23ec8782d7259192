package ba

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff ba.go

// The layout of a camera's 11 parameters: angle-axis rotation, centre,
// focal length, principal point, radial distortion.
const (
	nCamParams = 11
	rotIdx     = 0
	cIdx       = 3
	fIdx       = 6
	x0Idx      = 7
	radIdx     = 9
)

// Objective is ADBench's ba_objective: for each of the p observations i of
// point obs[2i+1] by camera obs[2i], the weighted reprojection error
// w[i]·(projection − feats[2i:2i+2]) into reprojErr[2i:2i+2], then each
// weight's error 1 − w[i]² into wErr[i]. cams holds n cameras of 11
// parameters, x m points of 3 coordinates.
func Objective(n, m, p int, cams, x, w []float64, obs []int, feats, reprojErr, wErr []float64) {
	for i := 0; i < p; i++ {
		camIdx := obs[i*2+0]
		ptIdx := obs[i*2+1]
		ReprojError(cams[camIdx*nCamParams:], x[ptIdx*3:], w[i], feats[i*2:], reprojErr[2*i:])
	}
	for i := 0; i < p; i++ {
		wErr[i] = WeightError(w[i])
	}
}

// ReprojError writes into err the weighted reprojection error of the point
// x seen by the camera cam at the feature feat: w·(project(cam, x) − feat).
// Its derivatives with respect to the camera, the point and the weight are
// the 2×15 block of the Jacobian of one observation.
//
//godiff:vjp cam x w
//godiff:jvp cam x w
//godiff:jacobian cam x w
func ReprojError(cam, x []float64, w float64, feat, err []float64) {
	var proj [2]float64
	project(cam, x, proj[:])
	err[0] = w * (proj[0] - feat[0])
	err[1] = w * (proj[1] - feat[1])
}

// WeightError is Zach's weight error 1 − w², the last p residuals.
//
//godiff:grad
func WeightError(w float64) float64 {
	return 1 - w*w
}

// project writes into proj the image of the point x in the camera cam:
// rotated into the camera's frame, divided by depth, distorted radially,
// scaled by the focal length and shifted to the principal point.
func project(cam, x, proj []float64) {
	c := cam[cIdx:]
	var xo, xcam [3]float64
	xo[0] = x[0] - c[0]
	xo[1] = x[1] - c[1]
	xo[2] = x[2] - c[2]

	rodriguesRotatePoint(cam[rotIdx:], xo[:], xcam[:])

	proj[0] = xcam[0] / xcam[2]
	proj[1] = xcam[1] / xcam[2]

	radialDistort(cam[radIdx:], proj)

	proj[0] = proj[0]*cam[fIdx] + cam[x0Idx]
	proj[1] = proj[1]*cam[fIdx] + cam[x0Idx+1]
}

// rodriguesRotatePoint writes into rotated the point pt rotated by the
// angle-axis vector rot (Rodrigues' formula), or by its first-order
// approximation pt + rot × pt when the angle is zero.
func rodriguesRotatePoint(rot, pt, rotated []float64) {
	sqtheta := sqsum(3, rot)
	if sqtheta != 0 {
		theta := math.Sqrt(sqtheta)
		costheta := math.Cos(theta)
		sintheta := math.Sin(theta)
		thetaInverse := 1.0 / theta

		var w, wCrossPt [3]float64
		for i := 0; i < 3; i++ {
			w[i] = rot[i] * thetaInverse
		}
		cross(w[:], pt, wCrossPt[:])

		tmp := (w[0]*pt[0] + w[1]*pt[1] + w[2]*pt[2]) * (1 - costheta)
		for i := 0; i < 3; i++ {
			rotated[i] = pt[i]*costheta + wCrossPt[i]*sintheta + w[i]*tmp
		}
	} else {
		var rotCrossPt [3]float64
		cross(rot, pt, rotCrossPt[:])
		for i := 0; i < 3; i++ {
			rotated[i] = pt[i] + rotCrossPt[i]
		}
	}
}

// radialDistort scales the projected point proj by 1 + k1·r² + k2·r⁴, with
// r² = ‖proj‖² and (k1, k2) = rad.
func radialDistort(rad, proj []float64) {
	rsq := sqsum(2, proj)
	l := 1 + rad[0]*rsq + rad[1]*rsq*rsq
	proj[0] = proj[0] * l
	proj[1] = proj[1] * l
}

// sqsum is Σ x[i]² over the first n values.
func sqsum(n int, x []float64) float64 {
	res := 0.0
	for i := 0; i < n; i++ {
		res += x[i] * x[i]
	}
	return res
}

// cross writes a × b into out.
func cross(a, b, out []float64) {
	out[0] = a[1]*b[2] - a[2]*b[1]
	out[1] = a[2]*b[0] - a[0]*b[2]
	out[2] = a[0]*b[1] - a[1]*b[0]
}
