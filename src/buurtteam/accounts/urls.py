from django.urls import path

from buurtteam.accounts import admin_views, views

app_name = "accounts"

urlpatterns = [
    path("inloggen/", views.login_view, name="login"),
    path("uitloggen/", views.logout_view, name="logout"),
    path("inloggen/code/", views.otp_verify_view, name="otp_verify"),
    path("account/tweestapsverificatie/", views.otp_setup_view, name="otp_setup"),
    path("account/", views.profile_view, name="profile"),
    path("account/wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("wachtwoord-vergeten/verstuurd/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-instellen/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("medewerkers/<int:staff_id>/", views.staff_detail_view, name="staff_detail"),
    # Staff administration by the functional administrator (see admin_views.py).
    path("beheer/medewerkers/", admin_views.staff_admin_list, name="staff_admin_list"),
    path("beheer/medewerkers/nieuw/", admin_views.staff_admin_create, name="staff_admin_create"),
    path("beheer/medewerkers/<int:staff_id>/", admin_views.staff_admin_edit, name="staff_admin_edit"),
    path(
        "beheer/medewerkers/<int:staff_id>/tweestapsverificatie-resetten/",
        admin_views.staff_admin_reset_2fa,
        name="staff_admin_reset_2fa",
    ),
    path(
        "beheer/medewerkers/<int:staff_id>/wachtwoordlink/",
        admin_views.staff_admin_send_link,
        name="staff_admin_send_link",
    ),
]
