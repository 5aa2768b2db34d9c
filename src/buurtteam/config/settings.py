"""Django settings for buurtteam. Every tunable value comes from the environment (see config/env.py)."""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from buurtteam.config.env import env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent.parent  # src/buurtteam
BASE_DIR = SRC_DIR.parent.parent  # repository root

DEBUG = env_bool("BUURTTEAM_DEBUG", False, help="Django debug mode. Never true in production.")
SECRET_KEY = env_str(
    "BUURTTEAM_SECRET_KEY",
    "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz",
    help="Secret key for signing sessions and tokens. Must be set to a long random value in production.",
)
ALLOWED_HOSTS = env_list(
    "BUURTTEAM_ALLOWED_HOSTS", ["127.0.0.1", "localhost"], help="Comma-separated host names the app serves."
)
CSRF_TRUSTED_ORIGINS = env_list(
    "BUURTTEAM_CSRF_TRUSTED_ORIGINS",
    [],
    help="Comma-separated origins (https://host) trusted for form posts.",
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_htmx",
    "template_partials",
    "buurtteam.core",
    "buurtteam.audit",
    "buurtteam.organisation",
    "buurtteam.accounts",
    "buurtteam.residents",
    "buurtteam.socialmap",
    "buurtteam.cases",
    "buurtteam.referrals",
    "buurtteam.safety",
    "buurtteam.volunteers",
    "buurtteam.community",
    "buurtteam.workspace",
    "buurtteam.api",
    "buurtteam.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "buurtteam.core.middleware.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "buurtteam.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "buurtteam.audit.context.AuditContextMiddleware",
    "buurtteam.accounts.middleware.IdleTimeoutMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "buurtteam.accounts.middleware.TwoFactorMiddleware",
    "buurtteam.core.middleware.RefuseNulCharactersMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "buurtteam.config.urls"
WSGI_APPLICATION = "buurtteam.config.wsgi.application"
ASGI_APPLICATION = "buurtteam.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "buurtteam.workspace.context_processors.shell",
            ],
        },
    }
]

# Django's form renderer, with selects rendered in Python (same HTML; see core/forms.py).
FORM_RENDERER = "buurtteam.core.forms.QuickWidgetRenderer"

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str(
            "DATABASE_URL",
            f"sqlite:///{BASE_DIR / 'var' / 'buurtteam.sqlite3'}",
            help="Database URL. Default: a SQLite file in var/. Production: postgres://user:pass@host:5432/name.",
        ),
        conn_max_age=env_int(
            "BUURTTEAM_DB_CONN_MAX_AGE", 60, help="Seconds a database connection is reused (0 = per request)."
        ),
    )
}
_db_jit = env_bool(
    "BUURTTEAM_DB_JIT", False, help="PostgreSQL: allow the JIT compiler (off: faster for short queries)."
)
_db_prepare = env_int(
    "BUURTTEAM_DB_PREPARE_THRESHOLD",
    5,
    help="PostgreSQL: prepare a statement on the server once it has run this many times on a connection "
    "(0 = never; 0 behind a connection pooler in transaction mode that does not keep prepared statements).",
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _pg_options: dict[str, object] = {}
    if not _db_jit:
        # Short OLTP queries: PostgreSQL's JIT compiler costs more (seconds on large tables) than it saves.
        _pg_options["options"] = "-c jit=off"
    if _db_prepare > 0:
        # Values bound on the server, and a statement prepared after it ran this often on a connection:
        # the case page's reads are then no longer parsed and planned on every request (core/plans.py).
        _pg_options["server_side_binding"] = True
        _pg_options["prepare_threshold"] = _db_prepare
    DATABASES["default"]["OPTIONS"] = _pg_options
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
_redis_url = env_str(
    "REDIS_URL",
    "",
    help="Redis URL for the cache (redis://127.0.0.1:6379/0). Empty: in-process memory cache.",
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
        if _redis_url
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# --- Authentication and sessions -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["buurtteam.accounts.backends.StaffBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "workspace:home"
LOGOUT_REDIRECT_URL = "accounts:login"

IDLE_TIMEOUT_MINUTES = env_int(
    "BUURTTEAM_IDLE_TIMEOUT_MINUTES", 30, help="Minutes without activity after which a session is logged out."
)
SESSION_COOKIE_AGE = IDLE_TIMEOUT_MINUTES * 60
# The idle-timeout middleware touches the session at most every LAST_SEEN_GRANULARITY seconds, which also
# renews its expiry; not every request writes the session.
SESSION_SAVE_EVERY_REQUEST = False
# With Redis (shared by all workers) sessions are read from the cache and written through to the database.
# Without it, the in-process cache would let one worker miss another's log-out: then the database only.
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cached_db" if _redis_url else "django.contrib.sessions.backends.db"
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

LOGIN_FAILURE_LIMIT = env_int(
    "BUURTTEAM_LOGIN_FAILURE_LIMIT",
    5,
    help="Failed log-ins per account (or per IP address x4) before a lock-out.",
)
LOGIN_LOCKOUT_MINUTES = env_int(
    "BUURTTEAM_LOGIN_LOCKOUT_MINUTES",
    15,
    help="Window and lock-out duration, in minutes, for failed log-ins.",
)
REQUIRE_2FA = env_bool(
    "BUURTTEAM_REQUIRE_2FA",
    not DEBUG,
    help="Enforce TOTP two-factor authentication for all staff (production: true).",
)
OTP_TOTP_ISSUER = env_str(
    "BUURTTEAM_OTP_ISSUER", "buurtteam", help="Issuer name shown in authenticator apps."
)
PASSWORD_RESET_TIMEOUT = 60 * 60  # one hour is plenty for a reset link to sensitive data

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = env_str(
    "BUURTTEAM_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend",
    help="E-mail backend. Production: django.core.mail.backends.smtp.EmailBackend.",
)
EMAIL_HOST = env_str("BUURTTEAM_EMAIL_HOST", "localhost", help="SMTP host for outgoing mail.")
EMAIL_PORT = env_int("BUURTTEAM_EMAIL_PORT", 587, help="SMTP port.")
EMAIL_HOST_USER = env_str("BUURTTEAM_EMAIL_HOST_USER", "", help="SMTP user name.")
EMAIL_HOST_PASSWORD = env_str("BUURTTEAM_EMAIL_HOST_PASSWORD", "", help="SMTP password.")
EMAIL_USE_TLS = env_bool("BUURTTEAM_EMAIL_USE_TLS", True, help="Use STARTTLS for SMTP.")
DEFAULT_FROM_EMAIL = env_str(
    "BUURTTEAM_DEFAULT_FROM_EMAIL", "buurtteam <noreply@buurtteam.invalid>", help="Sender of outgoing mail."
)

# --- Security headers -----------------------------------------------------------------------
SECURE_HTTPS = env_bool(
    "BUURTTEAM_SECURE_HTTPS",
    not DEBUG,
    help="Serve over HTTPS only: secure cookies, HSTS, redirect to https.",
)
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
_ssl_redirect = env_bool(
    "BUURTTEAM_SSL_REDIRECT", True, help="Redirect http to https in the app (off when a proxy already does)."
)
SECURE_SSL_REDIRECT = SECURE_HTTPS and _ssl_redirect
SECURE_HSTS_SECONDS = 31_536_000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https")
    if env_bool("BUURTTEAM_BEHIND_PROXY", False, help="Trust X-Forwarded-Proto/For from a reverse proxy.")
    else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_COOKIE_HTTPONLY = True

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Internationalisation ------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [SRC_DIR / "static"]
STATIC_ROOT = Path(
    env_str("BUURTTEAM_STATIC_ROOT", str(BASE_DIR / "var" / "static"), help="Where collectstatic puts files.")
)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Logging: no personal data in application logs; the audit trail is the place for who-did-what.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_str("BUURTTEAM_LOG_LEVEL", "INFO", help="Log level for application logs."),
    },
}

# --- Product settings -----------------------------------------------------------------------
DEMO_MODE = env_bool(
    "BUURTTEAM_DEMO_MODE", False, help="Show the demo log-ins on the login page. Never in production."
)
CSRF_FAILURE_VIEW = "buurtteam.core.views.csrf_failure"
