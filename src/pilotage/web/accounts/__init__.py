"""Institutions, roles and who is granted which institution."""
