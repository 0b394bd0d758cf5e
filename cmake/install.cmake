# `cmake --install BUILD [--prefix DIR]`: amisim as a C++ library (README "Use amisim as a C++
# library") and the amisim executable.
#
#   PREFIX/include/amisim/            world.hpp, world_plan.hpp, rapidcheck.hpp, version.hpp
#   PREFIX/lib/libamisim.a            lib/, api/ and sim/ in one static archive
#   PREFIX/lib/cmake/amisim/          amisimConfig.cmake (+ Version, Targets): find_package(amisim
#                                     CONFIG) gives the target amisim::amisim
#   PREFIX/lib/pkgconfig/amisim.pc    pkg-config --cflags --libs amisim
#   PREFIX/bin/amisim                 the executable
#
# One archive made of the objects the build already compiled (amisim_lib's, api's, sim's): the
# library costs the build no second compile, and a user links one library whatever the rooms
# inside it are. Its link dependencies are fmt, OpenSSL's libcrypto and the thread library; JSON
# and Boost are compiled in (header-only), and the public headers need only the standard library.
# The objects are position-independent executables' (Debian's default -fPIE), so the archive links
# into programs, not into shared libraries.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

add_library(amisim_archive STATIC $<TARGET_OBJECTS:amisim_lib> $<TARGET_OBJECTS:api>
                                  $<TARGET_OBJECTS:sim>)
add_dependencies(amisim_archive amisim_lib api sim)
set_target_properties(amisim_archive PROPERTIES OUTPUT_NAME amisim EXPORT_NAME amisim
                                                LINKER_LANGUAGE CXX)
target_include_directories(amisim_archive INTERFACE $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
target_compile_features(amisim_archive INTERFACE cxx_std_20)
# PRIVATE on a static library: exported as $<LINK_ONLY:...>, linked but not compiled against.
target_link_libraries(amisim_archive PRIVATE fmt::fmt OpenSSL::Crypto Threads::Threads)

install(TARGETS amisim_archive EXPORT amisimTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS amisim RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${CMAKE_SOURCE_DIR}/include/amisim/world.hpp
              ${CMAKE_SOURCE_DIR}/include/amisim/world_plan.hpp
              ${CMAKE_SOURCE_DIR}/include/amisim/rapidcheck.hpp
              ${CMAKE_BINARY_DIR}/include/amisim/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/amisim)

set(AMISIM_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/amisim)
install(EXPORT amisimTargets NAMESPACE amisim:: DESTINATION ${AMISIM_CMAKE_DIR})
configure_package_config_file(${CMAKE_SOURCE_DIR}/cmake/amisimConfig.cmake.in
                              ${CMAKE_BINARY_DIR}/amisimConfig.cmake
                              INSTALL_DESTINATION ${AMISIM_CMAKE_DIR})
# Before 1.0 a minor version may change the surface: find_package(amisim 0.21) takes 0.21.x only.
write_basic_package_version_file(${CMAKE_BINARY_DIR}/amisimConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/amisimConfig.cmake ${CMAKE_BINARY_DIR}/amisimConfigVersion.cmake
        DESTINATION ${AMISIM_CMAKE_DIR})

# amisim.pc finds its prefix from its own place (${pcfiledir}), so any --prefix works.
file(RELATIVE_PATH AMISIM_PC_TO_PREFIX /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
configure_file(${CMAKE_SOURCE_DIR}/cmake/amisim.pc.in ${CMAKE_BINARY_DIR}/amisim.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/amisim.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
