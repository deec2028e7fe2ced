"""Form fields for ESCO occupations, lists of ESCO skills and languages, that work with and without JavaScript.

Each skill is a row: a text box for the label (an accessible combobox once ``talent/esco-combobox.js`` runs,
which fills a hidden box with the chosen URI) and a level (profiles, staff posts) or required/optional (jobs).
Without JavaScript the label typed is looked up exactly (case and umlauts do not matter); a label that names no
ESCO entry is refused with a message naming the row.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from . import esco
from .esco import MAX_SKILLS, EscoEntry
from .models import PROFILE_LANGUAGES, ProfileLanguage, SkillLevel

EXTRA_ROWS = 3


def _getlist(data, key):
    if hasattr(data, "getlist"):
        return data.getlist(key)
    value = data.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


class OccupationWidget(forms.Widget):
    template_name = "talent/widgets/occupation.html"

    def value_from_datadict(self, data, files, name):
        return {"label": (data.get(name) or "").strip(), "uri": (data.get(f"{name}_uri") or "").strip()}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_uri" not in data

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, tuple):
            value = {"uri": value[0], "label": esco.occupation_label(value[0], value[1])}
        value = value or {"label": "", "uri": ""}
        attrs = self.build_attrs(self.attrs, attrs)
        return render_to_string(
            self.template_name,
            {
                "name": name,
                "value": value,
                "id": attrs.get("id", f"id_{name}"),
                "describedby": attrs.get("aria-describedby", ""),
                "invalid": attrs.get("aria-invalid", ""),
                "url": reverse("talent:esco_autocomplete"),
            },
        )


class OccupationField(forms.Field):
    """An ESCO occupation: cleans to (URI, label), or ("", "") when left empty."""

    widget = OccupationWidget

    def to_python(self, value):
        value = value or {}
        label, uri = (value.get("label") or "").strip(), (value.get("uri") or "").strip()
        if not label and not uri:
            return ("", "")
        found = esco.resolve_occupation(uri=uri) if uri else esco.resolve_occupation(label=label)
        if found is None:
            raise ValidationError(
                _("“%(text)s” is not an ESCO occupation. Choose one of the suggestions.")
                % {"text": (label or uri)[:200]}
            )
        return found

    def validate(self, value):
        if self.required and not value[0]:
            raise ValidationError(self.error_messages["required"], code="required")


class SkillsWidget(forms.Widget):
    template_name = "talent/widgets/skills.html"

    def __init__(self, *, mode="level", attrs=None):
        super().__init__(attrs)
        self.mode = mode  # "level" (1–5) or "requirement" (required / optional)

    def value_from_datadict(self, data, files, name):
        labels = _getlist(data, f"{name}-label")
        uris = _getlist(data, f"{name}-uri")
        extras = _getlist(data, f"{name}-level")
        rows = []
        for i in range(max(len(labels), len(uris), len(extras))):
            rows.append(
                {
                    "label": (labels[i] if i < len(labels) else "").strip(),
                    "uri": (uris[i] if i < len(uris) else "").strip(),
                    "level": (extras[i] if i < len(extras) else "").strip(),
                }
            )
        return rows

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-label" not in data and f"{name}-uri" not in data

    def options(self):
        if self.mode == "requirement":
            return [("required", pgettext("skill", "required")), ("optional", pgettext("skill", "optional"))]
        return [(str(value), label) for value, label in SkillLevel.choices]

    def rows(self, value):
        rows = []
        for entry in value or []:
            if isinstance(entry, dict):
                if entry.get("label") or entry.get("uri"):
                    rows.append(entry)
            else:  # a model row or an EscoEntry
                extra = getattr(entry, "level", None)
                if self.mode == "requirement":
                    extra = "required" if getattr(entry, "essential", True) else "optional"
                rows.append(
                    {"label": esco.skill_label(entry.uri, entry.label), "uri": entry.uri, "level": str(extra or "")}
                )
        default = "required" if self.mode == "requirement" else str(SkillLevel.ADVANCED)
        rows += [{"label": "", "uri": "", "level": default} for _n in range(EXTRA_ROWS)]
        return [{**row, "level": row.get("level") or default, "n": n} for n, row in enumerate(rows, start=1)]

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        base = attrs.get("id", f"id_{name}")
        return render_to_string(
            self.template_name,
            {
                "name": name,
                "id": base,
                "rows": self.rows(value),
                "options": self.options(),
                "mode": self.mode,
                "url": reverse("talent:esco_autocomplete"),
            },
        )


class SkillsField(forms.Field):
    """A list of ESCO skills with a level (1–5) or required/optional; cleans to a list of ``EscoEntry``."""

    def __init__(self, *, mode="level", **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", SkillsWidget(mode=mode))
        super().__init__(**kwargs)
        self.mode = mode

    def to_python(self, value):
        entries, errors, seen = [], [], {}
        rows = [row for row in (value or []) if isinstance(row, dict) and (row.get("label") or row.get("uri"))]
        if len(rows) > MAX_SKILLS:
            raise ValidationError(_("At most %(max)s skills, please.") % {"max": MAX_SKILLS})
        for n, row in enumerate(value or [], start=1):
            if not isinstance(row, dict) or not (row.get("label") or row.get("uri")):
                continue
            found = esco.resolve_skill(uri=row.get("uri", ""), label=row.get("label", ""))
            if found is None:
                errors.append(
                    _(
                        "Row %(n)s: “%(text)s” is not an ESCO skill. Choose one of the suggestions (ESCO skills are "
                        "labelled in English)."
                    )
                    % {"n": n, "text": (row.get("label") or row.get("uri"))[:200]}
                )
                continue
            if found[0] in seen:
                errors.append(
                    _("Row %(n)s: “%(label)s” is already in row %(first)s.")
                    % {"n": n, "label": found[1], "first": seen[found[0]]}
                )
                continue
            seen[found[0]] = n
            extra = row.get("level") or ""
            if self.mode == "requirement":
                if extra not in ("required", "optional", ""):
                    errors.append(_("Row %(n)s: choose “required” or “optional”.") % {"n": n})
                    continue
                entries.append(EscoEntry(found[0], found[1], None, extra != "optional"))
            else:
                try:
                    level = int(extra or SkillLevel.ADVANCED)
                except ValueError:
                    level = 0
                if level not in SkillLevel.values:
                    errors.append(_("Row %(n)s: choose a level from 1 to 5.") % {"n": n})
                    continue
                entries.append(EscoEntry(found[0], found[1], level, True))
        if errors:
            raise ValidationError(errors)
        return entries

    def validate(self, value):
        if self.required and not value:
            raise ValidationError(_("Add at least one skill."), code="required")


def language_choices():
    from django.conf import global_settings

    names = dict(global_settings.LANGUAGES)
    return sorted(((code, _(names.get(code, code))) for code in PROFILE_LANGUAGES), key=lambda item: str(item[1]))


class LanguagesWidget(forms.Widget):
    template_name = "talent/widgets/languages.html"

    def value_from_datadict(self, data, files, name):
        codes, levels = _getlist(data, f"{name}-language"), _getlist(data, f"{name}-level")
        return [
            {"language": codes[i].strip(), "level": (levels[i] if i < len(levels) else "").strip()}
            for i in range(len(codes))
        ]

    def value_omitted_from_data(self, data, files, name):
        return f"{name}-language" not in data

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        rows = [
            row if isinstance(row, dict) else {"language": row.language, "level": row.level} for row in (value or [])
        ]
        rows = [row for row in rows if row.get("language")]
        rows += [{"language": "", "level": ProfileLanguage.Level.B2} for _n in range(2)]
        return render_to_string(
            self.template_name,
            {
                "name": name,
                "id": attrs.get("id", f"id_{name}"),
                "rows": [{**row, "n": n} for n, row in enumerate(rows, start=1)],
                "languages": language_choices(),
                "levels": ProfileLanguage.Level.choices,
            },
        )


class LanguagesField(forms.Field):
    widget = LanguagesWidget
    default_error_messages = {"invalid": gettext_lazy("Choose a language and a level from the lists.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def to_python(self, value):
        checked, errors, seen = [], [], set()
        for n, row in enumerate(value or [], start=1):
            if not isinstance(row, dict) or not row.get("language"):
                continue
            code, level = row["language"], row.get("level") or ""
            if code not in PROFILE_LANGUAGES or level not in ProfileLanguage.Level.values:
                errors.append(_("Language %(n)s: choose a language and a level from the lists.") % {"n": n})
            elif code in seen:
                errors.append(_("Language %(n)s is listed twice.") % {"n": n})
            else:
                seen.add(code)
                checked.append({"language": code, "level": level})
        if errors:
            raise ValidationError(errors)
        return checked
