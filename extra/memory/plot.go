package memory

import (
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Plot draws the points as an SVG picture of two panels on log–log axes
// against the number of points: memory (peak heap of the objective and of
// both gradients, and both tapes' bytes) and time (the objective and both
// gradients). The checkpointed gradient's peak heap is the objective's,
// whose line hides it.
func Plot(w io.Writer, points []GMMPoint) error {
	mem, err := memoryPanel(points)
	if err != nil {
		return err
	}
	tm, err := timePanel(points)
	if err != nil {
		return err
	}
	img := vgsvg.New(11*vg.Inch, 4.5*vg.Inch)
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: 2, PadX: vg.Inch / 4, PadTop: vg.Inch / 8, PadBottom: vg.Inch / 8, PadLeft: vg.Inch / 8, PadRight: vg.Inch / 8}
	panels := [][]*plot.Plot{{mem, tm}}
	canvases := plot.Align(panels, tiles, dc)
	mem.Draw(canvases[0][0])
	tm.Draw(canvases[0][1])
	_, err = img.WriteTo(w)
	return err
}

// logLog returns a plot with log axes over the number of points.
func logLog(title, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = "points n"
	p.Y.Label.Text = yLabel
	p.X.Scale, p.Y.Scale = plot.LogScale{}, plot.LogScale{}
	p.X.Tick.Marker, p.Y.Tick.Marker = plot.LogTicks{Prec: -1}, plot.LogTicks{Prec: -1}
	p.Legend.Top, p.Legend.Left = true, true
	return p
}

// series is one measure of every point, against n.
func series(points []GMMPoint, y func(GMMPoint) float64) plotter.XYs {
	xys := make(plotter.XYs, len(points))
	for i, p := range points {
		xys[i] = plotter.XY{X: float64(p.N), Y: y(p)}
	}
	return xys
}

// memoryPanel draws bytes against n.
func memoryPanel(points []GMMPoint) (*plot.Plot, error) {
	p := logLog("GMM d=2 K=5: memory", "bytes")
	err := plotutil.AddLinePoints(p,
		"recorded: peak heap", series(points, func(p GMMPoint) float64 { return float64(p.Recorded.PeakHeap) }),
		"recorded: tape", series(points, func(p GMMPoint) float64 { return float64(p.Recorded.TapeBytes) }),
		"checkpointed: peak heap", series(points, func(p GMMPoint) float64 { return float64(p.Checkpointed.PeakHeap) }),
		"checkpointed: tape", series(points, func(p GMMPoint) float64 { return float64(p.Checkpointed.TapeBytes) }),
		"objective: peak heap", series(points, func(p GMMPoint) float64 { return float64(p.Objective.PeakHeap) }),
	)
	return p, err
}

// timePanel draws CPU seconds against n.
func timePanel(points []GMMPoint) (*plot.Plot, error) {
	p := logLog("GMM d=2 K=5: time", "CPU seconds per call")
	p.Legend.Top, p.Legend.Left = false, false // the lines rise to the right
	err := plotutil.AddLinePoints(p,
		"recorded gradient", series(points, func(p GMMPoint) float64 { return p.Recorded.Seconds }),
		"checkpointed gradient", series(points, func(p GMMPoint) float64 { return p.Checkpointed.Seconds }),
		"objective", series(points, func(p GMMPoint) float64 { return p.Objective.Seconds }),
	)
	return p, err
}
