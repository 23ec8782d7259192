package ba

// SparseMat is a sparse matrix in compressed sparse rows, ADBench's
// BASparseMat: row r's entries are Cols[Rows[r]:Rows[r+1]] and
// Vals[Rows[r]:Rows[r+1]].
type SparseMat struct {
	NRows, NCols int
	Rows         []int // NRows+1 offsets into Cols and Vals
	Cols         []int
	Vals         []float64

	// block holds one observation's block while Jacobian inserts it: kept
	// here, since passing a local through the BlockMethod interface would
	// move it to the heap on every call.
	block Block
}

// reset sizes j for the Jacobian of an instance of n cameras, m points and
// p observations, keeping its memory: its number of entries is known
// (2·15 per observation, one per weight), so each block is written in
// place rather than appended entry by entry.
func (j *SparseMat) reset(n, m, p int) {
	j.NRows = 2*p + p
	j.NCols = nCamParams*n + 3*m + p
	nnz := 2*p*blockCols + p
	j.Cols = sized(j.Cols, nnz)
	j.Vals = sized(j.Vals, nnz)
	j.Rows = sized(j.Rows, j.NRows+1)
	j.Rows[0] = 0
}

// sized returns s with length n, reusing its memory when it is large
// enough.
func sized[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// blockCols is the number of columns of one observation's block: the
// camera's 11 parameters, the point's 3 coordinates and the weight.
const blockCols = nCamParams + 3 + 1

// Block is one observation's 2×15 block of the Jacobian, stored as
// ADBench's Manual module stores it: column by column, entry 2·col + row,
// the camera's columns 0..10, the point's 11..13, the weight's 14.
type Block [2 * blockCols]float64

// insertReprojBlock writes the rows 2i and 2i+1 of observation i, of
// camera camIdx and point ptIdx, each with its 15 entries (structural zeros
// included), in ADBench's order.
func (j *SparseMat) insertReprojBlock(n, m, i, camIdx, ptIdx int, b *Block) {
	for row := 0; row < 2; row++ {
		r := 2*i + row
		off := r * blockCols
		cols := (*[blockCols]int)(j.Cols[off:])
		vals := (*[blockCols]float64)(j.Vals[off:])
		for c := 0; c < nCamParams; c++ {
			cols[c] = nCamParams*camIdx + c
			vals[c] = b[2*c+row]
		}
		for c := 0; c < 3; c++ {
			cols[nCamParams+c] = nCamParams*n + 3*ptIdx + c
			vals[nCamParams+c] = b[2*(nCamParams+c)+row]
		}
		cols[blockCols-1] = nCamParams*n + 3*m + i
		vals[blockCols-1] = b[2*(blockCols-1)+row]
		j.Rows[r+1] = off + blockCols
	}
}

// insertWeightRow writes row 2p+i, the weight error's derivative, of an
// instance of p observations.
func (j *SparseMat) insertWeightRow(n, m, p, i int, v float64) {
	off := 2*p*blockCols + i
	j.Cols[off] = nCamParams*n + 3*m + i
	j.Vals[off] = v
	j.Rows[2*p+i+1] = off + 1
}

// BlockMethod computes the reprojection error of one observation into err
// and its 2×15 block of derivatives into b, from derivatives godiff
// generated. cam and x are exactly the observation's camera and point.
//
// Jac is the one to use: a block has 2 rows and 15 columns, so reverse
// mode needs 2 sweeps where forward mode needs 15, and ReprojErrorJacobianTo
// (//godiff:jacobian) runs the forward sweep once for both backward sweeps
// on a tape in the work it keeps, in one call per observation: it costs
// what Split, the same sweeps written out by hand, does (ADBench's Tapenade
// and Enzyme harnesses also make 2 reverse sweeps per observation). VJP,
// one ReprojErrorVJP per residual, runs the forward sweep once per
// residual, and each call allocates its two results, in one array (its
// tape, of single values and arrays, is a local variable): about twice
// Split. JacFresh, whose ReprojErrorJacobian allocates a Jacobian per
// call (its numbers and its rows: two allocations, what returning a fresh
// [][]float64 costs) and runs ReprojErrorJacobianTo's sweeps on a local
// tape and buffers, costs 1.5–1.8 times Split; JVP (15 sweeps) 6–7 times.
// BenchmarkRatios measures them.
type BlockMethod interface {
	Block(cam, x []float64, w float64, feat, err []float64, b *Block)
}

// Jacobian fills j with the Jacobian of all 3p residuals, each
// observation's block computed by method, and writes the residuals into
// reprojErr (2p) and wErr (p), as ADBench's calculateJacobian does.
func (in *Instance) Jacobian(j *SparseMat, method BlockMethod, reprojErr, wErr []float64) {
	j.reset(in.N, in.M, in.P)
	b := &j.block
	for i := 0; i < in.P; i++ {
		camIdx, ptIdx := in.Obs[2*i], in.Obs[2*i+1]
		cam := in.Cams[camIdx*nCamParams : (camIdx+1)*nCamParams]
		x := in.X[ptIdx*3 : ptIdx*3+3]
		method.Block(cam, x, in.W[i], in.Feats[2*i:2*i+2], reprojErr[2*i:2*i+2], b)
		j.insertReprojBlock(in.N, in.M, i, camIdx, ptIdx, b)
	}
	for i := 0; i < in.P; i++ {
		var dw float64
		wErr[i], dw = WeightErrorGrad(in.W[i])
		j.insertWeightRow(in.N, in.M, in.P, i, dw)
	}
}

// VJP computes a block with two calls of ReprojErrorVJP, one per residual,
// seeds (1, 0) and (0, 1): each gives a row, on a fresh tape.
type VJP struct{}

func (VJP) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	for row := 0; row < 2; row++ {
		var seed [2]float64
		seed[row] = 1
		dcam, dx, dw := ReprojErrorVJP(cam, x, w, feat, err, seed[:])
		for c := 0; c < nCamParams; c++ {
			b[2*c+row] = dcam[c]
		}
		for c := 0; c < 3; c++ {
			b[2*(nCamParams+c)+row] = dx[c]
		}
		b[2*(blockCols-1)+row] = dw
	}
}

// Split computes a block with one ReprojErrorForward and two
// ReprojErrorBackward runs on a tape and buffers kept across observations
// and calls: the forward sweep once, a backward sweep per residual.
type Split struct {
	tape ReprojErrorTape
	dcam [nCamParams]float64
	dx   [3]float64
	derr [2]float64
}

func (s *Split) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	ReprojErrorForward(&s.tape, cam, x, w, feat, err)
	for row := 0; row < 2; row++ {
		s.backward(row, b)
	}
}

// backward runs the backward sweep of residual row on the tape and writes
// the derivatives into that row of b.
func (s *Split) backward(row int, b *Block) {
	s.dcam = [nCamParams]float64{}
	s.dx = [3]float64{}
	s.derr = [2]float64{}
	s.derr[row] = 1
	var dw float64
	ReprojErrorBackward(&s.tape, s.dcam[:], s.dx[:], &dw, s.derr[:])
	for c := 0; c < nCamParams; c++ {
		b[2*c+row] = s.dcam[c]
	}
	for c := 0; c < 3; c++ {
		b[2*(nCamParams+c)+row] = s.dx[c]
	}
	b[2*(blockCols-1)+row] = dw
}

// JVP computes a block with 15 calls of ReprojErrorJVP, one per input along
// its unit vector: each gives a column.
type JVP struct {
	dcam [nCamParams]float64
	dx   [3]float64
}

func (s *JVP) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	var derr [2]float64
	for col := 0; col < blockCols; col++ {
		s.dcam = [nCamParams]float64{}
		s.dx = [3]float64{}
		var dw float64
		switch {
		case col < nCamParams:
			s.dcam[col] = 1
		case col < nCamParams+3:
			s.dx[col-nCamParams] = 1
		default:
			dw = 1
		}
		ReprojErrorJVP(cam, x, w, feat, err, s.dcam[:], s.dx[:], dw, derr[:])
		b[2*col], b[2*col+1] = derr[0], derr[1]
	}
}

// Jac computes a block with one ReprojErrorJacobianTo call, from
// //godiff:jacobian: with 15 inputs and 2 outputs it takes reverse mode,
// one forward sweep and a backward sweep per residual on the tape in its
// work, kept across observations and calls, as Split does by hand.
type Jac struct {
	work ReprojErrorJacobianWork
	rows [2][blockCols]float64
	jac  [2][]float64
}

func (s *Jac) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	if s.jac[0] == nil {
		s.jac = [2][]float64{s.rows[0][:], s.rows[1][:]}
	}
	ReprojErrorJacobianTo(&s.work, s.jac[:], cam, x, w, feat, err)
	for row := range 2 {
		for col := range blockCols {
			b[2*col+row] = s.rows[row][col]
		}
	}
}

// JacFresh computes a block with one ReprojErrorJacobian call, which
// allocates the Jacobian it returns and runs ReprojErrorJacobianTo's
// sweeps on a tape and buffers of its own, local variables.
type JacFresh struct{}

func (JacFresh) Block(cam, x []float64, w float64, feat, err []float64, b *Block) {
	jac := ReprojErrorJacobian(cam, x, w, feat, err)
	for row := range 2 {
		for col := range blockCols {
			b[2*col+row] = jac[row][col]
		}
	}
}
