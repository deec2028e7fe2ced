"""Demo data: Hamburg's eight clusters and four friendly networks with invented member organisations.

The clusters, networks and topics are real (described in our own words); every member
organisation, person and address is invented, generated deterministically from a fixed seed
and flagged with ``is_demo`` and a marker in its description. ``generator`` is plain Python
(no database); ``loader`` writes its output into the database.
"""

DEMO_PASSWORD = "demo-crosscluster"
DEMO_MARKER_DE = "(Demo-Daten: fiktives Unternehmen)"
DEMO_MARKER_EN = "(Demo data: fictitious company)"
DEMO_MARKER_ORG_DE = "(Demo-Daten: fiktive Organisation)"
DEMO_MARKER_ORG_EN = "(Demo data: fictitious organisation)"
