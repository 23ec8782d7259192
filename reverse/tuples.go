package reverse

import (
	"fmt"

	"github.com/godiff/godiff/ir"
)

// checkLoweredTuples panics if f calls a math function of several results
// (math.Sincos) on an argument that varies with wrt without the call
// having been lowered to its rule (rules.LowerCalls): the activity
// analysis follows no derivative through such a call, so the gradient
// would drop it without a word, as the one built for a call of GGrad did
// (srcgen seed 4 program 10). Every caller lowers them first.
func checkLoweredTuples(f *ir.Func, wrt []int) {
	var varied *ir.Flow
	f.Walk(func(v *ir.Value) {
		c, ok := v.Aux.(ir.Callee)
		if _, several := v.Type.(ir.Tuple); !several || v.Op != ir.OpInvoke || !ok || c.Lowered || c.Path != "math" {
			return
		}
		if varied == nil {
			varied = ir.Analyse(f, wrt).Varied
		}
		for _, x := range v.Args {
			if ir.IsFloat(x.Type) && varied.Value[x] {
				panic(fmt.Sprintf("reverse: %s calls math.%s on a varied argument, and the call was not lowered", f.Name, c.Name))
			}
		}
	})
}
