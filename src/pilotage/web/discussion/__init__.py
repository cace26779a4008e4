"""Comments and justifications on figures and actions, per period."""
