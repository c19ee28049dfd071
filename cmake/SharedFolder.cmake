# The shared folder: the councils' docs, the docxtemplater compat corpus and the peer engines'
# benchmark, which the tests and benchmarks read. It sits beside the project checkout
# (../shared). A clone made elsewhere, such as CI's in /tmp, finds it beside the repository it
# was cloned from. Say where with -DPANELPACK_SHARED_DIR=... (or the environment variable).
set(PANELPACK_SHARED_DIR "$ENV{PANELPACK_SHARED_DIR}" CACHE PATH
    "The shared folder (compat corpus, peers, docs); empty: found beside the checkout or its origin")

function(panelpack_find_shared_folder out)
  set(candidates "${PANELPACK_SHARED_DIR}" "${PROJECT_SOURCE_DIR}/../shared")
  find_package(Git QUIET)
  if(GIT_FOUND)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${PROJECT_SOURCE_DIR}" remote get-url origin
                    OUTPUT_VARIABLE origin OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    # Only a local origin (a path, or file://) has a shared folder beside it.
    string(REGEX REPLACE "^file://" "" origin "${origin}")
    if(IS_ABSOLUTE "${origin}")
      list(APPEND candidates "${origin}/../shared")
    endif()
  endif()
  foreach(candidate IN LISTS candidates)
    if(candidate AND EXISTS "${candidate}/compat/docxtemplater")
      get_filename_component(found "${candidate}" REALPATH)
      set(${out} "${found}" PARENT_SCOPE)
      return()
    endif()
  endforeach()
  # Only the tests and benchmarks read it: the command builds without it.
  message(WARNING
    "The shared folder (with compat/docxtemplater) is neither ../shared beside this checkout "
    "nor beside the repository it was cloned from, so the compat, golden and benchmark runs "
    "will fail. Configure with -DPANELPACK_SHARED_DIR=/path/to/shared.")
  set(${out} "${PROJECT_SOURCE_DIR}/../shared" PARENT_SCOPE)
endfunction()
