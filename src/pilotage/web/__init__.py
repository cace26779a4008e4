"""The web application: Django apps laid out by domain over the plain-Python core.

`accounts` (institutions, roles, grants), `catalogue` (contract versions persisted from contract
files), `audit` (who changed what). Views call the same core functions as the CLI.
"""
