"""Staff administration for the functional administrator (filled in by the admin-screens work)."""
