// A Go js/wasm program that needs only Go's runtime imports: println writes through
// runtime.wasmWrite (fd 2, like the runtime's own panic text) and the program ends with
// runtime.wasmExit(0). No fmt: fmt's os.Stdout goes through syscall/js (wasm_exec.js's JS world).
package main

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	println("hello from Go", fib(20))
}
