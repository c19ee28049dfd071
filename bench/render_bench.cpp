// Micro-benchmarks of the engine: compile, render in memory, and how a repeated table row scales.
//   panelpack_bench [--benchmark_filter=...] [--benchmark_repetitions=N]

#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "support/minimal_docx.hpp"
#include "templating/atomic_file.hpp"
#include "templating/template.hpp"
#include "templating/zip_archive.hpp"

namespace {

namespace tpl = panelpack::templating;

#ifndef PANELPACK_SOURCE_DIR
#define PANELPACK_SOURCE_DIR "."
#endif
#ifndef PANELPACK_SHARED_DIR
#define PANELPACK_SHARED_DIR "../shared"
#endif

const std::filesystem::path kPeersDir = std::filesystem::path(PANELPACK_SHARED_DIR) / "bench/peers";

const std::string& peer_template_bytes() {
  static const std::string bytes = tpl::read_file(kPeersDir / "templates/mustache.docx");
  return bytes;
}

// The same referral saved as ODT by LibreOffice (soffice --convert-to odt mustache.docx).
const std::string& peer_template_odt_bytes() {
  static const std::string bytes = tpl::read_file(std::filesystem::path(PANELPACK_SOURCE_DIR) /
                                                  "bench/fixtures/referral-peer-layout.odt");
  return bytes;
}

const nlohmann::json& peer_case() {
  static const nlohmann::json data = nlohmann::json::parse(tpl::read_file(kPeersDir / "case.json"));
  return data;
}

// A one-table document: a header row, then one row repeated for each item of `rows`.
std::string repeated_row_package() {
  const std::string cell_open =
      R"(<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr><w:p><w:r>)";
  const std::string cell_close = R"(</w:r></w:p></w:tc>)";
  const std::string document =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)"
      R"(<w:p><w:r><w:t>Chronology for {{case_ref}}</w:t></w:r></w:p>)"
      R"(<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr>)"
      R"(<w:tr>)" +
      cell_open + R"(<w:t>Date</w:t>)" + cell_close + cell_open + R"(<w:t>Event</w:t>)" +
      cell_close + cell_open + R"(<w:t>Source</w:t>)" + cell_close + R"(</w:tr><w:tr>)" +
      cell_open + R"(<w:rPr><w:b/></w:rPr><w:t>{{#rows}}{{date}}</w:t>)" + cell_close + cell_open +
      R"(<w:t>{{event}}</w:t>)" + cell_close + cell_open +
      R"(<w:rPr><w:i/></w:rPr><w:t>{{source}}{{/rows}}</w:t>)" + cell_close +
      R"(</w:tr></w:tbl><w:p/><w:sectPr/></w:body></w:document>)";

  return panelpack::test_support::minimal_docx(document);
}

nlohmann::json table_data(std::int64_t row_count) {
  nlohmann::json data;
  data["case_ref"] = "PPR-2026-0417";
  nlohmann::json& rows = data["rows"] = nlohmann::json::array();
  for (std::int64_t i = 0; i < row_count; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "%02d/%02d/2026", static_cast<int>(i % 28) + 1,
                  static_cast<int>(i % 12) + 1);
    rows.push_back({{"date", date},
                    {"event", "Strategy meeting #" + std::to_string(i) + " & review <initial>"},
                    {"source", "Social worker's case notes"}});
  }
  return data;
}

void BM_Compile(benchmark::State& state) {
  for (auto _ : state) {
    tpl::Template compiled = tpl::Template::compile(peer_template_bytes());
    benchmark::DoNotOptimize(compiled);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(peer_template_bytes().size()));
}
BENCHMARK(BM_Compile)->Unit(benchmark::kMicrosecond);

// One peer-workload document, in memory: no disk. Arg 0: the DOCX template; 1: the same as ODT.
void BM_Render(benchmark::State& state) {
  const tpl::Template compiled = tpl::Template::compile(
      state.range(0) == 0 ? peer_template_bytes() : peer_template_odt_bytes());
  nlohmann::json data = peer_case();
  const std::string base = data["case_ref"].get<std::string>();
  std::int64_t index = 0;
  std::size_t output_bytes = 0;
  for (auto _ : state) {
    data["case_ref"] = base + "-" + std::to_string(index++ % 10000);
    std::string document = compiled.render(data);
    output_bytes = document.size();
    benchmark::DoNotOptimize(document);
  }
  state.counters["docs_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["output_bytes"] = static_cast<double>(output_bytes);
}
BENCHMARK(BM_Render)->ArgName("odt")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

// The zip step alone: one rendered word/document.xml (36 KB) written into a fresh archive,
// deflated as render() does (arg 1) or stored (arg 0), to price deflate within BM_Render.
void BM_ZipDocumentXml(benchmark::State& state) {
  const tpl::Template compiled = tpl::Template::compile(peer_template_bytes());
  const tpl::ZipReader rendered(compiled.render(peer_case()));
  const std::string document_xml = rendered.read("word/document.xml");
  const auto compression = state.range(0) != 0 ? tpl::ZipWriter::Compression::deflate
                                               : tpl::ZipWriter::Compression::store;
  std::size_t zip_bytes = 0;
  for (auto _ : state) {
    tpl::ZipWriter writer;
    writer.add("word/document.xml", document_xml, compression);
    std::string archive = writer.finish();
    zip_bytes = archive.size();
    benchmark::DoNotOptimize(archive);
  }
  state.counters["xml_bytes"] = static_cast<double>(document_xml.size());
  state.counters["zip_bytes"] = static_cast<double>(zip_bytes);
}
BENCHMARK(BM_ZipDocumentXml)->ArgName("deflate")->Arg(1)->Arg(0)->Unit(benchmark::kMicrosecond);

void BM_RenderTable(benchmark::State& state) {
  const tpl::Template compiled = tpl::Template::compile(repeated_row_package());
  const nlohmann::json data = table_data(state.range(0));
  std::size_t output_bytes = 0;
  for (auto _ : state) {
    std::string document = compiled.render(data);
    output_bytes = document.size();
    benchmark::DoNotOptimize(document);
  }
  state.SetComplexityN(state.range(0));
  state.counters["output_bytes"] = static_cast<double>(output_bytes);
}
BENCHMARK(BM_RenderTable)
    ->ArgName("rows")
    ->Arg(125)  // x2 steps up to 2,000 (Range() would snap to powers of two)
    ->Arg(250)
    ->Arg(500)
    ->Arg(1000)
    ->Arg(2000)
    ->Unit(benchmark::kMillisecond)
    ->Complexity(benchmark::oN);

}  // namespace

BENCHMARK_MAIN();
