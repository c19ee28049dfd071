// The peers' workload (../shared/bench/peers/README.md) for the C++ engine: read the template
// and data once, compile once, render N documents one after another and write each to disk.
// Prints one JSON line with the keys of the peers' common.js, so summaries line up.
//
//   panelpack_bench_peers [N=200] [--out DIR] [--template F] [--data F] [--write atomic|plain]
//
// --write atomic (the default) writes through write_file_atomically: fsync of the file and of
// its folder, as the command does. --write plain is what the peers do (writeFileSync, no fsync).

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <system_error>

#include <nlohmann/json.hpp>

#include "templating/atomic_file.hpp"
#include "templating/diagnostics.hpp"
#include "templating/template.hpp"

namespace {

namespace fs = std::filesystem;
namespace tpl = panelpack::templating;
using Clock = std::chrono::steady_clock;

#ifndef PANELPACK_SHARED_DIR
#define PANELPACK_SHARED_DIR "../shared"
#endif

struct Options {
  int count = 200;
  fs::path template_path = fs::path(PANELPACK_SHARED_DIR) / "bench/peers/templates/mustache.docx";
  fs::path data_path = fs::path(PANELPACK_SHARED_DIR) / "bench/peers/case.json";
  fs::path out_root = "/tmp/peers/out/cpp";
  bool durable_writes = true;
};

[[noreturn]] void usage_error(const std::string& message) {
  std::cerr << "panelpack_bench_peers: " << message
            << "\nusage: panelpack_bench_peers [N=200] [--out DIR] [--template F] [--data F]"
               " [--write atomic|plain]\n";
  std::exit(2);
}

Options parse_arguments(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage_error(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--out") {
      options.out_root = value();
    } else if (arg == "--template") {
      options.template_path = value();
    } else if (arg == "--data") {
      options.data_path = value();
    } else if (arg == "--write") {
      const std::string mode = value();
      if (mode != "atomic" && mode != "plain") usage_error("--write takes atomic or plain");
      options.durable_writes = mode == "atomic";
    } else if (arg.starts_with("--")) {
      usage_error("unknown option " + std::string(arg));
    } else {
      try {
        options.count = std::stoi(std::string(arg));
      } catch (const std::exception&) {
        usage_error("N must be a number, got " + std::string(arg));
      }
      if (options.count <= 0) usage_error("N must be positive");
    }
  }
  return options;
}

// The peers' rule: the same case with case_ref + "-" + 4-digit index, so nothing can be cached.
std::string case_ref_for(const std::string& base, int index) {
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "-%04d", index);
  return base + suffix;
}

std::string output_name(int index) {
  char name[32];
  std::snprintf(name, sizeof name, "doc_%04d.docx", index);
  return name;
}

void write_plain(const fs::path& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out)
    throw std::system_error(errno, std::generic_category(), "cannot write " + path.string());
}

double to_ms(Clock::duration duration) {
  return std::chrono::duration<double, std::milli>(duration).count();
}

// Rounds like JavaScript's +x.toFixed(digits) so the JSON reads like the peers'.
double rounded(double value, int digits) {
  double scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  return static_cast<double>(static_cast<long long>(value * scale + 0.5)) / scale;
}

int run(const Options& options) {
  std::string template_bytes = tpl::read_file(options.template_path);
  const std::size_t template_size = template_bytes.size();
  nlohmann::json data = nlohmann::json::parse(tpl::read_file(options.data_path));
  const std::string base_case_ref = data.at("case_ref").get<std::string>();

  // Like common.js: the output folder exists and holds no earlier .docx.
  fs::create_directories(options.out_root);
  for (const auto& entry : fs::directory_iterator(options.out_root)) {
    if (entry.path().extension() == ".docx") fs::remove(entry.path());
  }

  const tpl::Template compiled = tpl::Template::compile(std::move(template_bytes));

  std::uintmax_t output_bytes = 0;
  double first_doc_ms = 0;
  const auto started = Clock::now();
  for (int i = 0; i < options.count; ++i) {
    const auto document_started = Clock::now();
    data["case_ref"] = case_ref_for(base_case_ref, i);
    const std::string document = compiled.render(data);
    const fs::path path = options.out_root / output_name(i);
    if (options.durable_writes) {
      tpl::write_file_atomically(path, document);
    } else {
      write_plain(path, document);
    }
    output_bytes += document.size();
    if (i == 0) first_doc_ms = to_ms(Clock::now() - document_started);
  }
  const double wall_s = to_ms(Clock::now() - started) / 1000.0;

  nlohmann::ordered_json result;
  result["engine"] = "cpp";
  result["version"] = "panelpack 0.1.0";
  result["runtime"] = "C++20 g++ " __VERSION__;
  result["n"] = options.count;
  result["wall_s"] = rounded(wall_s, 4);
  result["docs_per_sec"] = rounded(options.count / wall_s, 2);
  result["ms_per_doc"] = rounded(wall_s * 1000.0 / options.count, 3);
  result["first_doc_ms"] = rounded(first_doc_ms, 2);
  result["template"] = options.template_path.string();
  result["template_bytes"] = template_size;
  result["avg_output_bytes"] =
      static_cast<std::uintmax_t>(static_cast<double>(output_bytes) / options.count + 0.5);
  result["out_dir"] = options.out_root.string();
  result["write"] = options.durable_writes ? "atomic+fsync" : "plain";
  std::cout << result.dump() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_arguments(argc, argv);
  try {
    return run(options);
  } catch (const tpl::TemplateError& error) {
    std::cerr << "panelpack_bench_peers: template error:\n";
    for (const auto& diagnostic : error.diagnostics())
      std::cerr << "  " << tpl::describe(diagnostic) << '\n';
  } catch (const std::exception& error) {
    std::cerr << "panelpack_bench_peers: " << error.what() << '\n';
  }
  return 1;
}
