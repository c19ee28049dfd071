# Read by CTest after gtest_discover_tests' list: every discovered golden test writes outputs
# the LibreOffice test needs, so each one sets up the "rendered_outputs" fixture.
if(DEFINED test_golden_TESTS)
  set_tests_properties(${test_golden_TESTS} PROPERTIES FIXTURES_SETUP rendered_outputs)
endif()
