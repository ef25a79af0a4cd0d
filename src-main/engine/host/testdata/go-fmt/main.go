// A Go js/wasm program using fmt: os.Stdout writes go through syscall/js (wasm_exec.js's
// JavaScript fs object), so the module imports syscall/js functions Memscope does not host.
package main

import "fmt"

func main() {
	fmt.Println("hello from fmt")
}
