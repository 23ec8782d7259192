#include "textflag.h"

// func AsmDot(s1, s2 []float64) float64
TEXT ·AsmDot(SB), NOSPLIT, $0-56
	MOVQ  s1_base+0(FP), SI
	MOVQ  s1_len+8(FP), CX
	MOVQ  s2_base+24(FP), DI
	XORPD X0, X0

loop:
	CMPQ  CX, $0
	JE    done
	MOVSD (SI), X1
	MULSD (DI), X1
	ADDSD X1, X0
	ADDQ  $8, SI
	ADDQ  $8, DI
	DECQ  CX
	JMP   loop

done:
	MOVSD X0, ret+48(FP)
	RET
