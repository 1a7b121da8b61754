"""One module per page: each returns a typed view (frozen dataclass) that the page draws."""
