"""Fixtures of the community tests."""

from buurtteam.community.tests.helpers import world

__all__ = ["world"]
