"""Public, read-only HSDS 3.0 endpoints of an organisation's sociale kaart (never persons)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["hsds"])
