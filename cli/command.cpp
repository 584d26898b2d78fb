#include "cli/command.hpp"

namespace terms::cli {

// A function-local static, so that registrations running during static
// initialisation of other translation units always find the table built.
std::vector<Command>& command_table() {
  static std::vector<Command> table;
  return table;
}

}  // namespace terms::cli
