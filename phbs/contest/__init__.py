"""The village contest: the rubric (``rubric``, ``rubric_loading``, ``mappings``, ``weights``,
``ahp``), its inputs (``judges``, ``inputs``, ``measures``), criterion scores (``criteria``),
ranking (``ranking``, ``kernels``, ``ties``, ``notes``, ``models``), judges' agreement
(``concordance``, ``agreement``), how sure a ranking is (``resampling``, ``bootstrap``,
``uncertainty``, ``assessment``) and one contest run as the commands make it (``run``).
Rules: docs/aturan.md §7."""
