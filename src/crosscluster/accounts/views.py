from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.messages.views import SuccessMessageMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import services
from .forms import (
    AcceptInvitationForm,
    AcceptInvitationSignupForm,
    AuditLogFilterForm,
    EmailAuthenticationForm,
    InvitationForm,
    LocalisedPasswordResetForm,
    ProfileForm,
)
from .models import AuditLogEntry, Invitation, User

AUDIT_LOG_PAGE_SIZE = 50


def _posted(request):
    """The submitted data, or None for a GET, so that an empty POST still counts as a submission."""
    return request.POST if request.method == "POST" else None


def _remember_language(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
    )
    return response


class LoginView(auth_views.LoginView):
    form_class = EmailAuthenticationForm
    template_name = "accounts/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        translation.activate(self.request.user.language)
        messages.success(self.request, _("You are logged in."))
        return _remember_language(response, self.request.user.language)


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You have been logged out."))
        return response


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:dashboard")
    success_message = gettext_lazy("Your password has been changed.")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = LocalisedPasswordResetForm
    subject_template_name = "accounts/email/password_reset_subject.txt"
    email_template_name = "accounts/email/password_reset.txt"
    html_email_template_name = "accounts/email/password_reset.html"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")


def _dashboard_context(request, invitation_form=None):
    user = request.user
    context = {
        "is_coordinator": user.is_coordinator or user.is_superuser,
        "managed_clusters": user.managed_clusters.all(),
        "organisations": user.represented_organisations.all(),
        "invitations": Invitation.objects.filter(invited_by=user).select_related("cluster", "organisation")[:100],
    }
    if user.has_perm("accounts.send_invitations"):
        context["invitation_form"] = invitation_form or InvitationForm(user=user)
    return context


@login_required
def dashboard(request):
    return render(request, "accounts/dashboard.html", _dashboard_context(request))


@login_required
@require_POST
def invitation_create(request):
    if not request.user.has_perm("accounts.send_invitations"):
        raise PermissionDenied
    form = InvitationForm(request.POST, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invite(
                acting_user=request.user,
                email=data["email"],
                role=data["role"],
                cluster=data["cluster"],
                organisation=data["organisation"],
                language=data["language"],
                message=data["message"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied:
            form.add_error(None, _("You may not invite someone to this role for this cluster or organisation."))
        else:
            messages.success(request, _("The invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:dashboard")
    return render(request, "accounts/dashboard.html", _dashboard_context(request, form), status=400)


def _add_errors(form, error: ValidationError):
    """Attach a service's ValidationError to the form's fields where they exist, else to the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
@require_POST
def invitation_revoke(request, pk):
    invitation = get_object_or_404(Invitation, pk=pk)
    if not request.user.has_perm("accounts.revoke_invitation", invitation):
        raise Http404
    try:
        services.revoke_invitation(invitation, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email})
    return redirect("accounts:dashboard")


def invitation_accept(request, token):
    invitation = Invitation.objects.select_related("cluster", "organisation", "invited_by").filter(token=token).first()
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if not invitation.is_usable:
        return render(
            request,
            "accounts/invitation_invalid.html",
            {"reason": invitation.status, "invitation": invitation},
            status=410,
        )
    context = {"invitation": invitation}
    user = request.user
    if user.is_authenticated:
        if user.email.lower() != invitation.email.lower():
            return render(request, "accounts/invitation_other_user.html", context, status=403)
        form = AcceptInvitationForm(_posted(request), invitation=invitation)
        if request.method == "POST" and form.is_valid():
            try:
                services.accept_invitation(invitation, acting_user=user, organisation_data=form.organisation_data())
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(
                    request, _("Invitation accepted: you are now %(role)s.") % {"role": invitation.get_role_display()}
                )
                return redirect("accounts:dashboard")
        context["form"] = form
        return render(request, "accounts/invitation_accept.html", context, status=400 if form.errors else 200)

    if User.objects.filter(email__iexact=invitation.email).exists():
        context["login_url"] = f"{reverse('accounts:login')}?next={request.path}"
        return render(request, "accounts/invitation_login_first.html", context)
    form = AcceptInvitationSignupForm(_posted(request), invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            new_user = services.accept_invitation_with_new_account(
                invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
                organisation_data=form.organisation_data(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            login(request, new_user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Your account has been created."))
            return _remember_language(redirect("accounts:dashboard"), new_user.language)
    context["form"] = form
    return render(request, "accounts/invitation_signup.html", context, status=400 if form.errors else 200)


@login_required
def profile(request):
    form = ProfileForm(_posted(request), instance=request.user)
    if request.method == "POST":
        if form.is_valid():
            user = services.update_profile(
                request.user,
                acting_user=request.user,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                language=form.cleaned_data["language"],
            )
            translation.activate(user.language)
            messages.success(request, _("Your profile has been saved."))
            return _remember_language(redirect("accounts:profile"), user.language)
        request.user.refresh_from_db()
    return render(request, "accounts/profile.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def audit_log(request):
    if not request.user.has_perm("accounts.view_auditlog"):
        raise PermissionDenied
    actions = AuditLogEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    form = AuditLogFilterForm(request.GET or None, actions=list(actions))
    entries = AuditLogEntry.objects.select_related("actor")
    if form.is_valid() and form.cleaned_data["action"]:
        entries = entries.filter(action=form.cleaned_data["action"])
    page = Paginator(entries, AUDIT_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "accounts/audit_log.html", {"form": form, "page": page, "query": query.urlencode()})
