"""A person's home page: their figures, their deadlines, the comments awaiting their answer and
what changed since their last visit, across every contract they are granted."""
