// A Go js/wasm program that dies: main waits on a channel nobody sends to, so the runtime
// prints "fatal error: all goroutines are asleep - deadlock!" (through runtime.wasmWrite) and
// calls runtime.wasmExit(2). With stubbed imports that death used to pass as success.
package main

func main() {
	println("waiting for a value that never comes")
	ch := make(chan int)
	<-ch
}
