"""Server-side pictures of a case, as accessible SVG.

* the life-domain chart: the first and the latest assessment on the 1-5 scale, as a radar chart, or as
  bars when fewer than three domains were scored (a radar needs three axes to mean anything);
* the network map: the household in the middle and the people and organisations around it.

Every picture is an ``<svg role="img">`` with a ``<title>`` and a ``<desc>``; the page puts a table or
list with the same facts next to it. Safe under the strict CSP: no scripts, no ``style`` attributes,
only SVG presentation attributes. Every piece of text goes through :func:`django.utils.html.format_html`,
which escapes it; the result is a ``SafeString`` that templates print without ``|safe``.
"""

from buurtteam.cases.charts.domains import DomainRow, domain_rows, life_domain_chart
from buurtteam.cases.charts.network import NetworkNode, network_map
from buurtteam.cases.charts.svg import FIRST_COLOUR, LATEST_COLOUR, SVG_NS, wrap

__all__ = [
    "FIRST_COLOUR",
    "LATEST_COLOUR",
    "SVG_NS",
    "DomainRow",
    "NetworkNode",
    "domain_rows",
    "life_domain_chart",
    "network_map",
    "wrap",
]
