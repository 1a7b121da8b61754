"""One use case per page: small arguments in, a typed view (frozen dataclass) out.

Services may import domain, data, io, reports, store and geodata; never Streamlit. Cached reads
come in through :class:`analytics.services.context.Context`, which the app edge (``ui``) builds.
"""
