# The target tsan_tests builds every GoogleTest program that scripts/tsan.sh runs under
# ThreadSanitizer (ctest -L 'threads|office'): those whose name ends in "_threads" and those
# that link the office library (panelpack_office), wherever they are defined. Found by walking
# the targets after every folder is added, so a new office test joins without a line here.

function(panelpack_collect_tsan_tests directory out)
  set(found "")
  get_property(targets DIRECTORY "${directory}" PROPERTY BUILDSYSTEM_TARGETS)
  foreach(target IN LISTS targets)
    get_target_property(type ${target} TYPE)
    if(NOT type STREQUAL "EXECUTABLE" OR NOT target MATCHES "^test_")
      continue()
    endif()
    get_target_property(links ${target} LINK_LIBRARIES)
    if(target MATCHES "_threads$" OR "panelpack_office" IN_LIST links)
      list(APPEND found ${target})
    endif()
  endforeach()
  get_property(subdirectories DIRECTORY "${directory}" PROPERTY SUBDIRECTORIES)
  foreach(subdirectory IN LISTS subdirectories)
    panelpack_collect_tsan_tests("${subdirectory}" below)
    list(APPEND found ${below})
  endforeach()
  set(${out} ${found} PARENT_SCOPE)
endfunction()

function(panelpack_add_tsan_tests_target)
  panelpack_collect_tsan_tests("${PROJECT_SOURCE_DIR}" tests)
  add_custom_target(tsan_tests)
  if(tests)
    add_dependencies(tsan_tests ${tests})
  endif()
  message(STATUS "Tests under ThreadSanitizer (tsan_tests): ${tests}")
endfunction()
