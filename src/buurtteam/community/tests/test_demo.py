"""The demo builder: links, groups and signals from a seed, the same rows for the same seed."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from buurtteam.community.models import Group, GroupParticipant, ServiceLink, Signal
from buurtteam.community.tests.helpers import World
from buurtteam.core.gate import system_access
from buurtteam.demo.builders.community import build_community

pytestmark = pytest.mark.django_db


def test_the_builder_fills_links_groups_and_signals(world: World) -> None:
    organisation = world.tenant.organisation
    counts = build_community(
        organisation=organisation, today=timezone.localdate(), rng=random.Random(7), scale=1.0
    )
    with system_access("test assertion"):
        assert counts["signals"] == Signal.objects.count() > 0
        assert counts["groups"] == Group.objects.count() >= 2
        assert GroupParticipant.objects.filter(resident__isnull=False).exists()
        assert ServiceLink.objects.count() == counts["service_links"]
        themes = list(Signal.objects.values_list("theme", flat=True))
        for group in Group.objects.all():
            assert group.leaders.exists()
    assert set(themes) <= {
        "loneliness",
        "money",
        "health",
        "housing",
        "parenting",
        "neglect",
        "domestic_tension",
        "other",
    }
