"""Coding katas: the catalogue, the runner that executes the person's file, and the grader.

Nothing here prints; the commands in `interviewprep.cli.kata_commands` render the results.
"""
