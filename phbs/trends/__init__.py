"""Survey rounds compared (docs/aturan.md §5.8): rounds, villages lined up across code
changes, changes with their intervals and verdicts."""
