# Files compiled into a library as text (schemas, the new office's files), regenerated when one
# changes: the build rule around cmake/EmbedFiles.cmake, written once.
#
# panelpack_embed_files(<output.cpp> NAMESPACE <ns> HEADER <header> [FUNCTION <name>]
#                       COMMENT <text> FILES <file>...)
# makes <output.cpp> (in the current binary folder) define <ns>::<name>() (default
# embedded_schemas), declared in <header>, returning each file's name and text. Add
# ${CMAKE_CURRENT_BINARY_DIR}/<output.cpp> to the library's sources.
function(panelpack_embed_files output)
  cmake_parse_arguments(PARSE_ARGV 1 EMBED "" "NAMESPACE;HEADER;FUNCTION;COMMENT" "FILES")
  if(NOT EMBED_FILES OR NOT EMBED_NAMESPACE OR NOT EMBED_HEADER)
    message(FATAL_ERROR "panelpack_embed_files(${output}) needs NAMESPACE, HEADER and FILES")
  endif()
  set(script ${PROJECT_SOURCE_DIR}/cmake/EmbedFiles.cmake)
  set(target_file ${CMAKE_CURRENT_BINARY_DIR}/${output})
  set(function_option "")
  if(EMBED_FUNCTION)
    set(function_option -DFUNCTION=${EMBED_FUNCTION})
  endif()
  string(REPLACE ";" "|" inputs "${EMBED_FILES}")  # one -D value for the script
  add_custom_command(
    OUTPUT ${target_file}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${target_file} "-DINPUTS=${inputs}"
            -DNAMESPACE=${EMBED_NAMESPACE} -DHEADER=${EMBED_HEADER} ${function_option}
            -P ${script}
    DEPENDS ${EMBED_FILES} ${script}
    COMMENT "${EMBED_COMMENT}"
    VERBATIM)
endfunction()
