// The property suites are compiled in unity batches (tests/CMakeLists.txt): several suites in one
// translation unit, where each defines its own Op, Step, Driver and helpers. Each suite puts
// everything after its #includes in `namespace AMISIM_UNITY_ID`, which CMake defines to a name of
// that file's own in a unity build (UNITY_BUILD_UNIQUE_ID); compiled alone, a file gets this one.
#pragma once

#ifndef AMISIM_UNITY_ID
#define AMISIM_UNITY_ID property_suite
#endif
