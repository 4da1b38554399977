"""Writers for every output: the reports (``report``: the workbook in ``excel/``, the page in
``html/``, what both show in ``content``), tables (``tables``, ``households``, ``ranking``), the
terminal text (``text``) and the field forms made from a form (``fieldforms/``)."""
