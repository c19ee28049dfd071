# Warnings and sanitizers as INTERFACE targets, linked PRIVATE by each of our targets.
add_library(panelpack_warnings INTERFACE)
target_compile_options(panelpack_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Woverloaded-virtual
  -Wnull-dereference -Wdouble-promotion -Wformat=2 -Wimplicit-fallthrough)

add_library(panelpack_sanitizers INTERFACE)
if(PANELPACK_SANITIZE)
  target_compile_options(panelpack_sanitizers INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(panelpack_sanitizers INTERFACE -fsanitize=address,undefined)
endif()

# ThreadSanitizer (scripts/tsan.sh): -O1 keeps reports readable and the tests quick enough.
if(PANELPACK_TSAN)
  if(PANELPACK_SANITIZE)
    message(FATAL_ERROR "PANELPACK_TSAN and PANELPACK_SANITIZE cannot be combined: "
                        "ThreadSanitizer and AddressSanitizer exclude each other; use two builds")
  endif()
  target_compile_options(panelpack_sanitizers INTERFACE
    -fsanitize=thread -O1 -g -fno-omit-frame-pointer)
  target_link_options(panelpack_sanitizers INTERFACE -fsanitize=thread)
endif()
