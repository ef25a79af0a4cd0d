;; Imports a memory whose minimum (40000 pages, ~2.44 GiB) is above the default 1 GiB cap.
(module
  (import "env" "memory" (memory 40000))
  (func (export "noop")))
