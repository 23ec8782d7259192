package ir

// Live returns the values f needs: its params, comments and return and,
// transitively, the values they read. All other operations are pure, so a
// value outside this set computes something nobody reads.
func Live(f *Func) map[*Value]bool {
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
	return live
}

// DeadCode removes every value that is not Live: the user's dead stores,
// and partials a derivative rule built but the transform did not need.
func DeadCode(f *Func) {
	live := Live(f)
	vs := f.Body.Values
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
