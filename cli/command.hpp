#pragma once
// The command table of the `terms` executable. Each command lives in its own
// cli/cmd_*.cpp and registers itself with a static CommandRegistration, so
// adding a command touches no shared file.

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace terms::driver {}
namespace terms::cli {

using namespace driver;  // NOLINT: the CLI is a front end of the driver

// Exit statuses, as documented in docs/cli.md.
inline constexpr int kExitOk = 0;       // all good
inline constexpr int kExitFinding = 1;  // an error diagnostic, an unacceptable agreement,
                                        // a failed expectation, a file needing formatting
inline constexpr int kExitUsage = 2;    // a usage or I/O error

struct Command {
  std::string name;
  std::string summary;  // one line, for `terms --help`
  // Runs the command with the arguments after its name. Prints, returns an exit status.
  std::function<int(const std::vector<std::string>& args)> run;
};

std::vector<Command>& command_table();

struct CommandRegistration {
  CommandRegistration(std::string name, std::string summary,
                      std::function<int(const std::vector<std::string>&)> run) {
    command_table().push_back(Command{std::move(name), std::move(summary), std::move(run)});
  }
};

}  // namespace terms::cli
