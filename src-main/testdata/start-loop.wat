;; A start function that never returns: instantiation itself must be stoppable.
(module
  (memory (export "memory") 1)
  (func $forever (loop $again (br $again)))
  (start $forever)
  (func (export "noop")))
