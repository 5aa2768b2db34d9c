"""Scenarios of the socialmap app (issue 5); registered with @scenario."""
