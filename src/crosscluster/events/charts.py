"""Bar charts as SVG markup, drawn on the server: the site's Content-Security-Policy allows no scripts that could
draw them in the browser and no inline styles, so colours are SVG presentation attributes.

Plain Python without Django. Every text that goes into the markup is escaped here. Each chart carries a title
and a description for screen readers; pages show the numbers in a table beside it as well.
"""

from html import escape

BAR = "#0b4f8a"
BAR_ALT = "#1e6b34"
INK = "#1d2433"
MUTED = "#4a5468"
GRID = "#d5dae3"


def _fmt(value) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}"
    return str(int(value))


def _svg(width: int, height: int, title: str, body: list[str], description: str = "") -> str:
    desc = f"<desc>{escape(description)}</desc>" if description else ""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="{escape(title)}" class="chart" preserveAspectRatio="xMinYMin meet">'
        f"<title>{escape(title)}</title>{desc}{''.join(body)}</svg>"
    )


def horizontal_bars(items, *, title: str, description: str = "", maximum=None, width: int = 640) -> str:
    """One labelled bar per ``(label, value)``; ``maximum`` fixes the scale (e.g. a capacity)."""
    items = [(str(label), value or 0) for label, value in items]
    label_width, row, gap, right = 270, 26, 8, 50
    height = max(1, len(items)) * (row + gap) + gap
    top = max([maximum or 0] + [v for _l, v in items]) or 1
    usable = width - label_width - right
    body = []
    for n, (label, value) in enumerate(items):
        y = gap + n * (row + gap)
        length = round(usable * value / top) if value > 0 else 0
        short = label if len(label) <= 34 else label[:33] + "…"
        body.append(
            f'<text x="{label_width - 8}" y="{y + row * 0.68:.1f}" text-anchor="end" font-size="13" '
            f'fill="{INK}"><title>{escape(label)}</title>{escape(short)}</text>'
        )
        body.append(f'<rect x="{label_width}" y="{y}" width="{usable}" height="{row}" fill="{GRID}" opacity="0.45"/>')
        body.append(f'<rect x="{label_width}" y="{y}" width="{length}" height="{row}" fill="{BAR}"/>')
        body.append(
            f'<text x="{label_width + length + 6}" y="{y + row * 0.68:.1f}" font-size="13" '
            f'fill="{INK}">{escape(_fmt(value))}</text>'
        )
    return _svg(width, height, title, body, description)


def columns(items, *, title: str, description: str = "", width: int = 640, height: int = 220) -> str:
    """Vertical columns over a row of labels (for example registrations per day); long rows show every n-th label."""
    items = [(str(label), value or 0) for label, value in items]
    left, bottom, top_pad = 40, 36, 12
    plot_w, plot_h = width - left - 8, height - bottom - top_pad
    top = max([v for _l, v in items] or [0]) or 1
    body = [
        f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{width - 8}" y2="{top_pad + plot_h}" stroke="{MUTED}"/>',
        f'<text x="{left - 6}" y="{top_pad + 10}" text-anchor="end" font-size="12" fill="{MUTED}">'
        f"{escape(_fmt(top))}</text>",
        f'<text x="{left - 6}" y="{top_pad + plot_h}" text-anchor="end" font-size="12" fill="{MUTED}">0</text>',
    ]
    if items:
        slot = plot_w / len(items)
        bar = max(1.0, slot * 0.7)
        every = max(1, round(len(items) / 8))
        for n, (label, value) in enumerate(items):
            h = plot_h * value / top
            x = left + n * slot + (slot - bar) / 2
            body.append(
                f'<rect x="{x:.1f}" y="{top_pad + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{BAR}">'
                f"<title>{escape(label)}: {escape(_fmt(value))}</title></rect>"
            )
            if n % every == 0 or n == len(items) - 1:
                body.append(
                    f'<text x="{x + bar / 2:.1f}" y="{height - 14}" text-anchor="middle" font-size="11" '
                    f'fill="{MUTED}">{escape(label)}</text>'
                )
    return _svg(width, height, title, body, description)


def stacked_bar(parts, *, title: str, description: str = "", width: int = 640) -> str:
    """One bar split into ``(label, value)`` parts, with a legend: for example checked in against no-shows."""
    parts = [(str(label), value or 0) for label, value in parts]
    total = sum(v for _l, v in parts) or 1
    colours = [BAR_ALT, "#a4161a", BAR, "#8a4b00", MUTED]
    height, bar_h = 80, 28
    body, x = [], 0.0
    for n, (_label, value) in enumerate(parts):
        w = (width - 2) * value / total
        colour = colours[n % len(colours)]
        body.append(f'<rect x="{x + 1:.1f}" y="4" width="{w:.1f}" height="{bar_h}" fill="{colour}"/>')
        x += w
    lx = 1
    for n, (label, value) in enumerate(parts):
        body.append(f'<rect x="{lx}" y="{bar_h + 18}" width="12" height="12" fill="{colours[n % len(colours)]}"/>')
        text = f"{label}: {_fmt(value)}"
        body.append(f'<text x="{lx + 16}" y="{bar_h + 28}" font-size="13" fill="{INK}">{escape(text)}</text>')
        lx += 16 + 8 * len(text) + 16
    return _svg(width, height, title, body, description)
