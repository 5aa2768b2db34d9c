"""Pages of the sociale kaart: every staff member of the organisation reads; map editors write."""
