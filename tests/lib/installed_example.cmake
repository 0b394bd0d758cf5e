# The installed library, from a clean prefix (ctest entry "lib: ...", tests/CMakeLists.txt):
#   1. `cmake --install` the build into BUILD/installed/prefix, removed first;
#   2. nothing installed names the source or build tree (the prefix stands alone);
#   3. examples/cpp, configured against that prefix only, builds and its tests pass;
#   4. pkg-config finds amisim there, and a program compiled with its flags alone runs.
# cmake -DSOURCE=... -DBUILD=... -DGENERATOR=... -DCXX=... -P installed_example.cmake
cmake_minimum_required(VERSION 3.25)
foreach(var SOURCE BUILD GENERATOR CXX VERSION)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "installed_example.cmake: -D${var}=... is required")
  endif()
endforeach()
set(root ${BUILD}/installed)
set(prefix ${root}/prefix)
set(example ${root}/example)
file(REMOVE_RECURSE ${root})

function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "${what} failed (${status}):\n${out}\n${err}")
  endif()
  set(out "${out}" PARENT_SCOPE)
endfunction()

# 1. The install.
run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD} --prefix ${prefix})
foreach(file include/amisim/world.hpp include/amisim/world_plan.hpp include/amisim/rapidcheck.hpp
             include/amisim/version.hpp lib/libamisim.a lib/cmake/amisim/amisimConfig.cmake
             lib/cmake/amisim/amisimConfigVersion.cmake lib/cmake/amisim/amisimTargets.cmake
             lib/pkgconfig/amisim.pc bin/amisim)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "the install has no ${file}")
  endif()
endforeach()

# 2. Nothing points back at the trees it came from.
file(GLOB_RECURSE texts ${prefix}/include/* ${prefix}/lib/cmake/* ${prefix}/lib/pkgconfig/*)
foreach(text ${texts})
  file(READ ${text} body)
  foreach(tree ${SOURCE} ${BUILD})
    string(FIND "${body}" "${tree}" at)
    if(NOT at EQUAL -1)
      message(FATAL_ERROR "${text} names ${tree}")
    endif()
  endforeach()
endforeach()

# 3. The example, against the prefix only (no package registry, no other prefix).
run("configuring examples/cpp" ${CMAKE_COMMAND} -S ${SOURCE}/examples/cpp -B ${example}
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
file(STRINGS ${example}/CMakeCache.txt found REGEX "^amisim_DIR:")
if(NOT found STREQUAL "amisim_DIR:PATH=${prefix}/lib/cmake/amisim")
  message(FATAL_ERROR "examples/cpp found amisim elsewhere: ${found}")
endif()
run("building examples/cpp" ${CMAKE_COMMAND} --build ${example} --parallel 2)
run("examples/cpp's tests" ${example}/cleanup_test)
message("${out}")

# 4. pkg-config, and a program built with nothing but its flags.
find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
run("pkg-config --modversion amisim" ${PKG_CONFIG} --modversion amisim)
string(STRIP "${out}" modversion)
if(NOT modversion STREQUAL VERSION)
  message(FATAL_ERROR "pkg-config says amisim ${modversion}, the build is ${VERSION}")
endif()
run("pkg-config --cflags --libs amisim" ${PKG_CONFIG} --cflags --libs amisim)
separate_arguments(flags UNIX_COMMAND "${out}")
file(WRITE ${root}/tiny.cpp [=[
#include <amisim/world.hpp>
#include <cstdio>
int main() {
  amisim::World world;
  const amisim::CallResult r = world.call("ec2", "DescribeImages", R"({"Owners": ["amazon"]})");
  std::printf("amisim %s: DescribeImages %s\n", amisim::kVersion, r.ok() ? "ok" : "failed");
  return r.ok() && r.json.find("\"ImageId\"") != std::string::npos ? 0 : 1;
}
]=])
run("compiling with pkg-config's flags" ${CXX} -std=c++20 ${root}/tiny.cpp ${flags} -o ${root}/tiny)
run("the program built with pkg-config's flags" ${root}/tiny)
message("${out}")
