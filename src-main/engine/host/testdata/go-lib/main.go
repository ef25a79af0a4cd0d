// A Go js/wasm library as Go before 1.21 writes one: main sets functions on the JavaScript
// global object with js.FuncOf and waits (select {}) for JavaScript to call them. After run(),
// a sequence's steps call them by name: `s = add(2, 40)`, `g = greet("ann")`.
package main

import "syscall/js"

func main() {
	js.Global().Set("add", js.FuncOf(func(this js.Value, args []js.Value) any {
		return args[0].Int() + args[1].Int()
	}))
	js.Global().Set("greet", js.FuncOf(func(this js.Value, args []js.Value) any {
		return "hello, " + args[0].String()
	}))
	select {}
}
