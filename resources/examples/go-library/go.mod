module memscope.example/golibrary

go 1.19
