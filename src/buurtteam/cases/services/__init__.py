"""Writes on cases. Import the specific module: ``from buurtteam.cases.services import lifecycle``."""
