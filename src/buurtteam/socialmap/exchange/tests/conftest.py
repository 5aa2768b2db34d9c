from __future__ import annotations

import pytest

from buurtteam.socialmap.exchange.tests.standards import hsds_dir


@pytest.fixture
def hsds() -> object:
    return hsds_dir()
