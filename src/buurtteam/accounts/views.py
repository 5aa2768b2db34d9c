"""Log-in, second factor, log-out, password reset and own profile."""

from __future__ import annotations

import base64
from typing import Any

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from buurtteam.accounts import forms, selectors, services, throttle
from buurtteam.accounts.models import User
from buurtteam.audit import context
from buurtteam.core.gate import system_access


def _safe_next(request: HttpRequest, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default


def _actor(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


@login_not_required
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = forms.LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if throttle.is_locked_out(username=username, ip_address=context.current().ip_address):
            services.record_failed_login(username=username, throttled=True)
            form.add_error(
                None,
                _(
                    "Te veel mislukte inlogpogingen. Uw account is tijdelijk geblokkeerd; "
                    "probeer het over %(minutes)d minuten opnieuw of vraag uw functioneel beheerder om hulp."
                )
                % {"minutes": settings.LOGIN_LOCKOUT_MINUTES},
            )
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if isinstance(user, User) and (user.organisation_id is not None or user.is_staff):
                services.login_user(request=request, user=user)
                return HttpResponseRedirect(_safe_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
            services.record_failed_login(username=username, throttled=False)
            form.add_error(None, _("De combinatie van gebruikersnaam en wachtwoord is niet juist."))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _safe_next(request, ""), "demo_mode": settings.DEMO_MODE},
        status=200 if not form.errors else 400,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    services.logout_user(request=request)
    messages.success(request, _("U bent uitgelogd."))
    return redirect(settings.LOGOUT_REDIRECT_URL)


@never_cache
@require_http_methods(["GET", "POST"])
def otp_verify_view(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    if actor.is_verified():  # type: ignore[attr-defined]
        return redirect(_safe_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if throttle.is_locked_out(username=actor.username, ip_address=context.current().ip_address):
            services.logout_user(request=request, reason="two-factor throttled")
            messages.error(request, _("Te veel onjuiste codes. Log over enkele minuten opnieuw in."))
            return redirect(settings.LOGIN_URL)
        if services.otp_verify(request=request, actor=actor, token=form.cleaned_data["token"]):
            return redirect(_safe_next(request, reverse(settings.LOGIN_REDIRECT_URL)))
        form.add_error("token", _("Deze code is niet juist of verlopen. Probeer de volgende code."))
    return render(request, "accounts/otp_verify.html", {"form": form, "next": _safe_next(request, "")})


def _qr_svg(url: str) -> str:
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return bytes(image.to_string(encoding="unicode").encode()).decode()


@never_cache
@require_http_methods(["GET", "POST"])
def otp_setup_view(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.otp_confirm_setup(request=request, actor=actor, token=form.cleaned_data["token"]):
            messages.success(
                request, _("Tweestapsverificatie staat aan. Bij de volgende log-in vragen we uw code.")
            )
            return redirect("accounts:profile")
        form.add_error(
            "token", _("Deze code klopt niet. Controleer de tijd op uw telefoon en probeer opnieuw.")
        )
    device = services.otp_start_setup(actor=actor) if request.method == "GET" else None
    if device is None:
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user_id=actor.pk, confirmed=False).first()
        if device is None:
            device = services.otp_start_setup(actor=actor)
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/otp_setup.html",
        {
            "form": form,
            "qr_svg": _qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "required": settings.REQUIRE_2FA,
        },
    )


@never_cache
def profile_view(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    staff = selectors.staff_get(actor=actor, staff_id=actor.pk)
    return render(
        request,
        "accounts/profile.html",
        {"staff": staff, "has_2fa": services.has_confirmed_device(actor), "own_profile": True},
    )


@never_cache
def staff_detail_view(request: HttpRequest, staff_id: int) -> HttpResponse:
    staff = selectors.staff_get(actor=_actor(request), staff_id=staff_id)
    return render(request, "accounts/staff_detail.html", {"staff": staff})


class PasswordResetView(auth_views.PasswordResetView):
    form_class = forms.PasswordResetForm
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    form_class = forms.SetPasswordForm
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")

    def get_user(self, uidb64: str) -> Any:
        with system_access("password reset link"):
            return super().get_user(uidb64)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed(actor=None, staff=form.user)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = forms.PasswordChangeForm
    template_name = "accounts/password_change.html"
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.password_changed(actor=_actor(self.request), staff=form.user)
        messages.success(self.request, _("Uw wachtwoord is gewijzigd."))
        return response
