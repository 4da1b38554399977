"""The village contest: the rubric (``rubric``, ``mappings``, ``weights``, ``ahp``), its inputs
(``judges``, ``inputs``, ``measures``), criterion scores (``criteria``), ranking (``ranking``,
``kernels``, ``ties``, ``notes``, ``models``), judges' agreement (``concordance``,
``agreement``) and uncertainty (``resampling``, ``uncertainty``). Rules: docs/aturan.md §7."""
