package gonumreal

import (
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/num/quat"
	"gonum.org/v1/gonum/spatial/r2"
	"gonum.org/v1/gonum/spatial/r3"
	"gonum.org/v1/gonum/stat/distuv"
)

// NormalNLL is the negative log-likelihood of xs under a normal
// distribution: distuv.Normal.LogProb.
//
//godiff:grad mu sigma
//godiff:jvp mu sigma
func NormalNLL(mu, sigma float64, xs []float64) float64 {
	d := distuv.Normal{Mu: mu, Sigma: sigma}
	var nll float64
	for _, x := range xs {
		nll -= d.LogProb(x)
	}
	return nll
}

// GammaLogProb is distuv.Gamma.LogProb, through math.Lgamma.
//
//godiff:grad
//godiff:jvp
func GammaLogProb(alpha, beta, x float64) float64 {
	return distuv.Gamma{Alpha: alpha, Beta: beta}.LogProb(x)
}

// NormalQuantile is distuv.Normal.Quantile, through mathext's tables of
// coefficients.
//
//godiff:grad
//godiff:jvp
func NormalQuantile(mu, sigma, p float64) float64 {
	return distuv.Normal{Mu: mu, Sigma: sigma}.Quantile(p)
}

// Lbeta is mathext.Lbeta.
//
//godiff:grad
//godiff:jvp
func Lbeta(a, b float64) float64 { return mathext.Lbeta(a, b) }

// Spring is a spring's energy on r3 vectors passed as they come.
//
//godiff:grad p q
//godiff:jvp p q
func Spring(p, q r3.Vec, rest float64) float64 {
	d := r3.Norm(r3.Sub(p, q)) - rest
	return d * d
}

// RotatedCos is the cosine between p and p turned by alpha about z,
// through r3.Rotate and gonum's quaternions.
//
//godiff:grad
//godiff:jvp
func RotatedCos(px, py, pz, alpha float64) float64 {
	p := r3.Vec{X: px, Y: py, Z: pz}
	return r3.Cos(p, r3.Rotate(p, alpha, r3.Vec{Z: 1}))
}

// Turned is the norm of p turned about c by alpha, through r2.Rotation,
// whose fields are unexported.
//
//godiff:grad
//godiff:jvp
func Turned(px, py, alpha float64) float64 {
	return r2.Norm(r2.Rotate(r2.Vec{X: px, Y: py}, alpha, r2.Vec{X: 1, Y: -0.5}))
}

// QuatLog is |log(exp(q))| through quat.Exp and quat.Log.
//
//godiff:grad
//godiff:jvp
func QuatLog(a, b float64) float64 {
	return quat.Abs(quat.Log(quat.Exp(quat.Number{Real: a, Imag: b, Jmag: 0.5})))
}

// GammaIncReg is mathext.GammaIncReg, the regularized incomplete gamma
// function, through gonum's internal cephes package (copied into the
// output, since it cannot be imported) and its tables of coefficients.
//
//godiff:grad
//godiff:jvp
func GammaIncReg(a, x float64) float64 { return mathext.GammaIncReg(a, x) }

// ZetaDigamma is mathext.Zeta plus mathext.Digamma.
//
//godiff:grad
//godiff:jvp
func ZetaDigamma(x float64) float64 { return mathext.Zeta(x, 1.5) + mathext.Digamma(x) }
