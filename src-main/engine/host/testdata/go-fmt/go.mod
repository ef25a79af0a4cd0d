module memscope.testdata/gofmt

go 1.19
