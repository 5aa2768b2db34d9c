"""Scenarios of the community app (issue 5); registered with @scenario."""
