package ir

import "testing"

// TestDeadArrays checks which local arrays DeadArrays removes: one
// written and read only to be written again goes, with its loop; one
// whose element reaches the result, is stored elsewhere, or is passed on
// stays.
func TestDeadArrays(t *testing.T) {
	arr := Array{Len: 4, Elem: Float64}
	// accumulate builds a[j] = a[j] + x[j] for j < 4: a read that only
	// feeds a write into a itself.
	accumulate := func(b *Builder, a, x *Value) {
		loop := b.Range("", b.Const(Int, int64(4)))
		b.In(loop.Blocks[0], func() {
			j := b.Index("j")
			b.Store(a, j, b.Add(b.Load(a, j), b.Load(x, j)))
		})
	}
	tests := []struct {
		name  string
		build func(b *Builder, a, x, out *Value)
		kept  int // stores into a left
	}{
		{"written and read back into itself only", func(b *Builder, a, x, out *Value) {
			accumulate(b, a, x)
			b.Return(b.Float(Float64, 0))
		}, 0},
		{"an element returned", func(b *Builder, a, x, out *Value) {
			accumulate(b, a, x)
			b.Return(b.Load(a, b.Const(Int, int64(1))))
		}, 1},
		{"an element stored into a parameter", func(b *Builder, a, x, out *Value) {
			accumulate(b, a, x)
			b.Store(out, b.Const(Int, int64(0)), b.Mul(b.Load(a, b.Const(Int, int64(2))), b.Float(Float64, 2)))
			b.Return(b.Float(Float64, 0))
		}, 1},
		{"stored whole into a slice of arrays", func(b *Builder, a, x, out *Value) {
			accumulate(b, a, x)
			rows := b.Make(Slice{Elem: arr}, b.Const(Int, int64(1)))
			b.Store(rows, b.Const(Int, int64(0)), a)
			b.Store(out, b.Const(Int, int64(0)), b.Load(b.Load(rows, b.Const(Int, int64(0))), b.Const(Int, int64(0))))
			b.Return(b.Float(Float64, 0))
		}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFunc("F", []Param{{Name: "x", Type: Slice{Elem: Float64}}, {Name: "out", Type: Slice{Elem: Float64}}}, []Result{{Type: Float64}})
			b := NewBuilder(f)
			x, out := b.Param(0), b.Param(1)
			a := b.Make(arr, b.Const(Int, int64(4)))
			tc.build(b, a, x, out)
			DeadArrays(f)
			kept, loops := 0, 0
			f.Walk(func(v *Value) {
				if v.Op == OpStore && v.Args[0] == a {
					kept++
				}
				if v.Op == OpRange {
					loops++
				}
			})
			if kept != tc.kept {
				t.Errorf("%d stores into a left, want %d:\n%s", kept, tc.kept, f)
			}
			if tc.kept == 0 && loops > 0 {
				t.Errorf("the loop should have gone:\n%s", f)
			}
			if err := Verify(f); err != nil {
				t.Error(err)
			}
		})
	}
}
