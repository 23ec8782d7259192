package lstm

import "math"

//go:generate go run github.com/godiff/godiff/cmd/godiff lstm.go

// Objective is ADBench's lstm_objective: the mean negative log-likelihood
// of each of the c characters of sequence (b bits each) after the first,
// predicted by an l-layer LSTM from the characters before it. mainParams
// holds each layer's weights and biases (8b values: weight then bias, each
// [forget, ingate, outgate, change]), extraParams the input weights, the
// output weights and the output biases (b each), state each layer's hidden
// and cell state (2b values), which the objective copies and does not
// change. All of ADBench's "matrices" are diagonal: element-wise products.
//
//godiff:grad mainParams extraParams
func Objective(l, c, b int, mainParams, extraParams, state, sequence []float64) float64 {
	total := 0.0
	count := 0
	st := make([]float64, len(state)) // the C++ takes the state by value
	copy(st, state)
	ypred := make([]float64, b)
	ynorm := make([]float64, b)
	for t := 0; t < c-1; t++ {
		lstmPredict(l, b, mainParams, extraParams, st, sequence[t*b:(t+1)*b], ypred)
		lse := logsumexp(ypred, b)
		for i := 0; i < b; i++ {
			ynorm[i] = ypred[i] - lse
		}
		ygold := sequence[(t+1)*b : (t+2)*b]
		for i := 0; i < b; i++ {
			total += ygold[i] * ynorm[i]
		}
		count += b
	}
	return -total / float64(count)
}

// lstmPredict runs the l layers on one input and writes the prediction
// into output, updating each layer's state. Layer 0 reads the input scaled
// by the input weights (held in output meanwhile), each later layer the
// hidden state of the one before.
//
// ADBench's C++ walks a pointer layer_output from output to each layer's
// hidden state; godiff refuses a slice variable that moves between two
// slices, so layer 0 is called on its own and the later layers read the
// hidden state before theirs directly (the same operations).
func lstmPredict(l, b int, mainParams, extraParams, state, input, output []float64) {
	inWeight := extraParams[:b]
	outWeight := extraParams[b : 2*b]
	outBias := extraParams[2*b : 3*b]
	for i := 0; i < b; i++ {
		output[i] = input[i] * inWeight[i]
	}
	lstmModel(b, mainParams[:4*b], mainParams[4*b:8*b], state[:b], state[b:2*b], output)
	for i := 1; i < l; i++ {
		layer := mainParams[8*b*i : 8*b*(i+1)]
		lstmModel(b, layer[:4*b], layer[4*b:], state[2*b*i:2*b*i+b], state[2*b*i+b:2*b*(i+1)], state[2*b*(i-1):2*b*(i-1)+b])
	}
	last := state[2*b*(l-1) : 2*b*(l-1)+b]
	for i := 0; i < b; i++ {
		output[i] = last[i]*outWeight[i] + outBias[i]
	}
}

// lstmModel advances one layer's hidden and cell state by one input.
// weight and bias each hold the forget, ingate, outgate and change gates'
// hsize values in that order. The input gate reads the previous hidden
// state of the same layer, as ADBench's does.
func lstmModel(hsize int, weight, bias, hidden, cell, input []float64) {
	for i := 0; i < hsize; i++ {
		forget := sigmoid(input[i]*weight[i] + bias[i])
		ingate := sigmoid(hidden[i]*weight[hsize+i] + bias[hsize+i])
		outgate := sigmoid(input[i]*weight[2*hsize+i] + bias[2*hsize+i])
		change := math.Tanh(hidden[i]*weight[3*hsize+i] + bias[3*hsize+i])
		cell[i] = cell[i]*forget + ingate*change
		hidden[i] = outgate * math.Tanh(cell[i])
	}
}

// sigmoid is the logistic function.
func sigmoid(x float64) float64 {
	return 1 / (1 + math.Exp(-x))
}

// logsumexp is ADBench's log(Σ exp(v[i]) + 2) over the first n values:
// no shift by the maximum, and the "+2" of its definition.
func logsumexp(v []float64, n int) float64 {
	sum := 0.0
	for i := 0; i < n; i++ {
		sum += math.Exp(v[i])
	}
	sum += 2
	return math.Log(sum)
}
