module godiff/extra

go 1.26.0

require gonum.org/v1/gonum v0.17.0

require golang.org/x/tools v0.52.0 // indirect

replace godiff => ../
