package corpus

// spec is where the check program evaluates one function: the arguments
// (Go expressions in the check program, receiver first for a method) and
// the package's own gradient, if it has one.
type spec struct {
	args string
	ref  string // gonumGrad, gonumScore or ""
}

// Points shared by the stat functions: samples, a second variable,
// positive weights, positive samples and two probability vectors.
const (
	xs  = "[]float64{0.3, -1.2, 2.1, 0.8, 1.5}"
	ys  = "[]float64{1.1, 0.4, -0.7, 2.2, 0.9}"
	ws  = "[]float64{1, 2, 1.5, 0.5, 1.2}"
	pos = "[]float64{0.3, 1.2, 2.1, 0.8, 1.5}"
	ps  = "[]float64{0.2, 0.3, 0.5}"
	qs  = "[]float64{0.4, 0.4, 0.2}"
)

// opt is a gonum optimize/functions test function at x, checked against
// its Grad.
func opt(recv, x string) spec {
	return spec{args: "functions." + recv + ", []float64{" + x + "}", ref: "gonumGrad"}
}

var specs = map[string]spec{
	"distuv.Beta.LogProb":        {args: "distuv.Beta{Alpha: 2.3, Beta: 1.7}, 0.4"},
	"distuv.Exponential.LogProb": {args: "distuv.Exponential{Rate: 1.3}, 0.7", ref: "gonumScore"},
	"distuv.Gamma.LogProb":       {args: "distuv.Gamma{Alpha: 2.5, Beta: 1.3}, 1.1"},
	"distuv.GumbelRight.LogProb": {args: "distuv.GumbelRight{Mu: 0.2, Beta: 1.4}, 0.9"},
	"distuv.Laplace.LogProb":     {args: "distuv.Laplace{Mu: 0.1, Scale: 1.2}, 0.8", ref: "gonumScore"},
	"distuv.LogNormal.LogProb":   {args: "distuv.LogNormal{Mu: 0.2, Sigma: 0.8}, 1.3"},
	"distuv.Logistic.LogProb":    {args: "distuv.Logistic{Mu: 0.3, S: 1.1}, 0.6"},
	"distuv.Normal.LogProb":      {args: "distuv.Normal{Mu: 0.3, Sigma: 1.7}, 0.9", ref: "gonumScore"},
	"distuv.StudentsT.LogProb":   {args: "distuv.StudentsT{Mu: 0.1, Sigma: 1.3, Nu: 4.5}, 0.7"},
	"distuv.Weibull.LogProb":     {args: "distuv.Weibull{K: 1.8, Lambda: 1.2}, 0.9", ref: "gonumScore"},

	"floats.AddScaledTo":    {args: "make([]float64, 4), []float64{1, 2, 3, 4}, 0.7, []float64{0.5, -1, 2, 0.3}"},
	"floats.CumSum":         {args: "make([]float64, 4), []float64{0.5, -1, 2, 0.3}"},
	"floats.Distance":       {args: "[]float64{0.5, -1, 2, 0.3}, []float64{1, 2, 3, 4}, 2.0"},
	"floats.Dot":            {args: "[]float64{0.5, -1, 2, 0.3}, []float64{1, 2, 3, 4}"},
	"floats.LogSumExp":      {args: "[]float64{0.5, -1, 2, 0.3}"},
	"floats.Norm":           {args: "[]float64{0.5, -1, 2, 0.3}, 2.0"},
	"floats.Prod":           {args: "[]float64{0.5, -1, 2, 0.3}"},
	"floats.ScaleTo":        {args: "make([]float64, 4), 0.7, []float64{0.5, -1, 2, 0.3}"},
	"floats.Sum":            {args: "[]float64{0.5, -1, 2, 0.3}"},
	"floats.SumCompensated": {args: "[]float64{0.5, -1, 2, 0.3}"},

	"functions.Beale.Func":                      opt("Beale{}", "1.1, 0.9"),
	"functions.BiggsEXP2.Func":                  opt("BiggsEXP2{}", "1, 2"),
	"functions.BiggsEXP3.Func":                  opt("BiggsEXP3{}", "1, 2, 1"),
	"functions.BiggsEXP4.Func":                  opt("BiggsEXP4{}", "1, 2, 1, 1"),
	"functions.BiggsEXP5.Func":                  opt("BiggsEXP5{}", "1, 2, 1, 1, 1"),
	"functions.BiggsEXP6.Func":                  opt("BiggsEXP6{}", "1, 2, 1, 1, 1, 1"),
	"functions.Box3D.Func":                      opt("Box3D{}", "0, 10, 20"),
	"functions.BraninHoo.Func":                  {args: "functions.BraninHoo{}, []float64{1.2, 3.4}"},
	"functions.BrownAndDennis.Func":             opt("BrownAndDennis{}", "25, 5, -5, -1"),
	"functions.BrownBadlyScaled.Func":           opt("BrownBadlyScaled{}", "1, 1"),
	"functions.ConcaveLeft.Func":                opt("ConcaveLeft{}", "0.5"),
	"functions.ConcaveRight.Func":               opt("ConcaveRight{}", "0.5"),
	"functions.ExtendedPowellSingular.Func":     opt("ExtendedPowellSingular{}", "3, -1, 0.5, 1"),
	"functions.ExtendedRosenbrock.Func":         opt("ExtendedRosenbrock{}", "-1.2, 1, -1.2, 1"),
	"functions.Gaussian.Func":                   opt("Gaussian{}", "0.4, 1, 0"),
	"functions.GulfResearchAndDevelopment.Func": opt("GulfResearchAndDevelopment{}", "5, 2.5, 0.15"),
	"functions.HelicalValley.Func":              opt("HelicalValley{}", "-1, 0.5, 0.3"),
	"functions.Linear.Func":                     {args: "functions.Linear{}, []float64{1, 2, 3}"},
	"functions.PenaltyI.Func":                   opt("PenaltyI{}", "1, 2, 3, 4"),
	"functions.PenaltyII.Func":                  opt("PenaltyII{}", "0.5, 0.5, 0.5, 0.5"),
	"functions.Plassmann.Func":                  opt("Plassmann{L: 39, Beta: 0.01}", "0.5"),
	"functions.PowellBadlyScaled.Func":          opt("PowellBadlyScaled{}", "0, 1"),
	"functions.Sphere.Func":                     opt("Sphere{}", "1, -2, 3"),
	"functions.Trigonometric.Func":              opt("Trigonometric{}", "0.2, 0.3, 0.4"),
	"functions.VariablyDimensioned.Func":        opt("VariablyDimensioned{}", "0.5, 0.3, 0.1"),
	"functions.Watson.Func":                     opt("Watson{}", "0.1, 0.2, 0.3"),
	"functions.Wood.Func":                       opt("Wood{}", "-3, -1, -3, -1"),
	"functions.YanaiOzawaKaneko.Func":           opt("YanaiOzawaKaneko{Beta1: 0.01, Beta2: 0.001}", "0.3"),

	"integrate.Simpsons":    {args: "[]float64{0, 0.3, 0.7, 1.2, 1.5}, []float64{1, 0.8, 1.4, 0.2, 0.9}"},
	"integrate.Trapezoidal": {args: "[]float64{0, 0.3, 0.7, 1.2, 1.5}, []float64{1, 0.8, 1.4, 0.2, 0.9}"},

	"models.BlackScholesCall": {args: "100.0, 95.0, 0.5, 0.03, 0.25"},
	"models.Camera.Residual": {args: "&models.Camera{Rot: [3]float64{0.1, -0.2, 0.3}, Trans: [3]float64{0.5, -0.4, -8}, Focal: 500, K1: 1e-3, K2: 1e-5}, " +
		"[3]float64{0.3, 0.2, 1.5}, 12.0, -7.0"},
	"models.KalmanUpdate":      {args: "[]float64{0.3, -0.2}, []float64{1.2, 0.3, 0.3, 0.8}, []float64{1, 0.5}, 0.7, 0.4"},
	"models.LSTM.Loss":         {args: lstm + ", []float64{0.5, -0.3, 0.8, 0.1, -0.6, 0.4}, []float64{0.2, -0.1}"},
	"models.LSTM.Step":         {args: lstm + ", make([]float64, 2), make([]float64, 2), []float64{0.5, -0.3}, []float64{0.1, 0.4}, []float64{-0.2, 0.3}"},
	"models.Lorenz.RK4Step":    {args: "models.Lorenz{Sigma: 10, Rho: 28, Beta: 8.0 / 3}, make([]float64, 3), []float64{1, 1, 1}, 0.01"},
	"models.Lorenz.Trajectory": {args: "models.Lorenz{Sigma: 10, Rho: 28, Beta: 8.0 / 3}, []float64{1, 1, 1}, []float64{2, 3, 4}, 0.01, 5"},

	"stat.Bhattacharyya":    {args: ps + ", " + qs},
	"stat.BivariateMoment":  {args: "2.0, 1.0, " + xs + ", " + ys + ", " + ws},
	"stat.ChiSquare":        {args: "[]float64{3, 5, 7}, []float64{4, 5, 6}"},
	"stat.CircularMean":     {args: "[]float64{0.1, 0.5, 1.2}, []float64{1, 2, 1.5}"},
	"stat.Correlation":      {args: xs + ", " + ys + ", " + ws},
	"stat.Covariance":       {args: xs + ", " + ys + ", " + ws},
	"stat.CrossEntropy":     {args: ps + ", " + qs},
	"stat.Entropy":          {args: ps},
	"stat.ExKurtosis":       {args: xs + ", " + ws},
	"stat.GeometricMean":    {args: pos + ", " + ws},
	"stat.HarmonicMean":     {args: pos + ", " + ws},
	"stat.Hellinger":        {args: ps + ", " + qs},
	"stat.JensenShannon":    {args: ps + ", " + qs},
	"stat.KullbackLeibler":  {args: ps + ", " + qs},
	"stat.LinearRegression": {args: xs + ", " + ys + ", " + ws + ", false"},
	"stat.Mean":             {args: xs + ", " + ws},
	"stat.MeanStdDev":       {args: xs + ", " + ws},
	"stat.MeanVariance":     {args: xs + ", " + ws},
	"stat.Moment":           {args: "3.0, " + xs + ", " + ws},
	"stat.MomentAbout":      {args: "3.0, " + xs + ", 0.4, " + ws},
	"stat.PopMeanStdDev":    {args: xs + ", " + ws},
	"stat.PopMeanVariance":  {args: xs + ", " + ws},
	"stat.PopStdDev":        {args: xs + ", " + ws},
	"stat.PopVariance":      {args: xs + ", " + ws},
	"stat.RSquaredFrom":     {args: xs + ", " + ys + ", " + ws},
	"stat.Skew":             {args: xs + ", " + ws},
	"stat.StdDev":           {args: xs + ", " + ws},
	"stat.StdScore":         {args: "1.3, 0.4, 2.1"},
	"stat.Variance":         {args: xs + ", " + ws},
}

// lstm is an LSTM cell with 2 inputs and 2 hidden units.
const lstm = "&models.LSTM{NIn: 2, NH: 2, " +
	"W: []float64{0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.2, -0.1, 0.3, 0.5, -0.4, 0.2, 0.1, 0.3, -0.2, 0.4}, " +
	"U: []float64{0.2, 0.1, -0.3, 0.2, 0.4, -0.1, 0.3, 0.2, -0.2, 0.1, 0.5, -0.3, 0.2, 0.4, -0.1, 0.3}, " +
	"B: []float64{0.1, 0, -0.1, 0.2, 0.3, -0.2, 0.1, 0}}"
