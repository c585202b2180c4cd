"""All routes: each app mounts its own pages; the admin and the login live here."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path, reverse_lazy
from django.utils.functional import lazy

from leerlus.api import main as api
from leerlus.core import oidc
from leerlus.patterns.urls import incident_urlpatterns

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("api/v1/", api.urls()),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(
            template_name="web/login.html",
            extra_context={
                "local_login": settings.LOCAL_LOGIN,
                "provider_label": lazy(oidc.provider_label, str)() if settings.OIDC_ISSUER else "",
            },
        ),
        name="login",
    ),
    path("uitloggen/", (oidc.SignOutView if settings.OIDC_ISSUER else auth_views.LogoutView).as_view(), name="logout"),
    path(
        "wachtwoord-instellen/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="web/set_password.html", success_url=reverse_lazy("login"), post_reset_login=False
        ),
        name="set-password",
    ),
    path("signalen/importeren/", include("leerlus.intake.urls")),
    path("signalen/", include("leerlus.core.urls")),
    path("patronen/", include("leerlus.patterns.urls")),
    path("incidenten/", include(incident_urlpatterns)),
    path("systeem/", include("leerlus.systemview.urls")),
    path("proeftuin/", include("leerlus.playground.urls")),
    path("ritme/", include("leerlus.rhythm.urls")),
    path("taken/", include("leerlus.jobs.urls")),
    path("auditlog/", include("leerlus.audit.urls")),
    path("uitwisseling/", include("leerlus.exchange.urls")),
    path("widget/v1/", include("leerlus.intake.widget_urls")),
    path("", include("leerlus.web.urls")),
]
if settings.OIDC_ISSUER:  # sign-in through the organisation's identity provider; the redirect URI is /oidc/callback/
    urlpatterns += [
        path("oidc/authenticate/", oidc.SignInView.as_view(), name="oidc_authentication_init"),
        path("oidc/callback/", oidc.CallbackView.as_view(), name="oidc_authentication_callback"),
    ]

handler400 = "leerlus.web.error_pages.bad_request"
handler403 = "leerlus.web.error_pages.forbidden"
handler404 = "leerlus.web.error_pages.not_found"
handler500 = "leerlus.web.error_pages.server_error"
