package ir

// DeadCode removes every value that nothing uses, transitively. Params,
// comments and the return stay. All other operations are pure, so a value
// whose result is never read can go: the user's dead stores, and partials a
// derivative rule built but the transform did not need.
func DeadCode(f *Func) {
	live := make(map[*Value]bool)
	vs := f.Body.Values
	for i := len(vs) - 1; i >= 0; i-- {
		v := vs[i]
		if v.Op == OpReturn || v.Op == OpComment || v.Op == OpParam {
			live[v] = true
		}
		if live[v] {
			for _, a := range v.Args {
				live[a] = true
			}
		}
	}
	kept := vs[:0]
	for _, v := range vs {
		if live[v] {
			kept = append(kept, v)
		}
	}
	for i := len(kept); i < len(vs); i++ {
		vs[i] = nil
	}
	f.Body.Values = kept
}
