from django.urls import path, re_path

from .views import esco, exchange, jobs, profiles

app_name = "talent"
urlpatterns = [
    path("", jobs.job_list, name="jobs"),
    path("jobs/new/", jobs.job_create, name="job_create"),
    path("jobs/mine/", jobs.my_jobs, name="my_jobs"),
    path("jobs/<int:pk>/", jobs.job_detail, name="job_detail"),
    path("jobs/<int:pk>/edit/", jobs.job_edit, name="job_edit"),
    path("jobs/<int:pk>/status/", jobs.job_status, name="job_status"),
    path("jobs/<int:pk>/apply/", jobs.job_apply, name="job_apply"),
    path("jobs/<int:pk>/applications/", jobs.job_applications, name="job_applications"),
    path("applications/", jobs.my_applications, name="my_applications"),
    path("applications/<int:pk>/", jobs.application_detail, name="application_detail"),
    path("applications/<int:pk>/status/", jobs.application_status, name="application_status"),
    path("applications/<int:pk>/note/", jobs.application_note, name="application_note"),
    path("applications/<int:pk>/withdraw/", jobs.application_withdraw, name="application_withdraw"),
    path("profile/", profiles.my_profile, name="my_profile"),
    path("profile/edit/", profiles.profile_edit, name="profile_edit"),
    path("profile/consent/", profiles.profile_consent, name="profile_consent"),
    path("profile/export.json", profiles.profile_export_json, name="profile_export_json"),
    path("profile/export.csv", profiles.profile_export_csv, name="profile_export_csv"),
    path("profile/delete/", profiles.profile_delete, name="profile_delete"),
    path("candidates/<int:pk>/", profiles.candidate_detail, name="candidate"),
    path("exchange/", exchange.staff_list, name="staff_list"),
    path("exchange/new/", exchange.staff_create, name="staff_create"),
    path("exchange/dashboard/", exchange.exchange_dashboard, name="exchange_dashboard"),
    path("exchange/<int:pk>/", exchange.staff_detail, name="staff_detail"),
    path("exchange/<int:pk>/edit/", exchange.staff_edit, name="staff_edit"),
    path("exchange/<int:pk>/status/", exchange.staff_status, name="staff_status"),
    path("exchange/<int:pk>/propose/", exchange.staff_propose, name="staff_propose"),
    path("agreements/", exchange.agreement_list, name="agreements"),
    path("agreements/<int:pk>/", exchange.agreement_detail, name="agreement_detail"),
    path("agreements/<int:pk>/checklist/", exchange.agreement_checklist, name="agreement_checklist"),
    re_path(
        r"^agreements/(?P<pk>[0-9]+)/(?P<action>accept|activate|complete|cancel)/$",
        exchange.agreement_action,
        name="agreement_action",
    ),
    path("esco/autocomplete/", esco.esco_autocomplete, name="esco_autocomplete"),
]
