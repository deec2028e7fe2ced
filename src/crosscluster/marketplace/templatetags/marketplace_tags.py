from django import template
from django.utils import formats

from crosscluster.marketplace import messaging

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_threads(context) -> int:
    """How many of the user's conversations have unread messages (the marketplace navigation shows it)."""
    request = context.get("request")
    if request is None:
        return 0
    return messaging.unread_count(request.user)


@register.filter
def km(value) -> str:
    """A distance for people: "850 m" below one kilometre, "4.3 km", "120 km"."""
    if value is None:
        return ""
    value = float(value)
    if value < 1:
        return f"{round(value * 1000, -1):.0f} m"
    if value < 10:
        return f"{formats.number_format(round(value, 1), 1)} km"
    return f"{round(value):.0f} km"


@register.filter
def quantity(value) -> str:
    """A quantity without trailing zeros, localised ("1.500" in German, "1,500" in English)."""
    if value is None:
        return ""
    if value == value.to_integral_value():
        return formats.number_format(int(value), 0, use_l10n=True, force_grouping=True)
    return formats.number_format(value.normalize(), use_l10n=True, force_grouping=True)
