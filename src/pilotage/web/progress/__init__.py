"""Follow-up of action-commitments and continuous missions: status, completions, events."""
