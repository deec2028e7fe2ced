"""Forms of the marketplace web UI. They parse and validate input; the writes happen in the services."""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crosscluster.directory.forms import PlainLabelsMixin
from crosscluster.directory.models import Cluster, Organisation

from .models import Message, Post, SavedSearch

DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d.%m.%y"]


def add_service_error(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: at its field when the form has one, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields and field != NON_FIELD_ERRORS else None, ValidationError(errors))


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class PostForm(PlainLabelsMixin, forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        empty_label=None,
        error_messages={"invalid_choice": _("Choose an organisation you represent.")},
    )
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput(), input_formats=DATE_INPUT_FORMATS,
                                 required=False, help_text=_("Empty: today."))  # fmt: skip
    valid_to = forms.DateField(label=_("Valid to"), widget=DateInput(), input_formats=DATE_INPUT_FORMATS,
                               required=False, help_text=_("Empty: until you close the post. After this day the post "
                                                           "expires automatically."))  # fmt: skip
    radius_km = forms.IntegerField(
        label=_("Radius (km)"),
        min_value=0,
        max_value=Post.MAX_RADIUS_KM,
        initial=50,
        help_text=_("How far you deliver or travel (offers), or how far you look (requests)."),
    )
    visible_clusters = forms.ModelMultipleChoiceField(
        label=_("Chosen clusters"),
        queryset=Cluster.objects.order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only for posts visible to the members of chosen clusters."),
    )

    class Meta:
        model = Post
        fields = [
            "kind",
            "category",
            "title_de",
            "title_en",
            "description_de",
            "description_en",
            "quantity",
            "unit",
            "place",
            "radius_km",
            "valid_from",
            "valid_to",
            "visibility",
        ]
        labels = {
            "kind": _("Offer or request"),
            "category": _("Category"),
            "title_de": _("Title (German)"),
            "title_en": _("Title (English)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
            "quantity": _("Quantity"),
            "unit": _("Unit"),
            "place": _("Place"),
            "radius_km": _("Radius (km)"),
            "visibility": _("Visible to"),
        }
        help_texts = {
            "title_de": _("A title in at least one language."),
            "unit": _("For example: litres per week, pallets, hours, m²."),
            "place": _(
                "Empty: your organisation's address. Otherwise a Hamburg district or postcode, a German city, or "
                "coordinates such as “53.55, 9.99”."
            ),
            "radius_km": _("How far you deliver or travel (offers), or how far you look (requests)."),
        }
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
            "kind": forms.RadioSelect,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description_de"].max_length = self.fields["description_en"].max_length = 10_000
        self.fields["title_de"].required = False
        self.fields["quantity"].min_value = None
        if self.instance.pk:
            del self.fields["organisation"]
            self.initial.setdefault("visible_clusters", list(self.instance.visible_clusters.all()))
            return
        organisations = user.represented_organisations.order_by("name") if user else Organisation.objects.none()
        if user is not None and (user.is_coordinator or user.is_superuser):
            field = self.fields["organisation"]
            field.queryset = Organisation.objects.all()
            field.widget = forms.TextInput(attrs={"autocomplete": "off"})
            field.error_messages["invalid_choice"] = _("There is no organisation with this address in the directory.")
            field.help_text = _(
                "The organisation's address in the directory (the last part of its page address), e.g. “elbe-drohnen”."
            )
            first = organisations.first()
            if first is not None:
                self.initial.setdefault("organisation", first.slug)
        else:
            self.fields["organisation"].queryset = organisations

    def clean_valid_from(self):
        value = self.cleaned_data.get("valid_from")
        if value is None:
            return self.instance.valid_from if self.instance.pk else timezone.localdate()
        return value

    def clean_title_de(self):
        return (self.cleaned_data.get("title_de") or "").strip()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("title_de") and not (cleaned.get("title_en") or "").strip() and "title_de" in self.fields:
            self.add_error("title_de", _("Give the post a title (in German, English or both)."))
        start, end = cleaned.get("valid_from"), cleaned.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("“Valid to” must not be before “valid from”."))
        quantity = cleaned.get("quantity")
        if quantity is not None and quantity <= 0:
            self.add_error("quantity", _("The quantity must be greater than zero."))
        return cleaned

    def post_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactForm(PlainLabelsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Write for"),
        queryset=Organisation.objects.none(),
        to_field_name="slug",
        required=False,
        empty_label=_("Myself (no organisation)"),
        error_messages={"invalid_choice": _("Choose an organisation you represent.")},
    )
    body = forms.CharField(
        label=_("Your message"), max_length=Message.MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args, user, post, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = list(user.represented_organisations.exclude(pk=post.organisation_id).order_by("name"))
        field = self.fields["organisation"]
        field.queryset = user.represented_organisations.exclude(pk=post.organisation_id).order_by("name")
        self.organisations = organisations
        if organisations:  # a representative writes for an organisation, never privately
            field.empty_label = None
            self.initial.setdefault("organisation", organisations[0].slug)

    def clean_organisation(self):
        organisation = self.cleaned_data.get("organisation")
        if organisation is None and self.organisations:
            if len(self.organisations) > 1:
                raise ValidationError(_("Choose the organisation you write for."))
            organisation = self.organisations[0]
        return organisation


class ReplyForm(PlainLabelsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your reply"), max_length=Message.MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )


class SaveSearchForm(PlainLabelsMixin, forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False,
                           help_text=_("Empty: a name made from the filters."))  # fmt: skip
    alerts = forms.ChoiceField(label=_("E-mail alerts"), choices=SavedSearch.Alerts.choices,
                               initial=SavedSearch.Alerts.DAILY)  # fmt: skip


class AlertsForm(forms.Form):
    alerts = forms.ChoiceField(label=_("E-mail alerts"), choices=SavedSearch.Alerts.choices)
