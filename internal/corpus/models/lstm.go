package models

import "math"

// LSTM is a single-layer long short-term memory cell with input size nIn and
// hidden size nH. The gate weights are stacked row-major in the order input,
// forget, cell, output: W is 4nH×nIn, U is 4nH×nH, B has 4nH entries.
type LSTM struct {
	W, U, B []float64
	NIn, NH int
}

func sigmoid(x float64) float64 {
	return 1 / (1 + math.Exp(-x))
}

// Step advances the cell by one input, reading h and c and writing the new
// hidden and cell states into hNext and cNext.
//
//godiff:vjp
//godiff:jvp
func (m *LSTM) Step(hNext, cNext, input, h, c []float64) {
	nH := m.NH
	gates := make([]float64, 4*nH)
	for g := range gates {
		a := m.B[g]
		for j := 0; j < m.NIn; j++ {
			a += m.W[g*m.NIn+j] * input[j]
		}
		for j := 0; j < nH; j++ {
			a += m.U[g*nH+j] * h[j]
		}
		gates[g] = a
	}
	for i := 0; i < nH; i++ {
		in := sigmoid(gates[i])
		forget := sigmoid(gates[nH+i])
		cand := math.Tanh(gates[2*nH+i])
		out := sigmoid(gates[3*nH+i])
		cNext[i] = forget*c[i] + in*cand
		hNext[i] = out * math.Tanh(cNext[i])
	}
}

// Loss runs the cell over a sequence of inputs of size NIn laid end to end
// and returns the squared error of the last hidden state against target.
// The input window and the two state buffers move as the sequence is read.
//
//godiff:grad
//godiff:vjp
//godiff:jvp
func (m *LSTM) Loss(seq, target []float64) float64 {
	h := make([]float64, m.NH)
	c := make([]float64, m.NH)
	hNext := make([]float64, m.NH)
	cNext := make([]float64, m.NH)
	for t := 0; t+m.NIn <= len(seq); t += m.NIn {
		input := seq[t : t+m.NIn]
		m.Step(hNext, cNext, input, h, c)
		h, hNext = hNext, h
		c, cNext = cNext, c
	}
	var loss float64
	for i := range h {
		d := h[i] - target[i]
		loss += d * d
	}
	return loss
}
