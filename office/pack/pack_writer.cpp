#include "office/pack/pack_writer.hpp"

#include <cstdlib>
#include <map>
#include <memory>
#include <system_error>

#include "office/documents/document_rendering.hpp"
#include "office/documents/labelled_data.hpp"
#include "office/error.hpp"
#include "office/files.hpp"
#include "office/pack/pack_inputs.hpp"
#include "office/pack/pack_manifest.hpp"
#include "office/templates/template_check.hpp"
#include "panel/labels.hpp"
#include "pdf/libreoffice_converter.hpp"
#include "pdf/pdf_error.hpp"
#include "pdf/pdf_merge.hpp"
#include "templating/atomic_file.hpp"
#include "templating/zip_archive.hpp"
#include "text/sha256.hpp"

namespace panelpack::office {

namespace fs = std::filesystem;

namespace {

ProgressSink& progress_of(const PackOptions& options) {
  return options.progress != nullptr ? *options.progress : no_progress();
}

// One compiled template per kind of document, shared by every paper of that kind.
class Renderers {
 public:
  Renderers(const Workspace& workspace, const panel::PanelConfig& panel)
      : workspace_(workspace), panel_(panel) {}
  const DocumentRenderer& for_kind(const std::string& kind) {
    auto& slot = compiled_[kind];
    // The data is of the schema the kind names: a typo in a field is refused, not left blank.
    if (!slot)
      slot = std::make_unique<DocumentRenderer>(workspace_.template_path(kind, &panel_),
                                                schema_kind_of_template(kind));
    return *slot;
  }

 private:
  const Workspace& workspace_;
  const panel::PanelConfig& panel_;
  std::map<std::string, std::unique_ptr<DocumentRenderer>> compiled_;
};

nlohmann::json labelled_agenda(const nlohmann::json& agenda) {
  nlohmann::json data = agenda;
  add_code_labels(data, "agenda");
  return data;
}

std::string document_bytes(const Workspace& workspace, const SittingContext& context,
                           const panel::PackEntry& entry, const nlohmann::json& agenda,
                           Renderers& renderers) {
  switch (entry.source) {
    case panel::PackSource::agenda:
      return renderers.for_kind("agenda").render(labelled_agenda(agenda), "the agenda");
    case panel::PackSource::rendered_paper:
      return renderers.for_kind(entry.paper_type)
          .render(case_data_for_sitting(context.cases.at(entry.case_ref).data, agenda),
                  entry.case_ref + "'s " + panel::paper_type_label(entry.paper_type));
    case panel::PackSource::submitted_file: {
      const fs::path path = workspace.resolve(entry.submitted_file);
      std::error_code error;
      if (!fs::is_regular_file(path, error)) {
        throw OfficeError(OfficeError::Code::bad_input,
                          "the " + panel::paper_type_label(entry.paper_type) + " of " +
                              entry.case_ref + " was recorded as " + entry.submitted_file +
                              ", but " + path.string() + " is not there");
      }
      return read_input(path.string());
    }
  }
  return "";
}

// DOCX, ODT and PDF are compressed already: deflating them again costs time and saves
// nothing, so they are stored.
templating::ZipWriter::Compression zip_compression(const std::string& file) {
  const std::string extension = panel::extension_of(file);
  const bool compressed = extension == ".docx" || extension == ".odt" || extension == ".pdf" ||
                          extension == ".xlsx" || extension == ".zip";
  return compressed ? templating::ZipWriter::Compression::store
                    : templating::ZipWriter::Compression::deflate;
}

bool converts_to_pdf(const std::string& file) {
  const std::string extension = panel::extension_of(file);
  return extension != ".pdf";
}

// Each document as a PDF (LibreOffice for DOCX and ODT, submitted PDFs as they are), merged
// into one with the agenda first and a bookmark per case.
int write_pdf(const templating::StagedFolder& staged, const PackResult& result,
              const std::string& pdf_name, const std::string& title, const PackOptions& options,
              const Machine& machine) {
  const fs::path work = staged.path() / ".pdf-work";
  fs::create_directories(work);
  std::vector<pdf::ConversionJob> jobs;
  std::map<std::string, fs::path> pdf_of;
  for (const PackedFile& file : result.documents) {
    if (converts_to_pdf(file.file)) {
      const fs::path output = work / (fs::path(file.file).stem().string() + ".pdf");
      jobs.push_back({staged.path() / file.file, output});
      pdf_of[file.file] = output;
    } else {
      pdf_of[file.file] = staged.path() / file.file;
    }
  }
  pdf::ConverterOptions converter;
  converter.soffice = machine.soffice;
  converter.workers = options.pdf_workers;
  converter.timeout_per_document = options.pdf_timeout;
  if (options.pdf_batch_size) converter.batch_size = *options.pdf_batch_size;
  // LibreOffice's profiles stay in the converter's own temporary folder, outside the pack: a
  // LibreOffice left running by a killed run then cannot write into a later pack's staging.
  std::vector<pdf::ConversionResult> converted;
  try {
    pdf::find_soffice(converter.soffice);
    ProgressStage progress(progress_of(options), "converting to PDF", jobs.size());
    converted =
        pdf::convert_to_pdf(jobs, converter, [&](std::size_t, std::size_t) { progress.advance(); });
  } catch (const pdf::PdfError& error) {
    throw OfficeError(OfficeError::Code::bad_input, std::string{"--pdf: "} + error.what());
  }
  std::string failures;
  for (const auto& conversion : converted) {
    if (!conversion.ok) {
      failures += "\n  " + conversion.input.filename().string() + ": " + conversion.error;
    }
  }
  if (!failures.empty()) {
    throw OfficeError(
        OfficeError::Code::bad_input,
        "--pdf: LibreOffice could not convert every document; no pack written:" + failures);
  }

  std::vector<pdf::OutlineSection> sections;
  for (const PackedFile& file : result.documents) {
    const panel::PackEntry& entry = *file.entry;
    if (sections.empty() || sections.back().title != entry.section_title) {
      sections.push_back({entry.section_title, {}});
    }
    sections.back().documents.push_back({pdf_of.at(file.file), entry.document_title});
  }
  const fs::path output = staged.path() / pdf_name;
  try {
    // With a password, the PDF is locked with it as the zip is: a PDF is the whole pack too.
    pdf::merge_with_outline(sections, output, {title, options.password});
    fs::remove_all(work);
    return pdf::page_count(output, options.password);
  } catch (const pdf::PdfError& error) {
    throw OfficeError(OfficeError::Code::bad_input, std::string{"--pdf: "} + error.what());
  }
}

}  // namespace

PackResult write_pack(const Workspace& workspace, const SittingContext& context,
                      const panel::PackPlan& plan, const panel::Agenda& agenda,
                      const PackOptions& options, panel::UtcInstant now) {
  const fs::path target = options.folder.empty()
                              ? workspace.pack_path(context.panel->id, context.sitting.date)
                              : options.folder;
  PackResult result;
  result.folder = target;
  result.zip_name = plan.name + ".zip";
  // Read before the documents are made: a file changed meanwhile makes the pack out of date.
  const PackInputs inputs = pack_inputs(workspace, context, plan);
  try {
    templating::remove_stale_staging(target);
    templating::StagedFolder staged(target);
    Renderers renderers(workspace, *context.panel);
    // The templates are filled from the agenda's data, as `agenda --json` prints it.
    const nlohmann::json agenda_data(panel::to_json(agenda));
    templating::ZipWriter zip;
    zip.encrypt_entries(options.password);
    {
      ProgressStage progress(progress_of(options), "packing", plan.entries.size());
      for (const panel::PackEntry& entry : plan.entries) {
        std::string bytes = document_bytes(workspace, context, entry, agenda_data, renderers);
        result.documents.push_back(
            {entry.file_name, bytes.size(), text::sha256_hex(bytes), &entry});
        staged.write(entry.file_name, bytes);
        zip.add(entry.file_name, std::move(bytes), zip_compression(entry.file_name));
        progress.advance();
      }
    }
    if (options.pdf) {
      result.pdf_name = plan.name + ".pdf";
      result.pdf_pages = write_pdf(
          staged, result, *result.pdf_name,
          context.panel->name + " " + context.sitting.date.iso() + " (OFFICIAL-SENSITIVE)", options,
          workspace.machine());
    }
    const bool encrypted = !options.password.empty();
    const PackBuildOptions built{encrypted, options.pdf, options.pdf && encrypted,
                                 options.from_office};
    const std::string manifest =
        pack_manifest_json(context, plan, result, built, inputs, now).dump(2) + "\n";
    staged.write("manifest.json", manifest);
    zip.add("manifest.json", manifest);
    staged.write(result.zip_name, zip.finish());
    staged.publish();
  } catch (const std::system_error& failure) {
    throw OfficeError(OfficeError::Code::machine_failure, failure.what());
  } catch (const templating::PackageError& failure) {
    throw OfficeError(OfficeError::Code::machine_failure, failure.what());
  }
  return result;
}

}  // namespace panelpack::office
