"""Extension points for the apps above ``cases`` (referrals, safety), so imports stay one-way.

``cases`` never imports a higher app. A higher app registers callables here in its ``AppConfig.ready()``:

* ``DOSSIER_SECTIONS``: extra sections on the full case page (``section(request, actor, case)`` returns a
  :class:`DossierSection` or ``None``); the section's own selectors do the access check and the audit.
* ``NETWORK_NODES``: extra nodes on the household's network map (e.g. partners with an agreement).
* ``CLOSE_GUARDS``: checks before a case is closed; one raises ``CaseStepError`` with a Dutch message
  (e.g. "a referral is still waiting: the resident may not drop out of sight").

Everything registered runs inside the caller's request or transaction; nothing here bypasses the gate.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.http import HttpRequest

    from buurtteam.cases.charts.network import NetworkNode
    from buurtteam.cases.models import Case
    from buurtteam.core.actor import Actor


@dataclass(frozen=True)
class DossierSection:
    """A section of the case page, rendered from ``template`` with ``context``.

    ``anchor`` is the section's id (for the table of contents), ``title`` its heading, ``order`` where it
    goes (lower first; the built-in sections sit between 10 and 100, ``plan`` at 50).
    """

    anchor: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 55


SectionFactory = Callable[["HttpRequest", "Actor", "Case"], "DossierSection | None"]
NodeFactory = Callable[["Actor", "Case"], "list[NetworkNode]"]
CloseGuard = Callable[["Actor", "Case", str], None]

DOSSIER_SECTIONS: list[SectionFactory] = []
NETWORK_NODES: list[NodeFactory] = []
CLOSE_GUARDS: list[CloseGuard] = []


def register(registry: list[Any], item: Any) -> None:
    """Add ``item`` once (``ready()`` may run more than once in tests)."""
    if item not in registry:
        registry.append(item)


def dossier_sections(request: HttpRequest, actor: Actor, case: Case) -> list[DossierSection]:
    found = [s for factory in DOSSIER_SECTIONS if (s := factory(request, actor, case)) is not None]
    return sorted(found, key=lambda s: s.order)


def network_nodes(actor: Actor, case: Case) -> list[NetworkNode]:
    return [node for factory in NETWORK_NODES for node in factory(actor, case)]


def check_close(actor: Actor, case: Case, reason: str) -> None:
    for guard in CLOSE_GUARDS:
        guard(actor, case, reason)
