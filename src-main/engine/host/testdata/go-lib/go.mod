module memscope.testdata/golib

go 1.19
