// A Go library as Go before 1.21 writes one for a JavaScript host: main sets functions on the
// JavaScript global object with js.FuncOf and waits (select {}) for the host to call them.
// Each takes and returns JavaScript values; Go copies text into its own memory to read it.
package main

import (
	"fmt"
	"hash/crc32"
	"strings"
	"syscall/js"
)

// notes lives in Go's heap between calls: remember appends, recall reads it back.
var notes []string

func main() {
	js.Global().Set("greet", js.FuncOf(func(this js.Value, args []js.Value) any {
		return "hello, " + args[0].String()
	}))
	js.Global().Set("words", js.FuncOf(func(this js.Value, args []js.Value) any {
		return len(strings.Fields(args[0].String()))
	}))
	js.Global().Set("remember", js.FuncOf(func(this js.Value, args []js.Value) any {
		notes = append(notes, args[0].String())
		fmt.Printf("remembered %q (%d notes)\n", args[0].String(), len(notes))
		return len(notes)
	}))
	js.Global().Set("recall", js.FuncOf(func(this js.Value, args []js.Value) any {
		return strings.Join(notes, ", ")
	}))
	js.Global().Set("checksum", js.FuncOf(func(this js.Value, args []js.Value) any {
		buf := make([]byte, args[0].Length())
		js.CopyBytesToGo(buf, args[0])
		return int(crc32.ChecksumIEEE(buf))
	}))
	fmt.Println("go-library: greet, words, remember, recall and checksum are set")
	select {}
}
