"""Forms of the matchmaking pages. They parse and validate input; the writes happen in the services."""

import re
from datetime import time

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from crosscluster.directory.forms import GroupedTopicsMixin, PlainLabelsMixin, TopicsField
from crosscluster.events.forms import DATETIME_FORMAT, LocalDateTimeInput

from .models import Matchmaking, MeetingRequest, ParticipationType, Profile, Slot

BREAK = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*$")


def slot_label(slot) -> str:
    start, end = timezone.localtime(slot.start), timezone.localtime(slot.end)
    return "{}, {}–{}".format(
        formats.date_format(start, "SHORT_DATE_FORMAT"),
        formats.time_format(start, "H:i"),
        formats.time_format(end, "H:i"),
    )


class SlotChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return slot_label(obj)


class SlotsField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return slot_label(obj)


class SettingsForm(PlainLabelsMixin, forms.ModelForm):
    video_link = forms.URLField(
        label=_("Video link for virtual meetings"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Empty: the event's video link."),
    )

    class Meta:
        model = Matchmaking
        fields = ["enabled", "mode", "max_meetings", "time_limit", "video_link"]
        widgets = {"mode": forms.RadioSelect}


class ParticipationTypeForm(PlainLabelsMixin, forms.ModelForm):
    class Meta:
        model = ParticipationType
        fields = ["name_de", "name_en", "max_meetings", "max_requests", "virtual", "position"]
        labels = {"name_de": _("Name (German)"), "name_en": _("Name (English)")}

    def clean(self):
        data = super().clean()
        if not (data.get("name_de") or data.get("name_en")):
            raise forms.ValidationError({"name_de": _("Give the type a name, in German or English.")})
        return data


def _parse_breaks(text: str) -> list[tuple[time, time]]:
    breaks = []
    for part in [p for p in re.split(r"[,;\n]", text) if p.strip()]:
        match = BREAK.match(part)
        if match is None:
            raise forms.ValidationError(
                _("“%(part)s” is not a break like 12:00-13:00.") % {"part": part.strip()}, code="invalid"
            )
        h1, m1, h2, m2 = (int(x) for x in match.groups())
        try:
            begin, end = time(h1, m1), time(h2, m2)
        except ValueError:
            raise forms.ValidationError(_("“%(part)s” is not a time of day.") % {"part": part.strip()}) from None
        if end <= begin:
            raise forms.ValidationError(_("The break “%(part)s” ends before it begins.") % {"part": part.strip()})
        breaks.append((begin, end))
    return breaks


class SlotGeneratorForm(PlainLabelsMixin, forms.Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    first_start = forms.TimeField(label=_("First slot begins"), widget=forms.TimeInput(attrs={"type": "time"}))
    last_end = forms.TimeField(label=_("Last slot ends"), widget=forms.TimeInput(attrs={"type": "time"}))
    minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20)
    tables = forms.IntegerField(label=_("Shared tables per slot"), min_value=0, max_value=1000, initial=10)
    breaks = forms.CharField(
        label=_("Breaks"),
        required=False,
        max_length=500,
        help_text=_("For example “10:40-11:00, 12:20-13:30”. Slots do not overlap a break."),
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event is not None:
            self.fields["day"].initial = timezone.localtime(event.start).date()

    def clean_day(self):
        day = self.cleaned_data["day"]
        if self.event is not None:
            first, last = timezone.localtime(self.event.start).date(), timezone.localtime(self.event.end).date()
            if not first <= day <= last:
                raise forms.ValidationError(_("Choose a day of the event."))
        return day

    def clean_breaks(self):
        return _parse_breaks(self.cleaned_data.get("breaks") or "")


class SlotForm(PlainLabelsMixin, forms.Form):
    start = forms.DateTimeField(label=_("Start"), widget=LocalDateTimeInput(), input_formats=[DATETIME_FORMAT])
    end = forms.DateTimeField(label=_("End"), widget=LocalDateTimeInput(), input_formats=[DATETIME_FORMAT])
    tables = forms.IntegerField(label=_("Shared tables"), min_value=0, max_value=1000)


class ProfileForm(GroupedTopicsMixin, PlainLabelsMixin, forms.ModelForm):
    topics = TopicsField()
    participation_type = forms.ModelChoiceField(
        label=_("I take part as"), queryset=ParticipationType.objects.none(), required=False
    )
    unavailable = SlotsField(
        label=_("Slots in which I am not available"),
        queryset=Slot.objects.none(),
        required=False,
        help_text=_("No meetings will be scheduled for you in these slots."),
    )

    class Meta:
        model = Profile
        fields = ["organisation_name", "participation_type", "offer", "seek", "topics", "max_meetings", "unavailable"]
        widgets = {"offer": forms.Textarea(attrs={"rows": 4}), "seek": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        types = ParticipationType.objects.filter(event=event)
        self.fields["participation_type"].queryset = types
        self.fields["participation_type"].required = types.exists()
        self.fields["unavailable"].queryset = Slot.objects.filter(event=event).order_by("start", "pk")

    def profile_data(self):
        return {
            "organisation_name": self.cleaned_data["organisation_name"],
            "participation_type": self.cleaned_data["participation_type"],
            "offer": self.cleaned_data["offer"],
            "seek": self.cleaned_data["seek"],
            "max_meetings": self.cleaned_data["max_meetings"],
        }


class OrganiserProfileForm(PlainLabelsMixin, forms.ModelForm):
    participation_type = forms.ModelChoiceField(
        label=_("Participation type"), queryset=ParticipationType.objects.none(), required=False
    )

    class Meta:
        model = Profile
        fields = ["participation_type", "own_table", "booth", "max_meetings"]

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participation_type"].queryset = ParticipationType.objects.filter(event=event)


class RequestForm(PlainLabelsMixin, forms.Form):
    interest = forms.ChoiceField(
        label=_("How much would you like to meet?"),
        choices=MeetingRequest.Interest.choices,
        initial=MeetingRequest.Interest.WOULD_LIKE,
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What would you like to talk about?"),
    )


class AcceptForm(PlainLabelsMixin, forms.Form):
    slot = SlotChoiceField(label=_("Slot"), queryset=Slot.objects.none(), required=False, widget=forms.RadioSelect)

    def __init__(self, *args, slots=None, **kwargs):
        super().__init__(*args, **kwargs)
        if slots is not None:
            self.fields["slot"].queryset = slots


class MoveForm(forms.Form):
    """``cell`` is ``<slot id>|<table>``, e.g. ``12|T3`` or ``12|booth:p7``."""

    request = forms.IntegerField(min_value=1)
    cell = forms.CharField(max_length=100)

    def clean_cell(self):
        slot, sep, table = self.cleaned_data["cell"].partition("|")
        if not sep or not slot.isdigit() or not re.fullmatch(r"T[1-9]\d{0,3}|booth:p\d{1,10}", table):
            raise forms.ValidationError(_("Choose a cell of the schedule."))
        return int(slot), table


class PublishForm(forms.Form):
    state = forms.ChoiceField(
        choices=[(Matchmaking.AgendaState.PRELIMINARY, _("Preliminary")), (Matchmaking.AgendaState.FINAL, _("Final"))]
    )


class VideoLinkForm(forms.Form):
    video_link = forms.URLField(label=_("Video link"), required=False, max_length=500, assume_scheme="https")
