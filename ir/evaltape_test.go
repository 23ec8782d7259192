package ir

import (
	"reflect"
	"strings"
	"testing"
)

// evSharedTape builds the split form of a callee g(x) = x·x whose tape the
// calls of one call site share (Tape.Calls: a record per call), and its
// caller F(t, x), which keeps that tape in a site of its own tape, as
// reverse mode's shared callee tapes do:
//
//	gForward(t *gTape, x) float64 { c := slot of t.calls; c.x = x; t.sq = append(t.sq, x*x); c.end = len(t.sq); return x*x }
//	gBackward(t *gTape, call int, s) float64 { c := &t.calls[call]; return 2*s*c.x + t.sq[c.end-1]·0 }
//	F(t *FTape, x) (y0, y1, d0, d1 float64, calls int, fresh int) {
//		reset t.g; grow t.g 2; y0 = gForward(&t.g, x); y1 = gForward(&t.g, 3)
//		d1 = gBackward(&t.g, 1, 1); d0 = gBackward(&t.g, 0, 1)
//		return y0, y1, d0, d1, calls(t.g), len(buffer(t, 4))
//	}
func evSharedTape(indirect bool) (f *Func, funcs map[string]*Func, site *TapeField) {
	gTape := &Tape{Name: "gTape"}
	calls := &TapeField{Name: "calls", Type: Record{gTape}, Stack: true}
	gTape.Calls = calls
	xf := &TapeField{Name: "x", Type: Float64}
	sq := &TapeField{Name: "sq", Type: Float64, Stack: true}
	end := &TapeField{Name: "sq", Type: Int, End: sq}
	gTape.Fields = []*TapeField{calls, xf, sq, end}

	fwd := NewFunc("gForward", []Param{{Name: "t", Type: TapeRef{gTape}}, {Name: "x", Type: Float64}}, []Result{{Type: Float64}})
	b := NewBuilder(fwd)
	t := b.Param(0)
	first := b.If(b.Compare(OpEq, b.Len(b.TapeLoad(t, calls)), evI64(b, 0)))
	b.In(first.Blocks[0], func() { b.TapeReset(t, sq) })
	c := b.TapeSlot(t, calls)
	b.TapeSave(c, xf, b.Param(1))
	y := b.Mul(b.Param(1), b.Param(1))
	b.TapeSave(t, sq, y)
	b.TapeSave(c, end, b.Len(b.TapeLoad(t, sq)))
	b.Return(y)

	bwd := NewFunc("gBackward", []Param{{Name: "t", Type: TapeRef{gTape}}, {Name: "call", Type: Int}, {Name: "s", Type: Float64}}, []Result{{Type: Float64}})
	b = NewBuilder(bwd)
	c = b.TapeEntry(b.Param(0), calls, b.Param(1))
	mine := b.Load(b.TapeLoad(b.Param(0), sq), b.Sub(b.TapeLoad(c, end), evI64(b, 1)))
	// 2·s·x, plus the call's own entry of the shared stack times 0: a
	// wrong entry is still found by the check of x.
	b.Return(b.Add(b.Mul(b.Mul(evF64(b, 2), b.Param(2)), b.TapeLoad(c, xf)), b.Mul(mine, evF64(b, 0))))

	fTape := &Tape{Name: "FTape"}
	site = fTape.Field("g", Opaque{Go: "gTape", Calls: true}, false, "")
	site.Indirect = indirect
	scratch := &TapeField{Name: "buf", Type: Float64, Scratch: true}
	fTape.Fields = append(fTape.Fields, scratch)
	f = NewFunc("F", []Param{{Name: "t", Type: TapeRef{fTape}}, {Name: "x", Type: Float64}},
		[]Result{{Type: Float64}, {Type: Float64}, {Type: Float64}, {Type: Float64}, {Type: Int}, {Type: Int}})
	b = NewBuilder(f)
	tp := b.Param(0)
	b.TapeReset(tp, site)
	b.TapeGrow(tp, site, evI64(b, 2))
	y0 := b.Invoke(Callee{Name: "gForward"}, Float64, b.TapeSlot(tp, site), b.Param(1))
	y1 := b.Invoke(Callee{Name: "gForward"}, Float64, b.TapeSlot(tp, site), evF64(b, 3))
	d1 := b.Invoke(Callee{Name: "gBackward"}, Float64, b.TapeSlot(tp, site), evI64(b, 1), evF64(b, 1))
	d0 := b.Invoke(Callee{Name: "gBackward"}, Float64, b.TapeSlot(tp, site), evI64(b, 0), evF64(b, 1))
	n := b.TapeCalls(tp, site)
	buf := b.TapeBuffer(tp, scratch, Slice{Float64}, evI64(b, 4))
	b.Return(y0, y1, d0, d1, n, b.Len(buf))
	return f, map[string]*Func{"gForward": fwd, "gBackward": bwd}, site
}

// TestEvalSharedTape runs a callee's split form on the tape the calls of
// one call site share, held by the caller's tape by value and through a
// pointer: each backward call reads its own call's record, the site
// counts its calls, and a second run of the caller on the same tape
// starts the site afresh (its calls and the callee's stacks).
func TestEvalSharedTape(t *testing.T) {
	for _, indirect := range []bool{false, true} {
		f, funcs, site := evSharedTape(indirect)
		if err := Verify(f); err != nil {
			t.Fatal(err)
		}
		tape := NewTapeVal()
		for run, x := range []float64{5, 7} {
			out, err := EvalWith(funcs, f, tape, x)
			if err != nil {
				t.Fatalf("indirect %v, run %d: %v", indirect, run, err)
			}
			want := []any{x * x, 9.0, 2 * x, 6.0, int64(2), int64(4)}
			if !reflect.DeepEqual(out, want) {
				t.Errorf("indirect %v, run %d: F(%v) = %v, want %v", indirect, run, x, out, want)
			}
		}
		g, ok := tape.Get(site).(*TapeVal)
		if !ok {
			t.Fatalf("indirect %v: site holds a %T, not a tape", indirect, tape.Get(site))
		}
		if got := g.Stack(g.calls); len(got) != 2 {
			t.Errorf("indirect %v: after two runs the site holds %d records, want 2 (reset each run)", indirect, len(got))
		}
	}
}

// TestEvalTapeOpErrors: tape ops the generated code could not run are
// positioned errors, not panics.
func TestEvalTapeOpErrors(t *testing.T) {
	stack := func(name string, build func(b *Builder, tp *Value, st, sc *TapeField) *Value) *Func {
		tt := &Tape{Name: "T"}
		st := tt.Field("st", Float64, true, "")
		sc := tt.Field("sc", Float64, false, "")
		f := NewFunc(name, []Param{{Name: "t", Type: TapeRef{tt}}}, []Result{{Type: Int}})
		b := NewBuilder(f)
		b.Return(build(b, b.Param(0), st, sc))
		return f
	}
	cases := []struct {
		name string
		f    *Func
		want string
	}{
		{"entry past the end", stack("Entry", func(b *Builder, tp *Value, st, sc *TapeField) *Value {
			b.TapeSave(tp, st, evF64(b, 1))
			b.TapeEntry(tp, st, evI64(b, 1))
			return evI64(b, 0)
		}), "entry 1 of st, which holds 1"},
		{"calls of a stack", stack("Calls", func(b *Builder, tp *Value, st, sc *TapeField) *Value {
			return b.TapeCalls(tp, st)
		}), "tape.calls of st, which is not a site"},
		{"reset of a scalar", stack("Reset", func(b *Builder, tp *Value, st, sc *TapeField) *Value {
			b.TapeReset(tp, sc)
			return evI64(b, 0)
		}), "tape.reset of scalar field sc"},
		{"entry of a scalar", stack("EntryScalar", func(b *Builder, tp *Value, st, sc *TapeField) *Value {
			b.TapeEntry(tp, sc, evI64(b, 0))
			return evI64(b, 0)
		}), "tape.entry of scalar field sc"},
	}
	for _, tc := range cases {
		out, err := EvalWith(nil, tc.f, NewTapeVal())
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: Eval = %v, %v; want an error containing %q", tc.name, out, err, tc.want)
		}
	}
}
