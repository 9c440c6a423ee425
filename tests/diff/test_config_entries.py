"""Rename pins and vetoes that match nothing are reported with the reason; the ones that work are not."""

from __future__ import annotations

from drift.config import DriftConfig
from drift.diff.compare import compare_schemas
from tests.diff.test_renames import seed_actual, seed_expected


def unused(**config) -> tuple[str, ...]:
    return compare_schemas(seed_expected(), seed_actual(), DriftConfig(**config)).unused_config


def test_working_pins_and_vetoes_are_not_reported():
    assert unused(
        renames={"products.sku": "legacy_code", "public.products.is_active": "status"},
        forbid_renames={"ssl_certificates.domain_id": "domain_name", "products.is_active": "*"},
    ) == ()


def test_a_pin_to_a_field_schema_prisma_does_not_have():
    assert unused(renames={"products.is_activ": "status"}) == (
        'renames: "products.is_activ" = "status": products has no field or column is_activ',
    )


def test_a_pin_to_a_table_schema_prisma_does_not_have():
    assert unused(renames={"product.is_active": "status"}) == (
        'renames: "product.is_active" = "status": schema.prisma has no model or table product',
    )


def test_a_pin_to_a_database_column_that_is_gone():
    assert unused(renames={"products.is_active": "state"}) == (
        'renames: "products.is_active" = "state": the database table products has no column state',
    )


def test_a_pin_whose_rename_has_been_applied_is_no_longer_needed():
    # products.name exists on both sides under the same name.
    assert unused(renames={"products.name": "title"}) == (
        'renames: "products.name" = "title": the database column already has that name; the pin is no longer '
        "needed",
    )


def test_a_veto_of_a_column_that_is_gone_and_a_lasting_veto():
    assert unused(forbid_renames={"ssl_certificates.domain_id": "domain", "products.name": "*"}) == (
        'forbid_renames: "ssl_certificates.domain_id" = "domain": the database table ssl_certificates has no '
        "column domain",
    )


def test_unused_entries_do_not_change_the_findings():
    plain = compare_schemas(seed_expected(), seed_actual())
    configured = compare_schemas(seed_expected(), seed_actual(), DriftConfig(renames={"nope.nope": "x"}))
    assert configured.findings == plain.findings
    assert configured.unused_config and not plain.unused_config


def test_a_table_pin_to_a_model_that_does_not_exist_and_one_already_applied():
    assert unused(renames={"Invoice": "billing_documents", "products": "products_v2"}) == (
        'renames: "Invoice" = "billing_documents": schema.prisma has no model or table Invoice',
        'renames: "products" = "products_v2": the database table already has that name; the pin is no longer needed',
    )


def test_a_pin_on_an_ignored_table_says_so():
    assert unused(ignore=["products"], renames={"products.is_active": "status"}) == (
        'renames: "products.is_active" = "status": products is ignored by the configuration or outside the checked '
        "schemas",
    )
