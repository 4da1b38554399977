"""Field forms made from a survey form: the XLSForm for KoBoToolbox/ODK (``xlsform``), the
Excel entry template (``entry_template``) and the printable paper form (``paper_form``)."""
