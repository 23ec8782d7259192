// Command optimize minimises two functions with gonum's BFGS (gradient)
// and Newton (Hessian) methods, fed by godiff's generated gradient and
// Hessian (ExtRosenGrad, ExtRosenHessianTo, LogLossGrad, LogLossHessianTo)
// and by gonum's finite differences, and prints iterations, evaluations,
// time (the fastest of -reps runs) and the final value and gradient norm: the extended Rosenbrock
// function in n dimensions and a logistic regression.
//
//	cd extra && go run ./optimize [-n 100] [-m 1000] [-d 20] [-reps 5]
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"text/tabwriter"
	"time"
)

func main() {
	n := flag.Int("n", 100, "the extended Rosenbrock function's number of variables")
	m := flag.Int("m", 1000, "the logistic regression's number of points")
	d := flag.Int("d", 20, "the logistic regression's number of weights")
	reps := flag.Int("reps", 5, "runs of each method; the fastest is shown")
	flag.Parse()
	for _, o := range []objective{rosenbrock(*n), logistic(*m, *d)} {
		fmt.Printf("%s, %d variables, from 0\n", o.name, len(o.x0))
		table(o, *reps)
		fmt.Println()
	}
}

// table prints the runs on o.
func table(o objective, reps int) {
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "method\titerations\tf evals\tgrad evals\tHess evals\ttime\tf(x)\t|∇f(x)|∞\t")
	for _, r := range runs(o, reps) {
		if r.result == nil {
			fmt.Fprintf(w, "%s\t%v\t\n", r.name, r.err)
			continue
		}
		s := r.result.Stats
		fmt.Fprintf(w, "%s\t%d\t%d\t%d\t%d\t%v\t%.6g\t%.1e\t\n", r.name, s.MajorIterations, s.FuncEvaluations, s.GradEvaluations, s.HessEvaluations,
			s.Runtime.Round(10*time.Microsecond), r.result.F, gradNorm(o, r.result.X))
	}
	w.Flush()
}

// gradNorm returns the largest component of o's gradient at x, by godiff.
func gradNorm(o objective, x []float64) float64 {
	_, g := o.grad(x)
	m := 0.0
	for _, gi := range g {
		m = math.Max(m, math.Abs(gi))
	}
	return m
}
