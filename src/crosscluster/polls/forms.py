"""The organisers' poll form. Options are typed one per line, in German and (in the same order) in English."""

from django import forms
from django.utils.translation import gettext_lazy as _

from crosscluster.directory.forms import PlainLabelsMixin
from crosscluster.events.models import Session

from .models import Poll
from .services import MAX_OPTIONS, STRUCTURE_FIELDS


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in (text or "").splitlines() if line.strip()]


class PollForm(PlainLabelsMixin, forms.ModelForm):
    options_de = forms.CharField(
        label=_("Options (German), one per line"),
        required=False,
        max_length=MAX_OPTIONS * 210,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Single and multiple choice only: two to twenty options."),
    )
    options_en = forms.CharField(
        label=_("Options (English), one per line"),
        required=False,
        max_length=MAX_OPTIONS * 210,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the same order as the German options; empty: the German ones are shown."),
    )

    class Meta:
        model = Poll
        fields = [
            "question_de",
            "question_en",
            "session",
            "kind",
            "max_choices",
            "scale_max",
            "scale_min_label_de",
            "scale_min_label_en",
            "scale_max_label_de",
            "scale_max_label_en",
            "text_max_length",
            "results_visibility",
            "is_named",
        ]
        labels = {
            "question_de": _("Question (German)"),
            "question_en": _("Question (English)"),
            "session": _("Session"),
            "kind": _("Type"),
            "max_choices": _("At most this many choices"),
            "scale_max": _("Scale from 1 to"),
            "scale_min_label_de": _("Label of 1 (German)"),
            "scale_min_label_en": _("Label of 1 (English)"),
            "scale_max_label_de": _("Label of the highest value (German)"),
            "scale_max_label_en": _("Label of the highest value (English)"),
            "text_max_length": _("Longest answer (characters)"),
            "results_visibility": _("Participants see the results"),
            "is_named": _("Named poll: the export lists who voted what"),
        }
        help_texts = {
            "session": _("Empty: a poll of the whole event."),
            "max_choices": _("Multiple choice only. Empty: as many as there are options."),
            "scale_max": _("Rating scale only: 2 to 10."),
            "text_max_length": _("Short text only: 10 to 200 characters."),
            "is_named": _("Participants are told before they vote. Results on screen never show names."),
        }
        widgets = {
            "question_de": forms.TextInput(),
            "question_en": forms.TextInput(),
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question_de"].required = True
        self.fields["session"].queryset = Session.objects.filter(event=event).order_by("start", "pk")
        self.fields["session"].empty_label = _("The whole event")
        self.fields["kind"].widget = forms.RadioSelect(choices=Poll.Kind.choices)
        self.fields["results_visibility"].widget = forms.RadioSelect(choices=Poll.ResultsVisibility.choices)
        if self.instance.pk:
            options = list(self.instance.options.order_by("position", "pk"))
            self.initial.setdefault("options_de", "\n".join(o.label_de or "" for o in options))
            self.initial.setdefault("options_en", "\n".join(o.label_en or "" for o in options))
            if self.instance.opened_at is not None:
                for name in STRUCTURE_FIELDS:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Fixed since the poll was opened.")

    @property
    def structure_fixed(self) -> bool:
        return self.instance.pk is not None and self.instance.opened_at is not None

    def clean(self):
        data = super().clean()
        de, en = _lines(data.get("options_de", "")), _lines(data.get("options_en", ""))
        if en and len(en) != len(de):
            self.add_error(
                "options_en",
                _("Give as many English options as German ones (%(de)s), or none.") % {"de": len(de)},
            )
        data["options"] = [(label, en[n] if en else "") for n, label in enumerate(de)]
        return data

    def poll_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}
