"""Signing in, on a page of the site's own in each language (/en/sign-in/), which the
admin's sign-in sends to as well. django-axes throttles failed attempts here as
anywhere: its lock-out page is the site's, in the reader's language."""

from urllib.parse import urlencode

from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_safe


class SignInView(LoginView):
    template_name = "positions/web/sign_in.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The way back: where the reader came from, if it is on this site.
        back = self.get_redirect_url()
        context["back_url"] = back or reverse("positions:home")
        return context


sign_in = SignInView.as_view()


@require_safe
def admin_sign_in(request: HttpRequest) -> HttpResponseRedirect:
    """The admin signs in on the site's page, in the reader's language, keeping where
    they were going (the admin's index by default)."""
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    return HttpResponseRedirect(f"{reverse('positions:sign_in')}?{urlencode({'next': target})}")
