"""Errors a user can cause. The CLI prints them as one line and exits with ``exit_code``."""


class QuotesError(Exception):
    """Base class for expected, user-caused errors (bad path, bad file, bad option)."""

    exit_code: int = 2


class DependencyError(QuotesError):
    """A library a reader needs is not installed: an installation problem, not a bad file."""

    exit_code = 2


class UsageError(QuotesError):
    """A bad option or argument."""

    exit_code = 2


class InputError(QuotesError):
    """An input file that cannot be read or parsed."""

    exit_code = 1


class ComponentError(QuotesError, ValueError):
    """The spaCy component is used on a pipeline that lacks what it needs."""

    exit_code = 2


class ModelError(QuotesError):
    """The requested spaCy pipeline cannot be loaded."""

    exit_code = 2


class OutputError(QuotesError):
    """An output file that cannot be written (the data it would have held is not lost: the
    old file, if any, is left as it was)."""

    exit_code = 1


class DaskUnavailable(UsageError):
    """The optional Dask dependencies are not installed."""


class DaskSchedulerError(UsageError):
    """The scheduler cannot be reached or the local cluster cannot start."""


class ParquetUnavailable(UsageError):
    """The optional pyarrow dependency is not installed."""


class GazetteerError(QuotesError):
    """A gazetteer file that cannot be read or does not validate."""

    exit_code = 2


class StoreError(QuotesError):
    """The database cannot be opened or is not a quotes database."""

    exit_code = 2


class NotFound(QuotesError):
    """A quote or article id that is not in the database."""

    exit_code = 1


class CorrectionError(QuotesError):
    """A correction that cannot be made (bad value, unknown quote) or a bad corrections file."""

    exit_code = 1
