#pragma once
// cli/ is a front end over office/: its code names the office's types (Workspace, OfficeError,
// read_input...) as its own, while the office never sees the command line.

namespace panelpack::office {}

namespace panelpack::cli {
using namespace panelpack::office;
}  // namespace panelpack::cli
