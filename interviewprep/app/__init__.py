"""The application layer: what every command calls, opened on a data folder and a clock.

The library is the product and the CLI one client of it (as in sqlite-utils and llm):
commands parse arguments, make one call here, and render the dataclass it returns.
"""

from interviewprep.app.core import App, utc_now

__all__ = ["App", "utc_now"]
