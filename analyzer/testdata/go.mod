module example.com/vetdata

go 1.26.0
