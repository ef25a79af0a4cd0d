// A C++ throw and catch across an export: parse_digit throws std::invalid_argument for a
// non-digit, safe_parse catches it and answers -1. Built twice (build.sh): with Emscripten's
// default JavaScript exceptions, where the throw calls env.__cxa_allocate_exception and
// env.__cxa_throw, and with -fwasm-exceptions, where throw and catch are wasm instructions.
#include <stdexcept>

extern "C" {
__attribute__((export_name("parse_digit"))) int parse_digit(const char *s) {
  if (s[0] < '0' || s[0] > '9') throw std::invalid_argument("not a digit");
  return s[0] - '0';
}

__attribute__((export_name("safe_parse"))) int safe_parse(const char *s) {
  try {
    return parse_digit(s);
  } catch (const std::exception &) {
    return -1;
  }
}
}
