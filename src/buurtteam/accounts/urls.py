from django.urls import path

from buurtteam.accounts import views

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
        "wachtwoord-instellen/klaar/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"
    ),
    path("medewerkers/<int:staff_id>/", views.staff_detail_view, name="staff_detail"),
]
