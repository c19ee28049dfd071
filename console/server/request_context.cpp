#include "console/server/request_context.hpp"

namespace panelpack::console {

const std::string& RequestContext::parameter(const std::string& name) const {
  static const std::string none;
  const auto found = parameters.find(name);
  return found == parameters.end() ? none : found->second;
}

Reply send_file(Download download) {
  Reply reply;
  reply.download = std::move(download);
  return reply;
}

Reply redirect_to(std::string location) {
  Reply reply;
  reply.status = Poco::Net::HTTPResponse::HTTP_SEE_OTHER;
  reply.location = std::move(location);
  return reply;
}

Reply show(std::string page, std::string title, nlohmann::json data,
           Poco::Net::HTTPResponse::HTTPStatus status) {
  Reply reply;
  reply.status = status;
  reply.page = std::move(page);
  reply.title = std::move(title);
  reply.data = std::move(data);
  return reply;
}

void add_error(nlohmann::json& data, const std::string& key, const std::string& field_id,
               const std::string& message) {
  data["has_errors"] = true;
  data["errors"].push_back({{"text", message}, {"href", "#" + field_id}});
  data[key + "_error"] = message;
}

}  // namespace panelpack::console
