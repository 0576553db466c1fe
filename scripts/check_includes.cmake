# check_includes.cmake — every #include "…" points down the layers (README.md, Layout).
#
#   cmake -DROOT=<source dir> -P scripts/check_includes.cmake
#
# Layers, lowest first: core (0); models, hardware_db (1, neither includes the other); estimator (2);
# report (3); calibration (4); cli (5). A file may include its own layer or a lower one. A violation
# prints "file:line: includes "x/y.h": <layer> may not include <higher layer>" and fails (exit 1).
# Runs at build time (target foreprint_include_check) and as the CTest test `include_direction`.
cmake_policy(VERSION 3.21)  # keep empty lines, so line numbers are right
if(NOT ROOT)
  message(FATAL_ERROR "usage: cmake -DROOT=<source dir> -P check_includes.cmake")
endif()

set(_layers core models hardware_db estimator report calibration cli)
set(_rank_core 0)
set(_rank_models 1)
set(_rank_hardware_db 1)
set(_rank_estimator 2)
set(_rank_report 3)
set(_rank_calibration 4)
set(_rank_cli 5)

set(_violations 0)
foreach(layer IN LISTS _layers)
  file(GLOB_RECURSE _files RELATIVE ${ROOT} ${ROOT}/${layer}/*.h ${ROOT}/${layer}/*.cc ${ROOT}/${layer}/*.cpp)
  foreach(f IN LISTS _files)
    file(STRINGS ${ROOT}/${f} _lines)
    set(_n 0)
    foreach(line IN LISTS _lines)
      math(EXPR _n "${_n} + 1")
      if(NOT line MATCHES "^[ \t]*#[ \t]*include[ \t]*\"([^\"/]+)/[^\"]*\"")
        continue()
      endif()
      set(_target ${CMAKE_MATCH_1})
      if(NOT DEFINED _rank_${_target} OR _target STREQUAL layer)
        continue()
      endif()
      set(_bad FALSE)
      if(_rank_${_target} GREATER _rank_${layer})
        set(_bad TRUE)
      elseif(_rank_${_target} EQUAL _rank_${layer})
        set(_bad TRUE)  # models and hardware_db are siblings: neither may include the other
      endif()
      if(_bad)
        string(REGEX MATCH "\"[^\"]*\"" _inc "${line}")
        message("${f}:${_n}: includes ${_inc}: ${layer}/ may not include ${_target}/ (includes point down: core < models, hardware_db < estimator < report < calibration < cli)")
        math(EXPR _violations "${_violations} + 1")
      endif()
    endforeach()
  endforeach()
endforeach()

if(_violations GREATER 0)
  message(FATAL_ERROR "${_violations} include(s) point up the layers")
endif()
