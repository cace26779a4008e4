"""The contract catalogue: contract versions persisted from contract files."""
