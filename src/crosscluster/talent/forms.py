"""Forms of the talent web UI. They parse and check the shape of the input; the services check the rest and write.

``apply_errors`` puts a service's ``ValidationError`` onto the form, under the field it names.
"""

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crosscluster.directory.forms import PlainLabelsMixin
from crosscluster.directory.models import Organisation

from . import legal
from .models import Application, JobPosting, StaffAgreement, StaffPost, WorkerProfile
from .services.common import place_and_coordinates
from .widgets import LanguagesField, OccupationField, SkillsField

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def date_field(label, *, required=False, help_text=""):
    return forms.DateField(
        label=label, required=required, widget=DateInput(), input_formats=DATE_FORMATS, help_text=help_text
    )


def apply_errors(form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages in error.message_dict.items():
        target = field if field in form.fields else None
        if field == "occupation_uri" and "occupation" in form.fields:
            target = "occupation"
        if field == NON_FIELD_ERRORS:
            target = None
        form.add_error(target, messages)


def check_order(form, low_field, high_field, message):
    """An error on ``high_field`` when it is below ``low_field``. Named here, before the model's check constraint
    would report the same as one message for the whole form (a field with an error is not checked again)."""
    low, high = form.cleaned_data.get(low_field), form.cleaned_data.get(high_field)
    if low is not None and high is not None and high < low:
        form.add_error(high_field, message)


class LocationMixin(forms.Form):
    place = forms.CharField(label=gettext_lazy("Place"), required=False, max_length=200)
    latitude = forms.DecimalField(
        label=gettext_lazy("Latitude"), required=False, max_digits=8, decimal_places=5, min_value=-90, max_value=90
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Longitude"), required=False, max_digits=8, decimal_places=5, min_value=-180, max_value=180
    )

    def setup_location(self, instance, place_help):
        self.fields["place"].help_text = place_help
        self.fields["place"].widget.attrs.update({"list": "talent-places", "autocomplete": "off"})
        self.fields["latitude"].help_text = _("Only for a place not in the list, in decimal degrees, e.g. 53.55073.")
        if instance is not None and instance.pk:
            self.initial.setdefault("place", instance.place)
            self.initial.setdefault("latitude", instance.latitude)
            self.initial.setdefault("longitude", instance.longitude)

    def clean(self):
        """A place we do not know, or half the coordinates, is reported together with the form's other errors."""
        data = super().clean()
        place, lat, lon = data.get("place"), data.get("latitude"), data.get("longitude")
        if (place or lat is not None or lon is not None) and not {"latitude", "longitude"} & set(self.errors):
            try:
                place_and_coordinates(place, lat, lon)
            except ValidationError as error:
                apply_errors(self, error)
        return data

    def location_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in ("place", "latitude", "longitude")}


def organisation_field(user, organisations):
    """Who posts: a choice among the organisations the user represents; coordinators type an organisation's
    directory address (there may be very many)."""
    if user.is_coordinator or user.is_superuser:
        return forms.SlugField(
            label=_("Organisation"),
            max_length=120,
            help_text=_(
                "The organisation's address in the directory, e.g. “elbe-drohnen” for /organisations/elbe-drohnen/."
            ),
        )
    return forms.ModelChoiceField(
        label=_("Organisation"), queryset=organisations, empty_label=None, to_field_name="slug"
    )


def clean_organisation(form, user, organisations):
    value = form.cleaned_data.get("organisation")
    if isinstance(value, str):
        found = Organisation.objects.filter(slug=value).first()
        if found is None:
            raise ValidationError(_("There is no organisation with the address “%(slug)s”.") % {"slug": value})
        return found
    return value


class JobForm(PlainLabelsMixin, LocationMixin, forms.ModelForm):
    occupation = OccupationField(
        label=gettext_lazy("Occupation (ESCO)"),
        required=False,
        help_text=gettext_lazy("Type a few letters and choose from the ESCO occupations, e.g. “Mechatroniker”."),
    )
    skills = SkillsField(
        mode="requirement",
        label=gettext_lazy("Skills (ESCO)"),
        help_text=gettext_lazy(
            "Type a few letters of a skill in English (ESCO labels skills in English) and choose a suggestion; "
            "mark each as required or optional."
        ),
    )
    start_date = date_field(gettext_lazy("Start date"), help_text=gettext_lazy("Empty: as soon as possible."))
    remote_share = forms.IntegerField(
        label=gettext_lazy("Remote work (%)"),
        min_value=0,
        max_value=100,
        initial=0,
        help_text=gettext_lazy("Share of working time that can be done remotely, 0 to 100."),
    )
    weekly_hours = forms.IntegerField(label=gettext_lazy("Hours per week"), required=False, min_value=1, max_value=60)
    salary_min = forms.IntegerField(
        label=gettext_lazy("Salary from (EUR)"), required=False, min_value=0, max_value=10_000_000
    )
    salary_max = forms.IntegerField(
        label=gettext_lazy("Salary up to (EUR)"), required=False, min_value=0, max_value=10_000_000
    )

    class Meta:
        model = JobPosting
        fields = [
            "title_de",
            "title_en",
            "description_de",
            "description_en",
            "contract_type",
            "working_time",
            "weekly_hours",
            "start_date",
            "remote_share",
            "salary_min",
            "salary_max",
            "salary_period",
        ]
        labels = {
            "title_de": gettext_lazy("Title (German)"),
            "title_en": gettext_lazy("Title (English)"),
            "description_de": gettext_lazy("Description (German)"),
            "description_en": gettext_lazy("Description (English)"),
            "contract_type": gettext_lazy("Contract type"),
            "working_time": gettext_lazy("Working time"),
            "salary_period": gettext_lazy("Salary period"),
        }
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }

    field_order = ["organisation"]

    def __init__(self, *args, user, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.organisations = organisations
        if not self.instance.pk and organisations is not None:
            self.fields["organisation"] = organisation_field(user, organisations)
            self.order_fields(["organisation", *self.fields])
        for name in ("description_de", "description_en"):
            self.fields[name].max_length = 10_000
        self.fields["title_de"].help_text = _("A title in German or English is needed; both are better.")
        self.setup_location(self.instance, _("Empty: the organisation's place. Choose a place from the list."))
        if self.instance.pk:
            self.initial.setdefault("occupation", (self.instance.occupation_uri, self.instance.occupation_label))
            self.initial.setdefault("skills", list(self.instance.skills.all()))

    def clean_organisation(self):
        return clean_organisation(self, self.user, self.organisations)

    def clean(self):
        data = super().clean()
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is not None and high is not None and high < low:
            self.add_error(
                "salary_max",
                _("The highest salary (%(max)s) cannot be lower than the lowest (%(min)s).")
                % {"max": high, "min": low},
            )
        return data

    def job_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["remote_share"] = data["remote_share"] or 0
        uri, label = self.cleaned_data.get("occupation") or ("", "")
        data.update(occupation_uri=uri, occupation_label=label, **self.location_data())
        return data


class ProfileForm(PlainLabelsMixin, LocationMixin, forms.ModelForm):
    occupation = OccupationField(
        label=gettext_lazy("Occupation you are looking for (ESCO)"),
        required=False,
        help_text=gettext_lazy("Type a few letters and choose from the ESCO occupations."),
    )
    skills = SkillsField(
        mode="level",
        label=gettext_lazy("Your skills (ESCO)"),
        help_text=gettext_lazy(
            "Type a few letters of a skill in English (ESCO labels skills in English), choose a suggestion and your "
            "level from 1 (basic) to 5 (expert)."
        ),
    )
    languages = LanguagesField(label=gettext_lazy("Languages"))
    available_from = date_field(gettext_lazy("Available from"), help_text=gettext_lazy("Empty: now."))
    available_to = date_field(gettext_lazy("Available until"), help_text=gettext_lazy("Empty: open-ended."))
    years_experience = forms.IntegerField(
        label=gettext_lazy("Years of professional experience"), min_value=0, max_value=70, initial=0
    )
    commute_km = forms.IntegerField(
        label=gettext_lazy("Commute radius (km)"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=gettext_lazy("How far you would travel to work from your place."),
    )

    class Meta:
        model = WorkerProfile
        fields = [
            "headline_de",
            "headline_en",
            "about_de",
            "about_en",
            "years_experience",
            "available_from",
            "available_to",
            "commute_km",
            "relocate",
            "consent",
        ]
        labels = {
            "headline_de": gettext_lazy("Headline (German)"),
            "headline_en": gettext_lazy("Headline (English)"),
            "about_de": gettext_lazy("About me (German)"),
            "about_en": gettext_lazy("About me (English)"),
            "relocate": gettext_lazy("I am willing to relocate"),
            "consent": gettext_lazy("Employers may see my profile"),
        }
        help_texts = {
            "consent": gettext_lazy(
                "Member organisations' representatives then see your name, e-mail address and this profile, and find "
                "it among the candidates for their job postings. You can withdraw this at any time; the profile is "
                "hidden at once."
            ),
        }
        widgets = {"about_de": forms.Textarea(attrs={"rows": 5}), "about_en": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("about_de", "about_en"):
            self.fields[name].max_length = 5_000
        self.fields["headline_de"].help_text = _(
            "For example “Welder with 10 years in shipbuilding”. German or English."
        )
        self.setup_location(self.instance, _("Where you live or want to work. Choose a place from the list."))
        if self.instance.pk:
            self.initial.setdefault("occupation", (self.instance.occupation_uri, self.instance.occupation_label))
            self.initial.setdefault("skills", list(self.instance.skills.all()))
            self.initial.setdefault("languages", list(self.instance.languages.all()))

    def clean(self):
        data = super().clean()
        check_order(self, "available_from", "available_to", _("“Available until” cannot be before “available from”."))
        return data

    def profile_data(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        data["years_experience"] = data["years_experience"] or 0
        uri, label = self.cleaned_data.get("occupation") or ("", "")
        data.update(occupation_uri=uri, occupation_label=label, **self.location_data())
        return data


class StaffPostForm(PlainLabelsMixin, LocationMixin, forms.ModelForm):
    occupation = OccupationField(label=gettext_lazy("Occupation (ESCO)"), required=False)
    skills = SkillsField(
        mode="level",
        label=gettext_lazy("Skills (ESCO)"),
        help_text=gettext_lazy(
            "The skills the staff have (offer) or need (request), with the level; ESCO labels skills in English."
        ),
    )
    period_from = date_field(gettext_lazy("From"), required=True)
    period_to = date_field(gettext_lazy("Until"), required=True)
    head_count = forms.IntegerField(label=gettext_lazy("Number of people"), min_value=1, max_value=1000, initial=1)
    radius_km = forms.IntegerField(
        label=gettext_lazy("Radius (km)"),
        required=False,
        min_value=1,
        max_value=1000,
        help_text=gettext_lazy("How far from the place the staff can work (offer) or may come from (request)."),
    )

    class Meta:
        model = StaffPost
        fields = [
            "kind",
            "title_de",
            "title_en",
            "description_de",
            "description_en",
            "conditions_de",
            "conditions_en",
            "head_count",
            "period_from",
            "period_to",
            "radius_km",
        ]
        labels = {
            "kind": gettext_lazy("Offer or request"),
            "title_de": gettext_lazy("Title (German)"),
            "title_en": gettext_lazy("Title (English)"),
            "description_de": gettext_lazy("Tasks and profile (German)"),
            "description_en": gettext_lazy("Tasks and profile (English)"),
            "conditions_de": gettext_lazy("Conditions (German)"),
            "conditions_en": gettext_lazy("Conditions (English)"),
        }
        widgets = {
            "kind": forms.RadioSelect,
            **{
                name: forms.Textarea(attrs={"rows": 4})
                for name in ("description_de", "description_en", "conditions_de", "conditions_en")
            },
        }

    def __init__(self, *args, user, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.organisations = organisations
        if self.instance.pk:
            del self.fields["kind"]
        elif organisations is not None:
            self.fields["organisation"] = organisation_field(user, organisations)
            self.order_fields(["organisation", *self.fields])
        for name in ("description_de", "description_en", "conditions_de", "conditions_en"):
            self.fields[name].max_length = 5_000
        self.fields["description_de"].help_text = _(
            "Describe skills and tasks, not persons: no names or other personal data (the post is anonymous)."
        )
        self.setup_location(self.instance, _("Empty: the organisation's place. Choose a place from the list."))
        if self.instance.pk:
            self.initial.setdefault("occupation", (self.instance.occupation_uri, self.instance.occupation_label))
            self.initial.setdefault("skills", list(self.instance.skills.all()))

    def clean_organisation(self):
        return clean_organisation(self, self.user, self.organisations)

    def clean(self):
        data = super().clean()
        check_order(self, "period_from", "period_to", _("The period cannot end before it begins."))
        return data

    def post_data(self) -> dict:
        fields = [name for name in self.Meta.fields if name in self.fields]
        data = {name: self.cleaned_data.get(name) for name in fields}
        uri, label = self.cleaned_data.get("occupation") or ("", "")
        data.update(occupation_uri=uri, occupation_label=label, **self.location_data())
        return data


class AgreementForm(PlainLabelsMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=gettext_lazy("Your organisation"), queryset=Organisation.objects.none(), empty_label=None
    )
    own_post = forms.ModelChoiceField(
        label=gettext_lazy("Your matching post (optional)"), queryset=StaffPost.objects.none(), required=False
    )
    legal_model = forms.ChoiceField(
        label=gettext_lazy("Legal model"), choices=StaffAgreement.LegalModel.choices, widget=forms.RadioSelect
    )
    period_from = date_field(gettext_lazy("From"), required=True)
    period_to = date_field(gettext_lazy("Until"), required=True)
    head_count = forms.IntegerField(label=gettext_lazy("Number of people"), min_value=1, max_value=1000)
    tasks = forms.CharField(label=gettext_lazy("Tasks"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    region = forms.CharField(label=gettext_lazy("Region or place of work"), max_length=200)
    notes = forms.CharField(
        label=gettext_lazy("Notes"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, post: StaffPost, **kwargs):
        super().__init__(*args, **kwargs)
        mine = Organisation.objects.filter(representatives=user).exclude(pk=post.organisation_id).order_by("name")
        self.fields["organisation"].queryset = mine
        opposite = StaffPost.Kind.REQUEST if post.is_offer else StaffPost.Kind.OFFER
        self.fields["own_post"].queryset = (
            StaffPost.objects.published().filter(organisation__in=mine, kind=opposite).select_related("organisation")
        )
        self.fields["own_post"].label_from_instance = lambda p: f"{p.title} ({p.organisation.name})"
        self.initial.setdefault("period_from", post.period_from)
        self.initial.setdefault("period_to", post.period_to)
        self.initial.setdefault("head_count", post.head_count)
        self.initial.setdefault("region", post.place)
        self.initial.setdefault("tasks", post.description)

    def agreement_data(self) -> dict:
        return {
            name: self.cleaned_data.get(name)
            for name in ("legal_model", "period_from", "period_to", "head_count", "tasks", "region", "notes")
        }


class ApplicationForm(PlainLabelsMixin, forms.Form):
    message = forms.CharField(
        label=gettext_lazy("Cover letter"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )
    share_profile = forms.BooleanField(
        label=gettext_lazy("Share my skilled-worker profile with this employer"),
        required=False,
        help_text=gettext_lazy(
            "The employer then sees your profile with this application, even if it is not visible to employers in "
            "general."
        ),
    )

    def __init__(self, *args, has_profile: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not has_profile:
            del self.fields["share_profile"]


class StatusForm(PlainLabelsMixin, forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("New status"))
    message = forms.CharField(
        label=gettext_lazy("Message to the applicant (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Sent with the e-mail that tells the applicant about the new status."),
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Application.Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in application.next_statuses()]


class NoteForm(PlainLabelsMixin, forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Internal note"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Only your organisation sees this note."),
    )


class CancelForm(PlainLabelsMixin, forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ChecklistForm(forms.Form):
    done = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, agreement: StaffAgreement, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["done"].choices = [(item.key, item.text) for item in legal.checklist(agreement.legal_model)]


class DeleteProfileForm(PlainLabelsMixin, forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy("Yes, delete my skilled-worker profile for good"),
        error_messages={"required": gettext_lazy("Tick the box to confirm that the profile is to be deleted.")},
    )
