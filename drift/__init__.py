"""drift: reconcile schema.prisma with the PostgreSQL database it describes."""

__version__ = "0.1.0"
