// `panelpack init DIR`: makes a new office folder (office/init.hpp) and says what to do next.

#include <array>
#include <iostream>

#include "arguments/arguments.hpp"
#include "commands/commands.hpp"
#include "exit_codes.hpp"
#include "office/init.hpp"

namespace panelpack::cli {
namespace {

const std::array<OptionSpec, 1> init_options = {{
    {"help", 'h', false},
}};

}  // namespace

ExitCode run_init(std::span<const std::string> words) {
  const auto arguments = Arguments::parse(words, init_options);
  if (arguments.positionals().size() != 1) {
    throw UsageError("init needs the folder to make the office in: panelpack init DIR");
  }
  const office::NewOffice made = office::make_new_office(arguments.positionals()[0]);
  std::cout << "made the office " << made.folder.string()
            << ": fill in office.json (README.md there explains every key), then run\n"
            << "  panelpack validate " << made.office_json.string() << "\n"
            << "  panelpack calendar --office " << made.folder.string() << '\n';
  return ExitCode::success;
}

}  // namespace panelpack::cli
