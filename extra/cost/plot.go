package cost

import (
	"fmt"
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Plot draws the points on log–log axes, the time of each method relative
// to the function's against n, and writes the picture to w in the format
// ("svg", "png", "pdf": those of gonum/plot's WriterTo).
func Plot(w io.Writer, points []Point, examples int, format string) error {
	p := plot.New()
	p.Title.Text = fmt.Sprintf("Time of the gradient of a logistic-regression loss (m = %d examples)", examples)
	p.X.Label.Text = "parameters n"
	p.Y.Label.Text = "time of the gradient / time of the loss"
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	// The legend goes between the lines: below forward mode, above reverse.
	p.Legend.Top, p.Legend.Left = false, false
	p.Legend.YOffs = 0.9 * vg.Inch
	series := func(ratio func(Point) float64) plotter.XYs {
		xys := make(plotter.XYs, len(points))
		for i, pt := range points {
			xys[i] = plotter.XY{X: float64(pt.N), Y: ratio(pt)}
		}
		return xys
	}
	err := plotutil.AddLinePoints(p,
		"central differences (2n calls)", series(func(pt Point) float64 { return pt.Central }),
		"forward mode (n JVPs)", series(func(pt Point) float64 { return pt.Forward }),
		"reverse mode (one FGrad)", series(func(pt Point) float64 { return pt.Reverse }),
	)
	if err != nil {
		return err
	}
	wt, err := p.WriterTo(7*vg.Inch, 4.5*vg.Inch, format)
	if err != nil {
		return err
	}
	_, err = wt.WriteTo(w)
	return err
}
