// The qbo-sync host library: what a C++ host needs to load libqbo_sync.so and drive it.
//   LoadedPlugin    loads the library (Boost.DLL, RTLD_NOW | RTLD_LOCAL, absolute path) and
//                   negotiates the ABI version;
//   PluginInstance  one plugin instance behind C++ calls; no C++ type or exception crosses the C
//   ABI; RecordingHost   host services that keep every call, for developers' hosts and tests.
#pragma once

#include "qbo_sync/host/host_error.h"
#include "qbo_sync/host/plugin_instance.h"
#include "qbo_sync/host/plugin_loader.h"
#include "qbo_sync/host/recording_host.h"
#include "qbo_sync/host/status_names.h"
#include "qbo_sync/host/string_sink.h"
