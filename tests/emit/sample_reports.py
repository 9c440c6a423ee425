"""Hand-built reports for the emitter tests: one finding of each family the reports must lay out, with and without
a Prisma origin, a rename with reasons, a relation suggestion, a note, names that need quoting, a stale baseline."""

from __future__ import annotations

from drift.diff.findings import DriftReport, Finding, FindingKind, RenameSuggestion, Severity, sort_findings
from drift.model.schema import Column, EnumValue, ForeignKey, Index, IndexColumn, PrimaryKey, PrismaOrigin, Table


def origin(line: int, model: str, field: str | None = None, column: int = 3) -> PrismaOrigin:
    return PrismaOrigin(file="schema.prisma", line=line, column=column, model=model, field=field)


def _finding(kind: FindingKind, severity: Severity, message: str, **fields) -> Finding:
    return Finding(kind=kind, severity=severity, schema_name="public", message=message, **fields)


def mixed_report() -> DriftReport:
    is_active = Column(name="is_active", type="boolean", nullable=False, default="true", position=5)
    status = Column(name="status", type="character varying", nullable=False, default="'active'", position=5)
    product_code = Column(name="product_code", type="text", nullable=False, position=3)
    product_id = Column(name="product_id", type="integer", nullable=False, position=3)
    notes = Column(name="notes", type="text", nullable=True, position=9)
    legacy = Column(name="legacy_flag", type="smallint", nullable=True, default="0", position=12)
    price_expected = Column(name="price", type="numeric", nullable=False, position=4)
    price_actual = Column(name="price", type="double precision", nullable=False, position=4)
    email_index = Index(name="users_email_idx", columns=(IndexColumn(column="email"),), method="btree", unique=False)
    lower_email = Index(name="users_lower_email_idx", columns=(IndexColumn(expression="lower(email)"),))
    fk_expected = ForeignKey(
        name="orders_user_id_fkey",
        columns=("user_id",),
        referenced_schema="public",
        referenced_table="users",
        referenced_columns=("id",),
        on_delete="RESTRICT",
        on_update="CASCADE",
    )
    fk_actual = fk_expected.model_copy(update={"on_delete": "CASCADE"})
    audit = Table(
        schema_name="public",
        name="audit log",
        columns=(Column(name="id", type="bigint", nullable=False, default="autoincrement()", position=1),),
        primary_key=PrimaryKey(name="audit log_pkey", columns=("id",)),
    )
    findings = [
        _finding(
            FindingKind.RENAME_CANDIDATE,
            Severity.ERROR,
            'Field "isActive" expects column "is_active", which the database does not have; it is probably "status".',
            table="products",
            column="status",
            expected="is_active",
            actual="status",
            prisma=origin(14, "Product", "isActive"),
            rename=RenameSuggestion(
                from_name="is_active",
                to="status",
                confidence=0.82,
                reasons=("synonyms is_active ~ status", "same position", "both NOT NULL"),
            ),
            expected_object=is_active,
            actual_object=status,
        ),
        _finding(
            FindingKind.TYPE_MISMATCH,
            Severity.ERROR,
            'Column "products"."price" is "double precision" in the database; schema.prisma expects "numeric".',
            table="products",
            column="price",
            expected="numeric",
            actual="double precision",
            prisma=origin(12, "Product", "price"),
            expected_object=price_expected,
            actual_object=price_actual,
        ),
        _finding(
            FindingKind.EXTRA_COLUMN,
            Severity.WARNING,
            'Column "products"."legacy_flag" exists only in the database.',
            table="products",
            column="legacy_flag",
            actual="smallint",
            actual_object=legacy,
        ),
        _finding(
            FindingKind.RELATION_CANDIDATE,
            Severity.ERROR,
            'Field "productCode" expects column "product_code"; the database has "product_id" referencing "products".',
            table="subscriptions",
            column="product_id",
            expected="product_code",
            actual="product_id",
            prisma=origin(40, "Subscription", "productCode"),
            rename=RenameSuggestion(
                from_name="product_code",
                to="product_id",
                confidence=0.7,
                reasons=("name tokens product", "foreign key product_id -> products"),
            ),
            expected_object=product_code,
            actual_object=product_id,
        ),
        _finding(
            FindingKind.NULLABILITY_MISMATCH,
            Severity.ERROR,
            'Column "subscriptions"."notes" is nullable in the database; schema.prisma makes it required.',
            table="subscriptions",
            column="notes",
            expected=False,
            actual=True,
            prisma=origin(44, "Subscription", "notes"),
            expected_object=notes.model_copy(update={"nullable": False}),
            actual_object=notes,
        ),
        _finding(
            FindingKind.MISSING_INDEX,
            Severity.ERROR,
            'Index "users_email_idx" on "users" ("email") is missing from the database.',
            table="users",
            object="users_email_idx",
            expected=["email"],
            prisma=origin(70, "User", None),
            expected_object=email_index,
        ),
        _finding(
            FindingKind.UNMANAGED_OBJECT,
            Severity.INFO,
            'Expression index "users_lower_email_idx" cannot be expressed in schema.prisma.',
            table="users",
            object="users_lower_email_idx",
            actual="CREATE INDEX users_lower_email_idx ON public.users USING btree (lower(email))",
            actual_object=lower_email,
        ),
        _finding(
            FindingKind.FK_ACTION_MISMATCH,
            Severity.WARNING,
            'Foreign key "orders_user_id_fkey" has ON DELETE CASCADE in the database; schema.prisma expects RESTRICT.',
            table="orders",
            object="orders_user_id_fkey",
            expected={"on_delete": "RESTRICT"},
            actual={"on_delete": "CASCADE"},
            prisma=origin(55, "Order", "user"),
            expected_object=fk_expected,
            actual_object=fk_actual,
        ),
        _finding(
            FindingKind.EXTRA_TABLE,
            Severity.WARNING,
            'Table "audit log" exists only in the database.',
            table="audit log",
            actual_object=audit,
        ),
        _finding(
            FindingKind.ENUM_VALUE_MISSING,
            Severity.ERROR,
            'Enum "Plan" has no value "ENTERPRISE" in the database.',
            object="Plan",
            expected="ENTERPRISE",
            prisma=origin(90, "Plan", None, column=3),
            expected_object=EnumValue(name="ENTERPRISE"),
        ),
    ]
    stale = (
        (
            '{"actual":"text","column":"old","expected":null,"kind":"extra_column","object":null,'
            '"schema":"public","table":"legacy"}'
        ),
    )
    unused_config = (
        'renames: "products.is_activ" = "status": products has no field or column is_activ',
        'forbid_renames: "backups.type" = "kind": the database table backups has no column kind',
    )
    notes = (
        'None of the 3 tables of schema.prisma is in the database, which has 2 other tables in schema "public": is it '
        "the right database (and the right ?schema= in its URL)?",
    )
    return DriftReport(
        findings=sort_findings(findings),
        stale_baseline=stale,
        suppressed=1,
        unused_config=unused_config,
        notes=notes,
    )


def clean_report() -> DriftReport:
    return DriftReport()


CASES = {"mixed": mixed_report, "clean": clean_report}
