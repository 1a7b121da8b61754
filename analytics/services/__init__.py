"""One module per page: each returns a typed view (frozen dataclasses) that the page draws."""
