"""The evaluation cycle in the web application: annual evaluations, the contradictory report,
adaptation requests, the art. 48/50/51 registers and the reminders (see `services`)."""
