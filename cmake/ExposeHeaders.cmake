# Layering enforced by the build (docs/engine.md, "Layers and include folders").
#
# panelpack_expose_headers(<target> <folder> <source_dir>) makes <source_dir> visible as
# "<folder>/..." to <target> and to what links <target>, and to nothing else: it links
# ${CMAKE_BINARY_DIR}/include/<target>/<folder> to <source_dir> and makes
# ${CMAKE_BINARY_DIR}/include/<target> the target's only PUBLIC include folder. A library that
# does not link panelpack_templating cannot include "templating/template.hpp".
function(panelpack_expose_headers target folder source_dir)
  set(root ${CMAKE_BINARY_DIR}/include/${target})
  file(MAKE_DIRECTORY ${root})
  file(CREATE_LINK ${source_dir} ${root}/${folder} RESULT failed SYMBOLIC)
  if(failed)
    message(FATAL_ERROR "Could not link ${root}/${folder} to ${source_dir}: ${failed}")
  endif()
  target_include_directories(${target} PUBLIC ${root})
endfunction()
