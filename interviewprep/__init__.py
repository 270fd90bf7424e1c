"""interviewprep: daily flashcards, coding katas and progress for LLM interviews."""

__version__ = "0.1.0"
