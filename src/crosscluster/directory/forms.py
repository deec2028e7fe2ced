"""Forms of the directory web UI. They parse and validate; the writes happen in the services."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Cluster, IndustryCode, Membership, Organisation, Person, Topic
from .selectors import topic_groups

_CODE_SEPARATORS = re.compile(r"[,;\s]+")


class PlainLabelsMixin:
    """Labels without a trailing colon: the label is the field's accessible name."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class TopicsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Topic.objects.order_by("name"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Topics"))
        super().__init__(**kwargs)


class GroupedTopicsMixin:
    """Lets templates render the topic checkboxes grouped under their top-level topic."""

    def topic_groups(self):
        selected = {str(v) for v in (self["topics"].value() or [])}
        return [
            (root, [(topic, depth, str(topic.pk) in selected) for topic, depth in members])
            for root, members in topic_groups(self.fields["topics"].queryset)
        ]


class IndustryCodesField(forms.CharField):
    """WZ 2008 codes typed as text, separated by commas, semicolons or spaces."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Industries (WZ 2008 codes)"))
        kwargs.setdefault(
            "help_text",
            _("WZ 2008 codes separated by commas, for example “62.01, 30.30”. Sections (letters) are allowed too."),
        )
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(getattr(code, "code", code) for code in value)
        return value

    def clean(self, value):
        text = super().clean(value)
        codes = list(dict.fromkeys(c.upper() for c in _CODE_SEPARATORS.split(text or "") if c))
        if not codes:
            return []
        found = {c.code: c for c in IndustryCode.objects.filter(code__in=codes)}
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError(
                gettext("Unknown WZ 2008 code: %(codes)s.") % {"codes": ", ".join(f"“{c}”" for c in unknown)},
                code="unknown_code",
            )
        return [found[c] for c in codes]


class OrganisationForm(PlainLabelsMixin, GroupedTopicsMixin, forms.ModelForm):
    industry_codes = IndustryCodesField()
    topics = TopicsField()
    website = forms.URLField(label=_("Website"), required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "description_de",
            "description_en",
            "street",
            "postcode",
            "city",
            "district",
            "latitude",
            "longitude",
            "website",
            "email",
            "employees",
            "founded",
        ]
        labels = {
            "name": _("Name"),
            "legal_form": _("Legal form"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
            "street": _("Street and number"),
            "postcode": _("Postcode"),
            "city": _("City"),
            "district": _("District"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "website": _("Website"),
            "email": _("Contact e-mail"),
            "employees": _("Employees"),
            "founded": _("Founding year"),
        }
        help_texts = {
            "latitude": _("Decimal degrees, for example 53.55073."),
            "longitude": _("Decimal degrees, for example 9.99302."),
            "employees": _("The size class follows from the number of employees."),
        }
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 5}),
            "description_en": forms.Textarea(attrs={"rows": 5}),
        }

    field_order = ["name", "legal_form", "description_de", "description_en", "industry_codes", "topics"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("industry_codes", list(self.instance.industries.all()))
            self.initial.setdefault("topics", list(self.instance.topics.all()))
        self.fields["latitude"].validators.append(_range_validator(-90, 90))
        self.fields["longitude"].validators.append(_range_validator(-180, 180))
        self.fields["founded"].validators.append(_range_validator(1000, 2100))

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            raise ValidationError(gettext("Give both latitude and longitude, or neither."))
        return data

    def organisation_data(self):
        """The plain fields for ``services.create_organisation``/``update_organisation``."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


def _range_validator(low, high):
    def validate(value):
        if value is not None and not (low <= value <= high):
            raise ValidationError(
                gettext("Enter a value between %(low)s and %(high)s.") % {"low": low, "high": high},
                code="out_of_range",
            )

    return validate


class JoinRequestForm(PlainLabelsMixin, forms.Form):
    cluster = forms.ModelChoiceField(queryset=Cluster.objects.none(), label=_("Cluster or network"))
    message = forms.CharField(
        label=_("Message to the cluster management"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        taken = Membership.objects.filter(organisation=organisation, status__in=Membership.LIVE_STATUSES)
        self.fields["cluster"].queryset = Cluster.objects.exclude(pk__in=taken.values("cluster_id"))


class InviteForm(PlainLabelsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Organisation"), widget=forms.RadioSelect
    )
    message = forms.CharField(
        label=_("Message to the organisation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = candidates


class EndMembershipForm(PlainLabelsMixin, forms.Form):
    until = forms.DateField(label=_("Member until"), widget=forms.DateInput(attrs={"type": "date"}))


class PersonForm(PlainLabelsMixin, GroupedTopicsMixin, forms.ModelForm):
    topics = TopicsField()

    class Meta:
        model = Person
        fields = ["title", "first_name", "last_name", "position", "email", "phone", "listing_consent"]
        labels = {
            "title": _("Academic title"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "position": _("Position"),
            "email": _("E-mail address"),
            "phone": _("Phone"),
            "listing_consent": _("This person agrees to be listed in the public directory"),
        }
        help_texts = {
            "listing_consent": _("Only people who have agreed are shown on public pages."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("topics", list(self.instance.topics.all()))

    def person_data(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}
