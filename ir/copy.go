package ir

// CopyBody appends f's computation to b's function, value by value, and
// returns the values f returns, as copied. Parameter i of f becomes
// parameter i of the new function, so the new signature must begin with
// f's parameters. After each copied value, after(old, copy) runs (it may be
// nil); the transforms use it to interleave derivative code.
func CopyBody(b *Builder, f *Func, after func(old, copy *Value)) []*Value {
	copies := make(map[*Value]*Value)
	var results []*Value
	for _, v := range f.Body.Values {
		args := make([]*Value, len(v.Args))
		for i, a := range v.Args {
			args[i] = copies[a]
		}
		if v.Op == OpReturn {
			results = args
			continue
		}
		c := b.CopyOf(v, args)
		copies[v] = c
		if after != nil && c != nil {
			after(v, c)
		}
	}
	return results
}

// UniqueNames renames values so that no two share a source name: a variable
// assigned three times becomes y, y2 and y3, numbered so as to clash with no
// parameter and no other name of f. The transforms name derivatives after
// the values (the adjoint of y3 is dy3), so names that are unique in the
// function's IR stay unique, and matching, in the generated code.
func UniqueNames(f *Func) {
	taken := make(map[string]bool) // every name in f
	seen := make(map[string]bool)  // the names given out so far
	for _, p := range f.Params {
		taken[p.Name], seen[p.Name] = true, true
	}
	for _, v := range f.Body.Values {
		taken[v.Name] = true
	}
	for _, v := range f.Body.Values {
		if v.Name == "" || v.Op == OpParam {
			continue
		}
		if seen[v.Name] {
			v.Name = FreshName(taken, v.Name)
			taken[v.Name] = true
		}
		seen[v.Name] = true
	}
}
