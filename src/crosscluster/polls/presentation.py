"""Results as the templates show them: translated titles around the markup from ``render.py``."""

import hashlib

from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from . import render, results, wordcloud
from .models import Poll


def _markup(text: str):
    return mark_safe(text)  # noqa: S308 (render.py escapes every text it draws)


def results_context(poll: Poll, counts: results.Counts) -> dict:
    """What ``polls/_results.html`` draws for ``poll``: the chart, the rows behind it (for the table), the mean."""
    title = _("Results: %(question)s") % {"question": poll.question}
    context = {"poll": poll, "counts": counts, "rows": [], "chart": "", "mean": None}
    if poll.is_choice:
        rows = results.option_rows(poll, counts)
        context["rows"] = rows
        context["chart"] = _markup(
            render.choice_bars([(r.label, r.count) for r in rows], voters=counts.voters, title=title)
        )
    elif poll.kind == Poll.Kind.RATING:
        rows = results.rating_rows(poll, counts)
        context["rows"] = rows
        context["mean"] = counts.rating_mean
        context["chart"] = _markup(
            render.rating_columns(
                [(int(r.label), r.count) for r in rows],
                title=title,
                low_label=f"1 = {poll.scale_min_label}" if poll.scale_min_label else "",
                high_label=f"{poll.scale_max} = {poll.scale_max_label}" if poll.scale_max_label else "",
            )
        )
    else:
        cloud = wordcloud.cloud_order(wordcloud.size_steps(list(counts.words)))
        context["words"] = counts.words
        context["chart"] = _markup(
            render.word_cloud(
                cloud,
                title=title,
                count_text=lambda n: ngettext("%(count)s answer", "%(count)s answers", n) % {"count": n},
            )
        )
    return context


def screen_version(poll: Poll, counts: results.Counts, *extra) -> str:
    """Changes when anything on a results screen would change: counts, wording, state, language."""
    content = f"{counts.digest}|{poll.state}|{poll.updated.timestamp()}|{get_language()}|{extra}"
    return hashlib.blake2s(content.encode(), digest_size=8).hexdigest()
