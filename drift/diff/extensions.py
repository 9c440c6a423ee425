"""Extensions: declared in schema.prisma (`extensions = [...]`) vs installed in the database."""

from __future__ import annotations

from drift.diff.context import Comparison
from drift.diff.findings import FindingKind
from drift.diff.messages import render_message
from drift.diff.pairing import pair_by_key

K = FindingKind
# Extensions every database has; never worth a finding.
BUILTIN_EXTENSIONS = frozenset({"plpgsql"})


def compare_extensions(comparison: Comparison) -> None:
    expected = [extension for extension in comparison.expected.extensions if extension.name not in BUILTIN_EXTENSIONS]
    actual = [extension for extension in comparison.actual.extensions if extension.name not in BUILTIN_EXTENSIONS]
    pairing = pair_by_key(expected, actual, lambda extension: extension.name)
    for extension in pairing.only_expected:
        comparison.report_only_in_prisma(
            K.MISSING_EXTENSION,
            extension,
            object=extension.name,
            message=render_message(K.MISSING_EXTENSION, extension=extension.name),
        )
    # Extensions are optional in schema.prisma (a preview feature): report extras only when it declares some.
    if expected:
        for extension in pairing.only_actual:
            comparison.report_only_in_database(
                K.EXTRA_EXTENSION,
                extension,
                object=extension.name,
                message=render_message(K.EXTRA_EXTENSION, extension=extension.name),
            )
