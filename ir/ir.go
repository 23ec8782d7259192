package ir

// Op is the operation that defines a value.
type Op int

// The operations. The doc comment of the package shows each one's printed
// form.
const (
	OpInvalid Op = iota
	OpParam      // Aux: int, the parameter's index in Func.Params
	OpConst      // Aux: float64 (float types), int64 (signed), uint64 (unsigned) or bool
	OpCopy       // Args[0] under another name
	OpAdd        // Args[0] + Args[1]
	OpSub        // Args[0] - Args[1]
	OpMul        // Args[0] * Args[1]
	OpDiv        // Args[0] / Args[1]
	OpRem        // Args[0] % Args[1], integers only
	OpNeg        // -Args[0]
	OpConvert    // Args[0] converted to Type
	OpCall       // Aux: Callee; a pure function of Args
	OpLt         // Args[0] < Args[1], Type Bool
	OpLe         // Args[0] <= Args[1]
	OpGt         // Args[0] > Args[1]
	OpGe         // Args[0] >= Args[1]
	OpEq         // Args[0] == Args[1]
	OpNe         // Args[0] != Args[1]
	OpSelect     // Args[1] if Args[0], else Args[2]
	OpComment    // Aux: string; no value, carried into the generated code
	OpReturn     // no value; Args are the function's results
)

var opNames = [...]string{
	OpInvalid: "invalid",
	OpParam:   "param",
	OpConst:   "const",
	OpCopy:    "copy",
	OpAdd:     "add",
	OpSub:     "sub",
	OpMul:     "mul",
	OpDiv:     "div",
	OpRem:     "rem",
	OpNeg:     "neg",
	OpConvert: "convert",
	OpCall:    "call",
	OpLt:      "lt",
	OpLe:      "le",
	OpGt:      "gt",
	OpGe:      "ge",
	OpEq:      "eq",
	OpNe:      "ne",
	OpSelect:  "select",
	OpComment: "#",
	OpReturn:  "return",
}

func (op Op) String() string {
	if op < 0 || int(op) >= len(opNames) {
		return "op?"
	}
	return opNames[op]
}

// IsBinaryArith reports whether op is one of add, sub, mul, div, rem.
func (op Op) IsBinaryArith() bool { return op >= OpAdd && op <= OpRem }

// IsCompare reports whether op is a comparison yielding a bool.
func (op Op) IsCompare() bool { return op >= OpLt && op <= OpNe }

// HasValue reports whether op defines a value (return and comment do not).
func (op Op) HasValue() bool { return op != OpReturn && op != OpComment && op != OpInvalid }

// Callee names the function an OpCall calls: Path is its package's import
// path ("math"), Name the function's name in it ("Sin").
type Callee struct {
	Path string
	Name string
}

func (c Callee) String() string {
	if c.Path == "" {
		return c.Name
	}
	return c.Path + "." + c.Name
}

// Value is one operation and, unless the op is return or comment, the value
// it defines.
type Value struct {
	ID    int  // unique within the function
	Op    Op   // what defines the value
	Type  Type // nil for return and comment
	Args  []*Value
	Aux   any    // op-specific; see Op
	Name  string // the source variable's name, "" for a temporary
	Block *Block // the block holding the value
}

// IsConst reports whether v is an unnamed constant: a literal, which code
// emission may write in place and folding may compute with. A named constant
// (x := 0.5) is a variable that happens to start constant and is kept as one.
func (v *Value) IsConst() bool { return v.Op == OpConst && v.Name == "" }

// Float returns the value of a float constant.
func (v *Value) Float() float64 {
	f, _ := v.Aux.(float64)
	return f
}

// IsFloatConst reports whether v is an unnamed float constant equal to c.
func (v *Value) IsFloatConst(c float64) bool {
	return v.IsConst() && IsFloat(v.Type) && v.Float() == c
}

// Block is an ordered list of values.
type Block struct {
	Values []*Value
	Func   *Func
}

// Param is one parameter of a function's signature.
type Param struct {
	Name string
	Type Type
}

// Result is one result of a function's signature; Name may be empty.
type Result struct {
	Name string
	Type Type
}

// Func is one function in IR form.
type Func struct {
	Name    string
	Doc     []string // paragraphs of the doc comment emitted above the function
	Params  []Param
	Results []Result
	Body    *Block
	nextID  int
}

// NewFunc returns an empty function with the given signature.
func NewFunc(name string, params []Param, results []Result) *Func {
	f := &Func{Name: name, Params: params, Results: results}
	f.Body = &Block{Func: f}
	return f
}

// Return returns the function's return value, or nil if the body has none.
func (f *Func) Return() *Value {
	vs := f.Body.Values
	if len(vs) == 0 || vs[len(vs)-1].Op != OpReturn {
		return nil
	}
	return vs[len(vs)-1]
}

// ParamValue returns the value of parameter i, or nil if the body has none.
func (f *Func) ParamValue(i int) *Value {
	for _, v := range f.Body.Values {
		if v.Op == OpParam && v.Aux == i {
			return v
		}
	}
	return nil
}

// Uses counts, for each value of f, the number of times it is an argument.
func (f *Func) Uses() map[*Value]int {
	uses := make(map[*Value]int)
	for _, v := range f.Body.Values {
		for _, a := range v.Args {
			uses[a]++
		}
	}
	return uses
}
