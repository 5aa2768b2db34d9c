"""Scenarios of the volunteers app (issue 5); registered with @scenario."""
