package cost

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"testing"
)

// The picture's program at tiny sizes: Measure returns a point per size
// with positive times, and Plot writes well-formed SVG with a line per
// method. The times themselves are not asserted: they are the machine's.
func TestMeasureAndPlot(t *testing.T) {
	points := Measure(Config{Sizes: []int{3, 10}, Examples: 2, MinTime: 0, MaxDirections: 4})
	if len(points) != 2 || points[0].N != 3 || points[1].N != 10 {
		t.Fatalf("Measure returned %+v; want points for n = 3 and 10", points)
	}
	for _, p := range points {
		for _, v := range []float64{p.F, p.Reverse, p.Forward, p.Central} {
			if !(v > 0) || math.IsInf(v, 0) {
				t.Errorf("point %+v has a time that is not a positive number", p)
			}
		}
	}
	var buf bytes.Buffer
	if err := Plot(&buf, points, 2, "svg"); err != nil {
		t.Fatal(err)
	}
	root, err := wellFormed(buf.Bytes())
	if err != nil {
		t.Fatalf("Plot wrote SVG that is not well-formed XML: %v", err)
	}
	if root != "svg" {
		t.Errorf("the document's root element is <%s>; want <svg>", root)
	}
	for _, label := range []string{"reverse mode", "forward mode", "central differences", "parameters n"} {
		if !bytes.Contains(buf.Bytes(), []byte(label)) {
			t.Errorf("the SVG lacks the text %q", label)
		}
	}
}

// wellFormed decodes an XML document to its end and returns the name of
// its root element.
func wellFormed(doc []byte) (root string, err error) {
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return root, nil
		}
		if err != nil {
			return root, err
		}
		if se, ok := tok.(xml.StartElement); ok && root == "" {
			root = se.Name.Local
		}
	}
}

// The derivatives the picture times are right: LogLossGrad against central
// differences, and each JVP along an axis against the gradient's entry.
func TestDerivativesOfLogLoss(t *testing.T) {
	for _, n := range []int{1, 5, 20} {
		w, x, y := problem(n, 3)
		_, g := LogLossGrad(w, x, y)
		dw := make([]float64, n)
		for j := range n {
			const h = 1e-6
			wj := w[j]
			w[j] = wj + h
			up := LogLoss(w, x, y)
			w[j] = wj - h
			down := LogLoss(w, x, y)
			w[j] = wj
			if fd := (up - down) / (2 * h); math.Abs(fd-g[j]) > 1e-6*(1+math.Abs(fd)) {
				t.Errorf("n=%d: dLogLoss/dw[%d] = %v; central differences say %v", n, j, g[j], fd)
			}
			dw[j] = 1
			_, d := LogLossJVP(w, x, y, dw)
			dw[j] = 0
			if math.Abs(d-g[j]) > 1e-12*(1+math.Abs(d)) {
				t.Errorf("n=%d: LogLossJVP along w[%d] = %v; LogLossGrad says %v", n, j, d, g[j])
			}
		}
	}
}
