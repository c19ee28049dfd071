#include "console/server/pack_jobs.hpp"

#include <exception>
#include <utility>
#include <vector>

namespace panelpack::console {

struct PackJobs::Job {
  office::RecordedProgress progress;
  std::string started_by;
  mutable std::mutex mutex;
  PackJobState state = PackJobState::running;
  std::string message;
  std::thread thread;
};

PackJobs::~PackJobs() {
  wait_all();
}

bool PackJobs::start(const std::string& key, const std::string& started_by, Work work) {
  std::shared_ptr<Job> previous;
  auto job = std::make_shared<Job>();
  job->started_by = started_by;
  {
    const std::scoped_lock lock(mutex_);
    if (const auto found = jobs_.find(key); found != jobs_.end()) {
      const std::scoped_lock job_lock(found->second->mutex);
      if (found->second->state == PackJobState::running) return false;
      previous = found->second;
    }
    jobs_[key] = job;
    job->thread = std::thread([job, work = std::move(work)] {
      PackJobEnd end;
      try {
        end = work(job->progress);
      } catch (const std::exception& error) {
        end = {PackJobState::failed, error.what()};
      }
      const std::scoped_lock job_lock(job->mutex);
      job->state = end.state;
      job->message = std::move(end.message);
    });
  }
  // The previous build of this sitting ended: its thread only has to be joined.
  if (previous && previous->thread.joinable()) previous->thread.join();
  return true;
}

std::optional<PackJobStatus> PackJobs::status(const std::string& key) const {
  std::shared_ptr<Job> job;
  {
    const std::scoped_lock lock(mutex_);
    const auto found = jobs_.find(key);
    if (found == jobs_.end()) return std::nullopt;
    job = found->second;
  }
  PackJobStatus status;
  status.progress = job->progress.snapshot();
  status.started_by = job->started_by;
  const std::scoped_lock job_lock(job->mutex);
  status.state = job->state;
  status.message = job->message;
  return status;
}

void PackJobs::wait_all() {
  std::vector<std::shared_ptr<Job>> jobs;
  {
    const std::scoped_lock lock(mutex_);
    for (const auto& [key, job] : jobs_) jobs.push_back(job);
  }
  for (const auto& job : jobs) {
    // Only this thread joins a job's thread here or in start(); start() joins only ended ones
    // it replaced, which are no longer in the map.
    if (job->thread.joinable()) job->thread.join();
  }
}

}  // namespace panelpack::console
