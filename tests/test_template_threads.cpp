// A compiled Template is documented as safe to render from many threads at once (a server
// compiles a form once and fills it per request): several threads compile the same package at
// once (libxml2's first use) and render one shared Template with their own data, and each gets
// the bytes one thread alone gets. Run under ThreadSanitizer by scripts/tsan.sh.
#include <gtest/gtest.h>

#include <latch>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/minimal_docx.hpp"
#include "templating/template.hpp"
#include "templating/zip_archive.hpp"

namespace panelpack::templating {
namespace {

constexpr int kThreads = 4;
constexpr int kRendersPerThread = 5;

constexpr const char* kDocument =
    R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
    R"(<w:body><w:p><w:r><w:t>Case {{case_ref}}</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t>{{#papers}}</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t>[{{title | upper}}]</w:t></w:r></w:p>)"
    R"(<w:p><w:r><w:t>{{/papers}}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>)";

std::string package() {
  return test_support::minimal_docx(kDocument);
}

nlohmann::json data_for(int thread, int render) {
  const std::string ref = "C" + std::to_string(thread) + "-" + std::to_string(render);
  return {{"case_ref", ref},
          {"papers", {{{"title", "report " + ref}}, {{"title", "plan " + ref}}}}};
}

TEST(TemplateThreads, ThreadsCompilingAndRenderingAtOnceGetTheSingleThreadedBytes) {
  const std::string bytes = package();
  std::vector<std::string> compiled_tags(kThreads);
  std::vector<std::vector<std::string>> rendered(kThreads);
  std::latch start(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();  // libxml2's first parse happens in all threads at once
        const Template own = Template::compile(bytes);
        for (const auto& tag : own.tags()) compiled_tags[t] += tag.text;
        // First each thread renders its own Template; below, all render one shared Template.
        for (int r = 0; r < kRendersPerThread; ++r)
          rendered[t].push_back(own.render(data_for(t, r)));
      });
    }
  }
  const Template shared = Template::compile(bytes);
  std::vector<std::vector<std::string>> shared_rendered(kThreads);
  std::latch again(kThreads);
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        again.arrive_and_wait();
        for (int r = 0; r < kRendersPerThread; ++r) {
          shared_rendered[t].push_back(shared.render(data_for(t, r)));
        }
      });
    }
  }

  const Template alone = Template::compile(bytes);
  std::string expected_tags;
  for (const auto& tag : alone.tags()) expected_tags += tag.text;
  EXPECT_EQ(expected_tags, "{{case_ref}}{{#papers}}{{title | upper}}{{/papers}}");
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(compiled_tags[t], expected_tags) << "thread " << t;
    for (int r = 0; r < kRendersPerThread; ++r) {
      const std::string expected = alone.render(data_for(t, r));
      EXPECT_EQ(rendered[t][r], expected) << "thread " << t << ", render " << r;
      EXPECT_EQ(shared_rendered[t][r], expected) << "thread " << t << ", render " << r;
      // And the bytes are this thread's data, not another's.
      const std::string ref = "C" + std::to_string(t) + "-" + std::to_string(r);
      const std::string xml = ZipReader(shared_rendered[t][r]).read("word/document.xml");
      EXPECT_NE(xml.find("Case " + ref), std::string::npos) << xml;
      EXPECT_NE(xml.find("[PLAN " + ref + "]"), std::string::npos) << xml;
    }
  }
}

}  // namespace
}  // namespace panelpack::templating
