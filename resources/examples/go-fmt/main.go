// A Go js/wasm program as people write them: fmt, os, time, crypto/rand and goroutines. Each of
// those packages reaches the host through syscall/js (wasm_exec.js's JavaScript world), which
// Memscope hosts in a sandbox of its own: stdin (the sequence's), stdout and stderr, ENOSYS for
// every other file call, cwd "/", the UTC zone. The goroutines sleep: run() returns to the host
// while they wait, and the host's timers resume it.
package main

import (
	"bufio"
	"crypto/rand"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"
)

func main() {
	name, _ := bufio.NewReader(os.Stdin).ReadString('\n')
	fmt.Println("hello,", strings.TrimSpace(name), "from fmt")
	fmt.Fprintln(os.Stderr, "to stderr")
	_, err := os.ReadFile("/etc/passwd")
	fmt.Println("read:", err)
	wd, err := os.Getwd()
	fmt.Println("cwd:", wd, err)
	name, offset := time.Now().Zone()
	fmt.Println("zone:", name, offset)
	b := make([]byte, 16)
	n, err := rand.Read(b)
	fmt.Println("random:", n, err)

	start := time.Now()
	var wg sync.WaitGroup
	done := make(chan string, 3)
	for i, ms := range []int{30, 10, 20} {
		wg.Add(1)
		go func(i, ms int) {
			defer wg.Done()
			time.Sleep(time.Duration(ms) * time.Millisecond)
			done <- fmt.Sprintf("worker %d slept %d ms", i, ms)
		}(i, ms)
	}
	wg.Wait()
	close(done)
	for line := range done {
		fmt.Println(line)
	}
	fmt.Println("all slept:", time.Since(start) >= 30*time.Millisecond)
}
