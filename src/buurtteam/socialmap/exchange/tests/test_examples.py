"""Every official HSDS 3.0 example imports cleanly: a clean dry run, the import, and re-import unchanged."""

from __future__ import annotations

import pytest
from conftest import Tenant

from buurtteam.socialmap.exchange.tests import standards
from buurtteam.socialmap.exchange.tests.helpers import apply, preview, table_counts, totals

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", standards.example_names())
def test_official_example_imports_cleanly(tenant: Tenant, name: str) -> None:
    content = (standards.hsds_dir() / "examples" / name).read_bytes()
    org = tenant.organisation.pk
    before = table_counts()
    dry = preview(org, content, name)
    assert dry.problems == [], dry.problems
    assert table_counts() == before  # a dry run writes nothing
    done = apply(org, content, name)
    assert done.clean and done.counts == dry.counts
    again = preview(org, content, name)
    assert again.problems == []
    assert totals(again)["create"] == 0 and totals(again)["update"] == 0, again.counts
    assert (
        totals(again)["unchanged"] >= totals(dry)["create"] - 1
    )  # a taxonomy only named by a term is not re-listed
    after = table_counts()
    apply(org, content, name)
    assert table_counts() == {**after, "audit": after["audit"] + 1}  # no duplicates, one audit event
