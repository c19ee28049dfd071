#pragma once
// The Settings pages (administrators only): office.json's panels, members, deadline rules, mail
// settings and templates, each changed by a form (office/settings/office_settings.hpp), and the
// console's user accounts (office/console/accounts.hpp). Every change is audited with its old
// and new values.

#include "console/server/console_site.hpp"
#include "console/server/request_context.hpp"

namespace panelpack::console {

// settings_pages.cpp: the summary, a panel, its members.
Reply settings_page(ConsoleSite& site, RequestContext& request);
Reply settings_panel_form(ConsoleSite& site, RequestContext& request);
Reply settings_panel_submit(ConsoleSite& site, RequestContext& request);
Reply settings_member_new_form(ConsoleSite& site, RequestContext& request);
Reply settings_member_add(ConsoleSite& site, RequestContext& request);
Reply settings_member_form(ConsoleSite& site, RequestContext& request);
Reply settings_member_submit(ConsoleSite& site, RequestContext& request);
Reply settings_member_remove(ConsoleSite& site, RequestContext& request);

// settings_mail_pages.cpp: mail settings and templates.
Reply settings_mail_form(ConsoleSite& site, RequestContext& request);
Reply settings_mail_submit(ConsoleSite& site, RequestContext& request);
Reply settings_templates_form(ConsoleSite& site, RequestContext& request);
Reply settings_templates_submit(ConsoleSite& site, RequestContext& request);

// settings_user_pages.cpp: the console's accounts.
Reply settings_users_page(ConsoleSite& site, RequestContext& request);
Reply settings_user_add(ConsoleSite& site, RequestContext& request);
Reply settings_user_page(ConsoleSite& site, RequestContext& request);
Reply settings_user_submit(ConsoleSite& site, RequestContext& request);
Reply settings_user_disable(ConsoleSite& site, RequestContext& request);
Reply settings_user_enable(ConsoleSite& site, RequestContext& request);
Reply settings_user_reset(ConsoleSite& site, RequestContext& request);

}  // namespace panelpack::console
