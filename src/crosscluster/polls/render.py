"""Poll results as markup for the presenter screen and the participants' phones: bars for choices, columns for a
rating scale, a word cloud for short answers.

Plain Python without Django (labels and titles come translated from the caller). The Content-Security-Policy
allows no inline styles and no scripts that could draw, so charts are SVG with presentation attributes, and
the word cloud's font sizes are CSS classes (``wc-1`` … ``wc-8`` in ``polls.css``). Every text is escaped here.
"""

from collections.abc import Callable
from html import escape

BAR = "#0b4f8a"
BAR_LEAD = "#1e6b34"
TRACK = "#e6eaf1"
INK = "#1d2433"
MUTED = "#4a5468"


def percent(share: float | None) -> str:
    return "–" if share is None else f"{round(share * 100)} %"


def _svg(width: int, height: int, title: str, body: list[str], css_class: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}" class="{css_class}" preserveAspectRatio="xMidYMin meet">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _short(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def choice_bars(
    rows: list[tuple[str, int]],
    *,
    voters: int,
    title: str,
    share_text: Callable[[float | None], str] = percent,
    width: int = 800,
) -> str:
    """One bar per option ``(label, count)``, the label above it and "count · share of voters" beside it.

    Bars are scaled to the most chosen option; the leading option(s) are drawn in a second colour.
    """
    label_h, bar_h, gap, right = 24, 30, 14, 150
    row_h = label_h + bar_h + gap
    height = max(1, len(rows)) * row_h + 4
    top = max([n for _l, n in rows] + [0])
    usable = width - right
    body = []
    for i, (label, count) in enumerate(rows):
        y = i * row_h + 4
        length = round(usable * count / top) if top else 0
        colour = BAR_LEAD if top and count == top else BAR
        share = count / voters if voters else None
        body.append(
            f'<text x="0" y="{y + 18}" font-size="20" fill="{INK}"><title>{escape(label)}</title>'
            f"{escape(_short(label, 70))}</text>"
        )
        body.append(f'<rect x="0" y="{y + label_h}" width="{usable}" height="{bar_h}" rx="4" fill="{TRACK}"/>')
        if length:
            body.append(f'<rect x="0" y="{y + label_h}" width="{length}" height="{bar_h}" rx="4" fill="{colour}"/>')
        body.append(
            f'<text x="{usable + 12}" y="{y + label_h + 22}" font-size="20" font-weight="700" fill="{INK}" '
            f'data-count="{count}">{count} · {escape(share_text(share))}</text>'
        )
    return _svg(width, height, title, body, "poll-chart")


def rating_columns(
    distribution: list[tuple[int, int]],
    *,
    title: str,
    low_label: str = "",
    high_label: str = "",
    width: int = 800,
    height: int = 300,
) -> str:
    """One column per scale value ``(value, count)``, the count on top, the value below; the labels of the lowest
    and highest value under the first and last column."""
    left, bottom, top_pad = 10, 64, 30
    plot_w, plot_h = width - 2 * left, height - bottom - top_pad
    top = max([n for _v, n in distribution] + [0])
    body = [f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - left}" y2="{top_pad + plot_h}" stroke="{MUTED}"/>']
    if distribution:
        slot = plot_w / len(distribution)
        bar = slot * 0.62
        for i, (value, count) in enumerate(distribution):
            h = plot_h * count / top if top else 0
            x = left + i * slot + (slot - bar) / 2
            centre = x + bar / 2
            body.append(
                f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" rx="3" '
                f'fill="{BAR}"/>'
            )
            body.append(
                f'<text x="{centre:.1f}" y="{top_pad + plot_h - h - 8:.1f}" text-anchor="middle" font-size="20" '
                f'font-weight="700" fill="{INK}" data-count="{count}">{count}</text>'
            )
            body.append(
                f'<text x="{centre:.1f}" y="{top_pad + plot_h + 26}" text-anchor="middle" font-size="22" '
                f'fill="{INK}">{value}</text>'
            )
        if low_label:
            body.append(
                f'<text x="{left}" y="{height - 8}" font-size="17" fill="{MUTED}">'
                f"{escape(_short(low_label, 40))}</text>"
            )
        if high_label:
            body.append(
                f'<text x="{width - left}" y="{height - 8}" text-anchor="end" font-size="17" fill="{MUTED}">'
                f"{escape(_short(high_label, 40))}</text>"
            )
    return _svg(width, height, title, body, "poll-chart")


def word_cloud(cloud: list[tuple[str, int, int]], *, title: str, count_text: Callable[[int], str] = str) -> str:
    """``(word, count, size step)`` as a list whose items carry the size class ``wc-<step>``; screen readers hear
    each word with its count."""
    items = "".join(
        f'<li class="wc-{step}" data-count="{count}">{escape(word)}'
        f'<span class="visually-hidden"> ({escape(count_text(count))})</span></li>'
        for word, count, step in cloud
    )
    return f'<ul class="wordcloud" aria-label="{escape(title)}">{items}</ul>'
