module memscope.testdata/godeadlock

go 1.19
