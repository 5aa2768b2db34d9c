"""Reads of case data. Every selector takes the actor and starts from ``visible_to`` / ``full_for``."""
