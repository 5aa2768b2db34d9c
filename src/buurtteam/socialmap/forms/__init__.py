"""Forms of the sociale kaart: they check input only; writes go through the socialmap services."""
