"""Forms of the events web UI. They parse and validate input; the writes happen in the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crosscluster.directory.forms import PlainLabelsMixin
from crosscluster.directory.models import Cluster, Topic

from .models import Event, Feedback, Session, Speaker

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    """The browser's date-and-time picker; values are read and shown in Europe/Berlin (the site's time zone)."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format=DATETIME_FORMAT)


def _datetime_field(label, *, required=True, help_text=""):
    return forms.DateTimeField(
        label=label,
        required=required,
        widget=LocalDateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%d.%m.%Y %H:%M"],
        help_text=help_text,
    )


MAX_CAPACITY = 100_000


def _capacity_field(label):
    return forms.IntegerField(
        label=label, required=False, min_value=0, max_value=MAX_CAPACITY, help_text=_("Empty: no limit.")
    )


class EventForm(PlainLabelsMixin, forms.ModelForm):
    capacity = _capacity_field(_("Capacity"))
    start = _datetime_field(_("Start"), help_text=_("Berlin time."))
    end = _datetime_field(_("End"), help_text=_("Berlin time."))
    registration_opens = _datetime_field(
        _("Registration opens"), required=False, help_text=_("Empty: registration is open as soon as published.")
    )
    registration_closes = _datetime_field(
        _("Registration closes"), required=False, help_text=_("Empty: when the event begins.")
    )
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Shown only to registered participants."),
    )
    clusters = forms.ModelMultipleChoiceField(
        label=_("Organising clusters"),
        queryset=Cluster.objects.order_by("kind", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None: the platform organises the event (coordinators only)."),
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Cross-cluster themes"),
        queryset=Topic.objects.filter(is_cross_cluster=True).order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Event
        fields = [
            "title_de",
            "title_en",
            "description_de",
            "description_en",
            "format",
            "venue",
            "address",
            "video_link",
            "start",
            "end",
            "visibility",
            "visible_cluster",
            "registration_opens",
            "registration_closes",
            "capacity",
            "waitlist_enabled",
            "status",
        ]
        labels = {
            "title_de": _("Title (German)"),
            "title_en": _("Title (English)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
            "format": _("Format"),
            "venue": _("Venue"),
            "address": _("Address"),
            "visibility": _("Visible to"),
            "visible_cluster": _("Cluster"),
            "capacity": _("Capacity"),
            "waitlist_enabled": _("Waiting list when full"),
            "status": _("Status"),
        }
        help_texts = {
            "visible_cluster": _("Only for events visible to the members of one cluster."),
            "capacity": _("Empty: no limit."),
            "status": _("Drafts are visible to the organisers only."),
        }
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 6}),
            "description_en": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_de"].required = True
        self.fields["description_de"].max_length = self.fields["description_en"].max_length = 10_000
        self.fields["visible_cluster"].queryset = Cluster.objects.order_by("name")
        if self.instance.pk:
            self.initial.setdefault("clusters", list(self.instance.clusters.all()))
            self.initial.setdefault("topics", list(self.instance.topics.all()))
        elif user is not None and not (user.is_coordinator or user.is_superuser):
            self.initial.setdefault("clusters", list(user.managed_clusters.all()))

    def event_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SessionForm(PlainLabelsMixin, forms.ModelForm):
    capacity = _capacity_field(_("Seats"))
    start = _datetime_field(_("Start"), help_text=_("Berlin time."))
    end = _datetime_field(_("End"), help_text=_("Berlin time."))
    track_name = forms.CharField(
        label=_("Track"),
        required=False,
        max_length=100,
        help_text=_("Sessions of the same track are shown together; a new name creates a track."),
    )
    room_name = forms.CharField(label=_("Room"), required=False, max_length=100)
    video_link = forms.URLField(
        label=_("Video link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Only if this session has its own link; shown only to registered participants."),
    )
    speakers = forms.ModelMultipleChoiceField(
        label=_("Speakers"), queryset=Speaker.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Session
        fields = ["title_de", "title_en", "description_de", "description_en", "kind", "start", "end", "capacity"]
        labels = {
            "title_de": _("Title (German)"),
            "title_en": _("Title (English)"),
            "description_de": _("Description (German)"),
            "description_en": _("Description (English)"),
            "kind": _("Type"),
            "capacity": _("Seats"),
        }
        help_texts = {"capacity": _("Empty: no limit.")}
        widgets = {
            "description_de": forms.Textarea(attrs={"rows": 4}),
            "description_en": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        self.fields["title_de"].required = True
        self.fields["description_de"].max_length = self.fields["description_en"].max_length = 5_000
        self.fields["speakers"].queryset = event.speakers.order_by("name")
        self.fields["track_name"].widget.attrs["list"] = "track-names"
        self.fields["room_name"].widget.attrs["list"] = "room-names"
        if self.instance.pk:
            self.initial.update(
                track_name=self.instance.track.name if self.instance.track else "",
                room_name=self.instance.room.name if self.instance.room else "",
                video_link=self.instance.video_link,
                speakers=list(self.instance.speakers.all()),
            )
        else:
            self.initial.setdefault("start", event.start)

    def session_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self.Meta.fields}
        data["video_link"] = self.cleaned_data["video_link"]
        return data


class SpeakerForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "affiliation", "bio_de", "bio_en"]
        labels = {
            "name": _("Name"),
            "affiliation": _("Organisation"),
            "bio_de": _("Short biography (German)"),
            "bio_en": _("Short biography (English)"),
        }
        widgets = {"bio_de": forms.Textarea(attrs={"rows": 3}), "bio_en": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bio_de"].max_length = self.fields["bio_en"].max_length = 2_000

    def speaker_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


RATING_CHOICES = [(n, str(n)) for n in range(1, 6)]


class FeedbackForm(PlainLabelsMixin, forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How would you rate the event overall? (1 = poor, 5 = excellent)"),
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    most_useful = forms.ChoiceField(
        label=_("Which part was most useful to you?"), choices=Feedback.MostUseful.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("What should we keep or change next time?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
