from django.urls import URLPattern, path

from buurtteam.referrals.views import case, partners, referral, waitlist

app_name = "referrals"

CASE = "casussen/<int:case_id>/"
REFERRAL = f"{CASE}verwijzingen/<int:referral_id>/"
PLAN = f"{REFERRAL}overbrugging/<int:plan_id>/"
ADMIN = "beheer/netwerkpartners/"
CONTACT = f"{ADMIN}<int:partner_id>/contactpersonen/"

urlpatterns: list[URLPattern] = [
    # The administrator's screens.
    path(ADMIN, partners.partner_admin_list, name="partner_admin_list"),
    path(f"{ADMIN}nieuw/", partners.partner_admin_create, name="partner_admin_create"),
    path(f"{ADMIN}<int:partner_id>/", partners.partner_admin_edit, name="partner_admin_edit"),
    path(f"{CONTACT}nieuw/", partners.contact_admin_create, name="contact_admin_create"),
    path(f"{CONTACT}<int:contact_id>/", partners.contact_admin_edit, name="contact_admin_edit"),
    path(
        f"{CONTACT}<int:contact_id>/verwijderen/", partners.contact_admin_delete, name="contact_admin_delete"
    ),
    # The directory for every staff member.
    path("netwerkpartners/", partners.partner_directory, name="partner_directory"),
    path("netwerkpartners/<int:partner_id>/", partners.partner_directory_detail, name="partner_detail"),
    # On a case.
    path(f"{CASE}verwijzingen/nieuw/", case.referral_create, name="referral_create"),
    path(f"{CASE}afspraken/nieuw/", case.agreement_create, name="agreement_create"),
    path(f"{CASE}afspraken/<int:agreement_id>/", case.agreement_edit, name="agreement_edit"),
    path(f"{CASE}afspraken/<int:agreement_id>/beeindigen/", case.agreement_end, name="agreement_end"),
    # A referral and its steps.
    path(REFERRAL, referral.referral_detail, name="referral_detail"),
    path(f"{REFERRAL}toestemming/", referral.consent_record, name="consent_record"),
    path(
        f"{REFERRAL}toestemming/<int:consent_id>/intrekken/",
        referral.consent_withdraw,
        name="consent_withdraw",
    ),
    path(f"{REFERRAL}versturen/", referral.referral_send, name="referral_send"),
    path(f"{REFERRAL}accepteren/", referral.referral_accept, name="referral_accept"),
    path(f"{REFERRAL}afwijzen/", referral.referral_reject, name="referral_reject"),
    path(f"{REFERRAL}wachtlijst/", referral.referral_wait, name="referral_wait"),
    path(f"{REFERRAL}starten/", referral.referral_start, name="referral_start"),
    path(f"{REFERRAL}afronden/", referral.referral_finish, name="referral_finish"),
    path(f"{REFERRAL}annuleren/", referral.referral_cancel, name="referral_cancel"),
    path(f"{REFERRAL}terugkoppeling/", referral.referral_feedback, name="referral_feedback"),
    path(PLAN, referral.bridging_update, name="bridging_update"),
    path(f"{PLAN}contacten/", referral.check_in_record, name="check_in_record"),
    # The team's waitlist.
    path("teams/<int:team_id>/wachtlijst/", waitlist.waitlist, name="waitlist"),
]
