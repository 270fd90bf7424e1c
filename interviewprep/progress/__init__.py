"""Progress over time: statistics, history and portability of the store."""
