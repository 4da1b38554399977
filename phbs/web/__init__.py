"""``phbs web``: the toolkit in a page of a local browser.

:mod:`phbs.web.jobs` runs one job (the survey read and scored, the reports, summaries and
ranking written into the job's folder) with the same library calls as ``phbs score``,
``phbs report``, ``phbs validate`` and ``phbs rank``; it needs nothing of the web stack.
"""
