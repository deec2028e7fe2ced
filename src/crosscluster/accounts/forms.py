from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from crosscluster.directory.models import Cluster, Organisation

from . import services
from .models import Invitation, User, audit_action_label

# How many organisations fit in a drop-down; beyond that the inviter types the organisation's short name.
MAX_SELECT_CHOICES = 200
NEW_ORGANISATION = "new_organisation"


class EmailAuthenticationForm(AuthenticationForm):
    """Log in by e-mail address in any case. The field keeps Django's name "username", which axes watches."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        widget = self.fields["username"].widget
        widget.input_type = "email"
        widget.attrs.update({"autocomplete": "email"})

    def clean_username(self):
        # Lower case, so that lockouts count per address whatever its spelling.
        return self.cleaned_data["username"].strip().lower()

    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct e-mail address and password. Note that the password is case-sensitive."
        ),
    }


class LocalisedPasswordResetForm(PasswordResetForm):
    """Send the reset e-mail in the recipient's language, with an HTML alternative."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        with translation.override(context["user"].language):
            super().send_mail(subject_template_name, email_template_name, context, from_email, to_email, **kwargs)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person to invite"))
    role = forms.ChoiceField(label=_("Role"))
    cluster = forms.ModelChoiceField(
        Cluster.objects.none(),
        label=_("Cluster"),
        required=False,
        to_field_name="slug",
        help_text=_("For a cluster manager, or for a new organisation joining the cluster."),
    )
    organisation = forms.ModelChoiceField(
        Organisation.objects.none(),
        label=_("Organisation"),
        required=False,
        to_field_name="slug",
        help_text=_("For a representative of an organisation already in the directory."),
    )
    language = forms.ChoiceField(label=_("Language of the invitation"), choices=settings.LANGUAGES)
    message = forms.CharField(
        label=_("Personal message (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        roles = services.invitable_roles(user)
        choices = [(r, Invitation.Role(r).label) for r in roles]
        if Invitation.Role.REPRESENTATIVE in roles and (user.is_coordinator or user.managed_clusters.exists()):
            choices.append((NEW_ORGANISATION, _("Representative of a new organisation joining a cluster")))
        self.fields["role"].choices = choices
        self.fields["language"].initial = translation.get_language() or settings.LANGUAGE_CODE
        coordinator = user.is_coordinator or user.is_superuser
        self.fields["cluster"].queryset = Cluster.objects.all() if coordinator else user.managed_clusters.all()
        organisations = Organisation.objects.managed_by(user)
        self.fields["organisation"].queryset = organisations
        if organisations.count() > MAX_SELECT_CHOICES:
            self.fields["organisation"].widget = forms.TextInput()
            self.fields["organisation"].help_text = _(
                "The organisation's short name as in its address, e.g. elbe-drohnen for /organisations/elbe-drohnen/."
            )

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if not role or self.errors:
            return data
        cluster, organisation = data.get("cluster"), data.get("organisation")
        if role == NEW_ORGANISATION:
            if cluster is None:
                self.add_error("cluster", _("Choose the cluster the new organisation will join."))
            data["role"], data["organisation"] = Invitation.Role.REPRESENTATIVE, None
        elif role == Invitation.Role.CLUSTER_MANAGER:
            if cluster is None:
                self.add_error("cluster", _("Choose the cluster the new cluster manager will manage."))
            data["organisation"] = None
        elif role == Invitation.Role.REPRESENTATIVE:
            if organisation is None:
                self.add_error("organisation", _("Choose the organisation the new representative will represent."))
            data["cluster"] = None
        else:
            data["cluster"] = data["organisation"] = None
        return data


class OrganisationFieldsMixin(forms.Form):
    """Asked only when an invitation brings a new organisation into a cluster."""

    def add_organisation_fields(self):
        self.fields["organisation_name"] = forms.CharField(label=_("Name of your organisation"), max_length=200)
        self.fields["legal_form"] = forms.ChoiceField(
            label=_("Legal form"), required=False, choices=[("", "—"), *Organisation.LegalForm.choices]
        )
        self.fields["website"] = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    def organisation_data(self):
        if "organisation_name" not in self.fields:
            return None
        return {
            "name": self.cleaned_data["organisation_name"].strip(),
            "legal_form": self.cleaned_data.get("legal_form", ""),
            "website": self.cleaned_data.get("website", ""),
        }


class AcceptInvitationSignupForm(OrganisationFieldsMixin):
    email = forms.EmailField(label=_("E-mail address"), disabled=True, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    consent = forms.BooleanField(
        label=_("I agree to the terms of use and to the processing of my data as described in the privacy policy."),
        error_messages={"required": _("Please agree to the terms of use to create your account.")},
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.fields["email"].initial = invitation.email
        if invitation.is_new_organisation:
            self.add_organisation_fields()

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", _("The two passwords do not match."))
        elif p1:
            probe = User(
                email=self.invitation.email, first_name=data.get("first_name", ""), last_name=data.get("last_name", "")
            )
            try:
                password_validation.validate_password(p1, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AcceptInvitationForm(OrganisationFieldsMixin):
    """A logged-in invitee confirms; for a new organisation they also name it."""

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        if invitation.is_new_organisation:
            self.add_organisation_fields()


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "language"]
        labels = {"language": _("Preferred language")}
        help_texts = {"language": _("Used for the pages you see and the e-mails we send you.")}


class AuditLogFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), required=False)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [("", _("All actions")), *[(a, audit_action_label(a)) for a in actions]]
