// C++ exceptions caught inside the module, built with Emscripten's JavaScript exceptions and
// catching on (-fexceptions: every call that may throw goes through an env.invoke_* import).
// Each export exercises one part of the runtime the host performs: a catch by base class
// (__cxa_can_catch), catch (...) of a thrown int, a rethrow through a frame whose destructor
// runs while unwinding, std::exception_ptr, and a custom type nothing catches.
#include <exception>
#include <stdexcept>
#include <string>

#define EXPORT(name) __attribute__((export_name(name)))

struct ParseFail {
  int code;
};

static int cleanups = 0;

struct Guard {
  ~Guard() { ++cleanups; }
};

static void inner(int n) {
  Guard guard;
  if (n > 9) throw ParseFail{n};
}

extern "C" {
EXPORT("cleanups_run") int cleanups_run() { return cleanups; }

// -(length of what()) when n < 0: std::out_of_range caught as its base std::logic_error.
EXPORT("by_base") int by_base(int n) {
  try {
    if (n < 0) throw std::out_of_range("negative");
    return n;
  } catch (const std::logic_error &e) {
    return -static_cast<int>(std::string(e.what()).size());
  }
}

EXPORT("catch_all") int catch_all(int n) {
  try {
    if (n != 0) throw n;
    return 0;
  } catch (...) {
    return 1;
  }
}

// n > 9: thrown in inner (its Guard's destructor runs), caught, rethrown, caught again.
EXPORT("rethrown") int rethrown(int n) {
  try {
    try {
      inner(n);
      return 0;
    } catch (ParseFail &) {
      throw;
    }
  } catch (const ParseFail &f) {
    return f.code;
  }
}

// An exception kept in a std::exception_ptr past its catch block, then thrown again.
EXPORT("stored") int stored(int n) {
  std::exception_ptr kept;
  try {
    if (n != 0) throw std::runtime_error("kept");
  } catch (...) {
    kept = std::current_exception();
  }
  try {
    if (kept) std::rethrow_exception(kept);
  } catch (const std::runtime_error &) {
    return 2;
  }
  return 0;
}

// n > 9: a ParseFail nothing in the module catches.
EXPORT("escapes") int escapes(int n) {
  inner(n);
  return n;
}
}
