module memscope.example/gofmt

go 1.19
