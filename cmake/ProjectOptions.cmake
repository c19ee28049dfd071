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
