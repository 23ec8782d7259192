package ir

import (
	"math"
	"testing"
)

// TestFold checks that an op on constants only becomes the constant Go
// computes at run time, with Simplify off, and that an op without a
// defined result stays an op.
func TestFold(t *testing.T) {
	tests := []struct {
		name  string
		build func(b *Builder) *Value
		want  any // the constant's Aux, or nil for an op left alone
	}{
		{"float64 sum rounds", func(b *Builder) *Value { return b.Add(b.Float(Float64, 0.1), b.Float(Float64, 0.2)) }, 0.1 + func() float64 { return 0.2 }()},
		{"float32 product rounds to float32", func(b *Builder) *Value {
			return b.Mul(b.Float(Float32, 0.1), b.Float(Float32, 3))
		}, float64(float32(0.1) * func() float32 { return 3 }())},
		{"float overflow is +Inf", func(b *Builder) *Value { return b.Mul(b.Float(Float64, 1e308), b.Float(Float64, 10)) }, math.Inf(1)},
		{"float division by zero is -Inf", func(b *Builder) *Value { return b.Div(b.Float(Float64, -1), b.Float(Float64, 0)) }, math.Inf(-1)},
		{"negation keeps the sign of zero", func(b *Builder) *Value { return b.Neg(b.Float(Float64, 0)) }, math.Copysign(0, -1)},
		{"int8 wraps", func(b *Builder) *Value { return b.Add(b.Const(Int8, int64(127)), b.Const(Int8, int64(1))) }, int64(-128)},
		{"int8 -128 / -1 wraps", func(b *Builder) *Value { return b.Div(b.Const(Int8, int64(-128)), b.Const(Int8, int64(-1))) }, int64(-128)},
		{"integer division truncates", func(b *Builder) *Value { return b.Div(b.Const(Int, int64(-7)), b.Const(Int, int64(2))) }, int64(-3)},
		{"integer remainder has the dividend's sign", func(b *Builder) *Value {
			return b.Binary(OpRem, b.Const(Int, int64(-7)), b.Const(Int, int64(2)))
		}, int64(-1)},
		{"uint8 wraps below zero", func(b *Builder) *Value { return b.Sub(b.Const(Uint8, uint64(1)), b.Const(Uint8, uint64(2))) }, uint64(255)},
		{"uint64 divides unsigned", func(b *Builder) *Value {
			return b.Div(b.Const(Uint64, uint64(math.MaxUint64)), b.Const(Uint64, uint64(2)))
		}, uint64(math.MaxUint64 / 2)},
		{"integer division by zero stays", func(b *Builder) *Value { return b.Div(b.Const(Int, int64(1)), b.Const(Int, int64(0))) }, nil},
		{"float to int truncates", func(b *Builder) *Value { return b.Convert(b.Float(Float64, -2.75), Int) }, int64(-2)},
		{"float to int8 out of range stays", func(b *Builder) *Value { return b.Convert(b.Float(Float64, 200), Int8) }, nil},
		{"NaN to int stays", func(b *Builder) *Value { return b.Convert(b.Float(Float64, math.NaN()), Int) }, nil},
		{"int to float32 rounds", func(b *Builder) *Value { return b.Convert(b.Const(Int, int64(1<<24+1)), Float32) }, float64(1 << 24)},
		{"int to uint8 wraps", func(b *Builder) *Value { return b.Convert(b.Const(Int, int64(300)), Uint8) }, uint64(44)},
		{"NaN is not equal to itself", func(b *Builder) *Value {
			nan := b.Float(Float64, math.NaN())
			return b.Compare(OpEq, nan, nan)
		}, false},
		{"unsigned comparison", func(b *Builder) *Value {
			return b.Compare(OpLt, b.Const(Uint64, uint64(1)), b.Const(Uint64, uint64(math.MaxUint64)))
		}, true},
		{"not", func(b *Builder) *Value { return b.Not(b.Const(Bool, true)) }, false},
		{"and", func(b *Builder) *Value { return b.Logic(OpAnd, b.Const(Bool, true), b.Const(Bool, false)) }, false},
		{"or", func(b *Builder) *Value { return b.Logic(OpOr, b.Const(Bool, false), b.Const(Bool, true)) }, true},
		{"min of floats", func(b *Builder) *Value { return b.MinMax(OpMin, b.Float(Float64, 2), b.Float(Float64, 0.5)) }, 0.5},
		{"min of zeros is -0", func(b *Builder) *Value {
			return b.MinMax(OpMin, b.Float(Float64, 0), b.Float(Float64, math.Copysign(0, -1)))
		}, math.Copysign(0, -1)},
		{"max with NaN is NaN", func(b *Builder) *Value { return b.MinMax(OpMax, b.Float(Float64, 1), b.Float(Float64, math.NaN())) }, math.NaN()},
		{"max of unsigned compares unsigned", func(b *Builder) *Value {
			return b.MinMax(OpMax, b.Const(Uint64, uint64(1)), b.Const(Uint64, uint64(math.MaxUint64)))
		}, uint64(math.MaxUint64)},
		{"min of ints", func(b *Builder) *Value { return b.MinMax(OpMin, b.Const(Int, int64(-3)), b.Const(Int, int64(2))) }, int64(-3)},
		{"a call stays", func(b *Builder) *Value {
			return b.Call(Callee{Path: "math", Name: "Sqrt"}, Float64, b.Float(Float64, 2))
		}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f, b, _, _, _ := newTest()
			b.Simplify = false
			v := tc.build(b)
			if tc.want == nil {
				if v.IsConst() {
					t.Fatalf("folded to %v, want the op kept", v.Aux)
				}
				return
			}
			if !v.IsConst() {
				t.Fatalf("got %v, want the constant %v\n%s", v.Op, tc.want, f)
			}
			got, ok := v.Aux.(float64)
			want, isFloat := tc.want.(float64)
			if isFloat && ok {
				if math.Float64bits(got) != math.Float64bits(want) {
					t.Errorf("got %v, want %v", got, want)
				}
				return
			}
			if v.Aux != tc.want {
				t.Errorf("got %v (%T), want %v (%T)", v.Aux, v.Aux, tc.want, tc.want)
			}
		})
	}
}

// TestConstantDecides checks that a constant condition of a select, and a
// constant operand of && and ||, give the value they pick without an op.
func TestConstantDecides(t *testing.T) {
	_, b, x, y, n := newTest()
	c := b.Compare(OpLt, n, b.Const(Int, int64(3)))
	tr, fa := b.Const(Bool, true), b.Const(Bool, false)
	tests := []struct {
		name      string
		got, want *Value
	}{
		{"select on true", b.Select(tr, x, y), x},
		{"select on false", b.Select(fa, x, y), y},
		{"true && c", b.Logic(OpAnd, tr, c), c},
		{"c && false", b.Logic(OpAnd, c, fa), fa},
		{"false || c", b.Logic(OpOr, fa, c), c},
		{"c || true", b.Logic(OpOr, c, tr), tr},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s: got %v, want %v", tc.name, tc.got, tc.want)
		}
	}
}
