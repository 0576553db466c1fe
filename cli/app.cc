#include "cli/app.h"

#include "cli/command.h"
#include "core/data_files.h"
#include "core/version.h"

namespace foreprint::cli {
namespace {

constexpr const char* kFooter = R"(Examples:
  foreprint estimate examples/llama-2-7b.yaml
  foreprint estimate examples/llama-2-7b.yaml --json
  foreprint hardware show "NVIDIA A100 SXM4 80 GB"
  foreprint regions list --provider aws

Exit codes: 0 success, 2 bad input (the message names file:line:column and the field).
Data: hardware_db/ and calibration/ files are built in; --data-dir DIR or FOREPRINT_DATA_DIR=DIR reads them from DIR.)";

}  // namespace

int RunCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  CLI::App app{"foreprint — predict the time, energy and CO2e of an ML training run before it starts.",
               "foreprint"};
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("foreprint ") + kForeprintVersion);
  app.footer(kFooter);
  std::string data_dir;
  app.add_option("--data-dir", data_dir, "Read hardware_db/ and calibration/ files from this directory");

  CommandContext ctx;
  AddHardwareCommand(app, ctx);
  AddRegionsCommand(app, ctx);
  AddEstimateCommand(app, ctx);
  AddCompareCommand(app, ctx);
  AddCalibrateCommand(app, ctx);
  AddValidateCommand(app, ctx);

  std::vector<const char*> argv = {"foreprint"};
  for (const auto& a : args) argv.push_back(a.c_str());
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp& e) {
    app.exit(e, out, err);
    return 0;
  } catch (const CLI::CallForAllHelp& e) {
    app.exit(e, out, err);
    return 0;
  } catch (const CLI::CallForVersion& e) {
    app.exit(e, out, err);
    return 0;
  } catch (const CLI::ParseError& e) {
    err << "error: " << e.what() << "\n";
    err << "Run 'foreprint --help' (or 'foreprint COMMAND --help') for usage.\n";
    return 2;
  }
  if (!data_dir.empty()) SetDataDirectory(data_dir);
  if (!ctx.action) return 2;
  Status st = ctx.action();
  err << ctx.warnings.str();
  if (!st) {
    err << "error: " << st.error().Format() << "\n";
    return st.error().exit_code;
  }
  out << ctx.out.str();
  return 0;
}

}  // namespace foreprint::cli
