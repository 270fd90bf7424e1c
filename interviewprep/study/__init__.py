"""The study session: grading answers, building the queue, scheduling with FSRS, undo."""
