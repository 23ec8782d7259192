// Package mathfuncs holds one annotated function per math function godiff
// differentiates, so that the tests can check every derivative rule against
// finite differences and forward mode against reverse mode, from generated
// code. Each function has two parameters, so that a rule's partials with
// respect to both arguments of a binary function are checked, and a unary
// function's result is scaled by the second to check the chain rule through
// a product.
package mathfuncs

//go:generate go run github.com/godiff/godiff/cmd/godiff funcs.go

import "math"

// Abs is math.Abs(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Abs(x, y float64) float64 { return math.Abs(x) * y }

// Acos is math.Acos(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Acos(x, y float64) float64 { return math.Acos(x) * y }

// Asin is math.Asin(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Asin(x, y float64) float64 { return math.Asin(x) * y }

// Atan is math.Atan(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Atan(x, y float64) float64 { return math.Atan(x) * y }

// Cbrt is math.Cbrt(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Cbrt(x, y float64) float64 { return math.Cbrt(x) * y }

// Cos is math.Cos(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Cos(x, y float64) float64 { return math.Cos(x) * y }

// Cosh is math.Cosh(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Cosh(x, y float64) float64 { return math.Cosh(x) * y }

// Erf is math.Erf(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Erf(x, y float64) float64 { return math.Erf(x) * y }

// Exp is math.Exp(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Exp(x, y float64) float64 { return math.Exp(x) * y }

// Expm1 is math.Expm1(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Expm1(x, y float64) float64 { return math.Expm1(x) * y }

// Log is math.Log(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Log(x, y float64) float64 { return math.Log(x) * y }

// Log10 is math.Log10(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Log10(x, y float64) float64 { return math.Log10(x) * y }

// Log1p is math.Log1p(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Log1p(x, y float64) float64 { return math.Log1p(x) * y }

// Log2 is math.Log2(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Log2(x, y float64) float64 { return math.Log2(x) * y }

// Sin is math.Sin(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Sin(x, y float64) float64 { return math.Sin(x) * y }

// Sinh is math.Sinh(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Sinh(x, y float64) float64 { return math.Sinh(x) * y }

// Sqrt is math.Sqrt(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Sqrt(x, y float64) float64 { return math.Sqrt(x) * y }

// Tan is math.Tan(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Tan(x, y float64) float64 { return math.Tan(x) * y }

// Tanh is math.Tanh(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Tanh(x, y float64) float64 { return math.Tanh(x) * y }

// Atan2 is math.Atan2(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Atan2(x, y float64) float64 { return math.Atan2(x, y) }

// Hypot is math.Hypot(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Hypot(x, y float64) float64 { return math.Hypot(x, y) }

// Max is math.Max(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Max(x, y float64) float64 { return math.Max(x, y) }

// Min is math.Min(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Min(x, y float64) float64 { return math.Min(x, y) }

// Pow is math.Pow(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Pow(x, y float64) float64 { return math.Pow(x, y) }

// Erfc is math.Erfc(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Erfc(x, y float64) float64 { return math.Erfc(x) * y }

// Erfinv is math.Erfinv(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Erfinv(x, y float64) float64 { return math.Erfinv(x) * y }

// Erfcinv is math.Erfcinv(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Erfcinv(x, y float64) float64 { return math.Erfcinv(x) * y }

// Exp2 is math.Exp2(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Exp2(x, y float64) float64 { return math.Exp2(x) * y }

// Asinh is math.Asinh(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Asinh(x, y float64) float64 { return math.Asinh(x) * y }

// Acosh is math.Acosh(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Acosh(x, y float64) float64 { return math.Acosh(x) * y }

// Atanh is math.Atanh(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Atanh(x, y float64) float64 { return math.Atanh(x) * y }

// Gamma is math.Gamma(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Gamma(x, y float64) float64 { return math.Gamma(x) * y }

// J0 is math.J0(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func J0(x, y float64) float64 { return math.J0(x) * y }

// J1 is math.J1(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func J1(x, y float64) float64 { return math.J1(x) * y }

// Y0 is math.Y0(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Y0(x, y float64) float64 { return math.Y0(x) * y }

// Y1 is math.Y1(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Y1(x, y float64) float64 { return math.Y1(x) * y }

// Floor is math.Floor(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Floor(x, y float64) float64 { return math.Floor(x) * y }

// Ceil is math.Ceil(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Ceil(x, y float64) float64 { return math.Ceil(x) * y }

// Trunc is math.Trunc(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Trunc(x, y float64) float64 { return math.Trunc(x) * y }

// Round is math.Round(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Round(x, y float64) float64 { return math.Round(x) * y }

// RoundToEven is math.RoundToEven(x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func RoundToEven(x, y float64) float64 { return math.RoundToEven(x) * y }

// Mod is math.Mod(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Mod(x, y float64) float64 { return math.Mod(x, y) }

// Remainder is math.Remainder(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Remainder(x, y float64) float64 { return math.Remainder(x, y) }

// Dim is math.Dim(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Dim(x, y float64) float64 { return math.Dim(x, y) }

// Copysign is math.Copysign(x, y).
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Copysign(x, y float64) float64 { return math.Copysign(x, y) }

// FMA is math.FMA(x, y, x*x): every argument varies.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func FMA(x, y float64) float64 { return math.FMA(x, y, x*x) }

// Jn is math.Jn(3, x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Jn(x, y float64) float64 { return math.Jn(3, x) * y }

// Yn is math.Yn(2, x) scaled by y.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Yn(x, y float64) float64 { return math.Yn(2, x) * y }

// Jn0 is math.Jn(0, x) scaled by y: its derivative reaches order -1.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Jn0(x, y float64) float64 { return math.Jn(0, x) * y }

// Sin32 is Sin in float32, through conversions.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func Sin32(x, y float32) float32 { return float32(math.Sin(float64(x))) * y }

// Polar maps polar to Cartesian coordinates: a function of two results.
//
//godiff:vjp
//godiff:jvp
func Polar(r, theta float64) (x, y float64) {
	x = r * math.Cos(theta)
	y = r * math.Sin(theta)
	return
}
