"""Importers: a data steward's spreadsheets read into the model (``docs/steward-template.md``)."""
