"""Writers for every output: tables (CSV/JSON), issue lists, and later the full reports."""
