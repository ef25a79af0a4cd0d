module memscope.example/gohello

go 1.19
