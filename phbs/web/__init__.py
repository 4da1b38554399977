"""``phbs web``: the toolkit in a page of a local browser.

:mod:`phbs.web.jobs` runs one job (the survey read and scored, the reports, summaries and
ranking written into the job's folder) with the same library calls as ``phbs score``,
``phbs report``, ``phbs validate`` and ``phbs rank``; it needs nothing of the web stack, nor
does :mod:`phbs.web.worker`, which keeps a server's jobs and runs each on a thread.
:mod:`phbs.web.app` is the Starlette application (the routes and the page,
:mod:`phbs.web.page`), :mod:`phbs.web.guard` its security checks and
:mod:`phbs.web.server` starts it with uvicorn. Only this package imports the web stack
(``pip install 'phbs[web]'``).
"""

#: The folder of a job's uploads, inside the job's folder (the outputs sit beside it).
UPLOADS = "masukan"
