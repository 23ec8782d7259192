package ir

import (
	"strings"
	"testing"
)

// DeadCode drops s[i] = s[i] and x = x when nothing can write the target
// between the read and the write, and with them an index only they read;
// it keeps them when something can.
func TestDeadCodeDropsNoOps(t *testing.T) {
	tests := []struct {
		name  string
		build func(b *Builder, s, c *Value, x *Var)
		kept  int // stores and sets left
	}{
		{"element written back", func(b *Builder, s, c *Value, x *Var) {
			i := b.Sub(b.Len(s), b.Const(Int, int64(1)))
			b.Store(s, i, b.Load(s, i))
		}, 0},
		{"element read before a branch, written back in it", func(b *Builder, s, c *Value, x *Var) {
			i := b.Const(Int, int64(0))
			e := b.Load(s, i)
			ifop := b.If(c)
			b.In(ifop.Blocks[0], func() { b.Store(s, i, e) })
		}, 0},
		{"element swapped with itself", func(b *Builder, s, c *Value, x *Var) {
			i := b.Sub(b.Len(s), b.Const(Int, int64(1)))
			e := b.Load(s, i)
			b.Store(s, i, e)
			b.Store(s, i, e)
		}, 0},
		{"another store between", func(b *Builder, s, c *Value, x *Var) {
			i := b.Const(Int, int64(0))
			e := b.Load(s, i)
			b.Store(s, b.Const(Int, int64(1)), b.Float(Float64, 2))
			b.Store(s, i, e)
		}, 2},
		{"a store nested in a branch between", func(b *Builder, s, c *Value, x *Var) {
			i := b.Const(Int, int64(0))
			e := b.Load(s, i)
			ifop := b.If(c)
			b.In(ifop.Blocks[0], func() { b.Store(s, i, b.Float(Float64, 2)) })
			b.Store(s, i, e)
		}, 2},
		{"read before a loop, written back in it", func(b *Builder, s, c *Value, x *Var) {
			i := b.Const(Int, int64(0))
			e := b.Load(s, i)
			loop := b.Range("", b.Const(Int, int64(3)))
			b.In(loop.Blocks[0], func() {
				b.Index("k")
				b.Store(s, i, e)
				b.Store(s, i, b.Float(Float64, 2))
			})
		}, 2},
		{"variable set to itself", func(b *Builder, s, c *Value, x *Var) {
			b.Set(x, b.Get(x))
			b.Return(b.Get(x))
		}, 0},
		{"variable set between", func(b *Builder, s, c *Value, x *Var) {
			g := b.Get(x)
			b.Set(x, b.Float(Float64, 2))
			b.Set(x, g)
			b.Return(b.Get(x))
		}, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := NewFunc("F", []Param{{Name: "s", Type: Slice{Elem: Float64}}, {Name: "c", Type: Bool}}, nil)
			b := NewBuilder(f)
			x := &Var{Name: "x", Type: Float64}
			b.Declare(x, b.Float(Float64, 1))
			tc.build(b, b.Param(0), b.Param(1), x)
			if f.Return() == nil {
				b.Return()
			}
			DeadCode(f)
			out := f.String()
			if n := strings.Count(out, "store ") + strings.Count(out, "set x"); n != tc.kept {
				t.Errorf("%d stores and sets left, want %d:\n%v", n, tc.kept, f)
			}
			if tc.kept == 0 && strings.Contains(out, "len ") {
				t.Errorf("the index of a dropped store is left:\n%v", f)
			}
		})
	}
}
