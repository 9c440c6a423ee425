"""Synthetic multi-tenant schemas for the benchmarks: a schema.prisma of N models and the SQL Prisma creates for it.

Each model looks like a table of a real SaaS: a uuid id, a tenant relation, often a relation to a nearby model,
about eight scalar fields (varchar, enum, decimal, boolean, json, timestamps), a doc comment, two or three indexes and
a unique constraint. The SQL is written here, from the same description, following Prisma's conventions (what
`prisma migrate diff --from-empty` prints), so the benchmarks need neither node nor Prisma;
`--verify URL` asks Prisma's engine (the oracle) to confirm that it sees no difference between the two.

    python bench/synthetic.py 1000 /tmp/synthetic-1000            # writes schema.prisma and database.sql
    python bench/synthetic.py 100 /tmp/s100 --verify URL           # then checks them with `oracle diff`
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ORACLE = Path(
    os.environ.get("DRIFT_PRISMA_ORACLE", Path(__file__).resolve().parents[2] / "shared/tools/prisma-oracle/oracle.mjs")
)

AREAS = [
    "Billing",
    "Hosting",
    "Mail",
    "Backup",
    "Dns",
    "Support",
    "Security",
    "Pod",
    "Report",
    "Catalog",
    "Order",
    "Inventory",
    "Shipping",
    "Payroll",
    "Crm",
    "Marketing",
    "Analytics",
    "Identity",
    "Storage",
    "Network",
]
NOUNS = [
    "Account",
    "Invoice",
    "Payment",
    "Record",
    "Event",
    "Job",
    "Plan",
    "Item",
    "Note",
    "Task",
    "Rule",
    "Policy",
    "Report",
    "Schedule",
    "Asset",
    "Contact",
    "Message",
    "Setting",
    "Token",
    "Snapshot",
    "Volume",
    "Ticket",
    "Review",
    "Quota",
    "Alert",
    "Channel",
    "Campaign",
    "Segment",
    "Webhook",
    "Export",
    "Import",
    "Batch",
    "Ledger",
    "Entry",
    "Address",
    "Profile",
    "Device",
    "Session",
    "License",
    "Coupon",
    "Refund",
    "Dispute",
    "Shipment",
    "Package",
    "Supplier",
    "Warehouse",
    "Metric",
    "Dashboard",
    "Widget",
    "Tag",
]
STATES = ["DRAFT", "ACTIVE", "SUSPENDED", "ARCHIVED"]


def snake(name: str) -> str:
    out = []
    for index, char in enumerate(name):
        if char.isupper() and index:
            out.append("_")
        out.append(char.lower())
    return "".join(out)


def lower_first(name: str) -> str:
    return name[0].lower() + name[1:]


@dataclass(frozen=True)
class SyntheticModel:
    name: str
    table: str
    parent: int | None  # index of the model this one belongs to, besides its tenant
    status_enum: str
    has_amount: bool


@dataclass(frozen=True)
class Synthetic:
    prisma: str
    sql: str
    models: int
    foreign_keys: int


def plan_models(count: int) -> list[SyntheticModel]:
    """Model 0 is the tenant; the others are named area + noun (+ a round number once the pairs run out)."""
    models = [SyntheticModel("Tenant", "tenants", None, "", False)]
    enums = max(2, count // 20)
    for index in range(1, count):
        round_, position = divmod(index - 1, len(AREAS) * len(NOUNS))
        area, noun = AREAS[position % len(AREAS)], NOUNS[position // len(AREAS)]
        name = f"{area}{noun}{round_ + 1 if round_ else ''}"
        table = snake(f"{area}{noun}") + "s" + (f"_{round_ + 1}" if round_ else "")
        # Two models in three belong to an earlier model of the same area (an item to its invoice, and so on).
        parent = index - len(AREAS) if index > len(AREAS) and index % 3 else None
        models.append(SyntheticModel(name, table, parent, f"Status{index % enums}", index % 2 == 0))
    return models


def _align(rows: list[list[str]]) -> list[str]:
    """Pad the name and type columns as `prisma format` does."""
    widths = [max(len(row[column]) for row in rows) for column in range(2)]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0]), row[1].ljust(widths[1]) if len(row) > 2 else row[1]]
        lines.append(("  " + " ".join(cells + row[2:])).rstrip())
    return lines


def render_prisma(models: list[SyntheticModel]) -> str:
    enums = sorted({model.status_enum for model in models[1:]}, key=lambda name: int(name[6:]))
    children: dict[int, list[int]] = {}
    for index, model in enumerate(models):
        if index:
            children.setdefault(0, []).append(index)
        if model.parent is not None:
            children.setdefault(model.parent, []).append(index)
    out = [
        "generator client {",
        '  provider = "prisma-client-js"',
        "}",
        "",
        "datasource db {",
        '  provider = "postgresql"',
        "}",
    ]
    for index, model in enumerate(models):
        out.append("")
        rows = [["id", "String", "@id", "@default(uuid())", "@db.Uuid"]]
        blocks = []
        if index == 0:
            rows += [
                ["name", "String", "@db.VarChar(120)"],
                ["slug", "String", "@unique"],
                ["createdAt", "DateTime", "@default(now())", '@map("created_at")'],
            ]
        else:
            out.append(f"/// {model.name}: one of the tenant's {snake(model.name).replace('_', ' ')} records.")
            rows += [
                ["tenantId", "String", '@map("tenant_id")', "@db.Uuid"],
                ["tenant", "Tenant", "@relation(fields: [tenantId], references: [id], onDelete: Cascade)"],
            ]
            blocks += ["@@unique([tenantId, name])", "@@index([tenantId, status])"]
            if model.parent is not None:
                parent = models[model.parent]
                rows += [
                    ["parentId", "String?", '@map("parent_id")', "@db.Uuid"],
                    ["parent", f"{parent.name}?", "@relation(fields: [parentId], references: [id], onDelete: SetNull)"],
                ]
                blocks.append("@@index([parentId])")
            rows += [
                ["name", "String", "@db.VarChar(120)"],
                ["description", "String?"],
                ["status", model.status_enum, "@default(ACTIVE)"],
            ]
            if model.has_amount:
                rows.append(["amount", "Decimal", "@default(0)", "@db.Decimal(10, 2)"])
            rows += [
                ["isActive", "Boolean", "@default(true)", '@map("is_active")'],
                ["metadata", "Json?"],
                ["createdAt", "DateTime", "@default(now())", '@map("created_at")'],
                ["updatedAt", "DateTime", "@updatedAt", '@map("updated_at")'],
            ]
            blocks.append("@@index([createdAt(sort: Desc)])")
        out.append(f"model {model.name} {{")
        out += _align(rows)
        backs = [
            [lower_first(models[child].name) + "s", f"{models[child].name}[]"] for child in children.get(index, [])
        ]
        if backs:
            out.append("")
            out += _align(backs)
        out.append("")
        out += [f"  {block}" for block in blocks]
        out.append(f'  @@map("{model.table}")')
        out.append("}")
    for name in enums:
        out += ["", f"enum {name} {{"] + [f"  {value}" for value in STATES] + ["}"]
    return "\n".join(out) + "\n"


def render_sql(models: list[SyntheticModel]) -> str:
    """The DDL Prisma's engine creates for `render_prisma(models)`, in its order: enums, tables, indexes, keys."""
    enums = sorted({model.status_enum for model in models[1:]}, key=lambda name: int(name[6:]))
    values = ", ".join(f"'{value}'" for value in STATES)
    out = ['-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n']
    out += [f'-- CreateEnum\nCREATE TYPE "{name}" AS ENUM ({values});\n' for name in enums]
    indexes, keys = [], []
    for index, model in enumerate(models):
        t = model.table
        columns = ['"id" UUID NOT NULL']
        if index == 0:
            columns += ['"name" VARCHAR(120) NOT NULL', '"slug" TEXT NOT NULL']
            indexes.append(f'CREATE UNIQUE INDEX "{t}_slug_key" ON "{t}"("slug");')
        else:
            columns.append('"tenant_id" UUID NOT NULL')
            if model.parent is not None:
                columns.append('"parent_id" UUID')
            columns += [
                '"name" VARCHAR(120) NOT NULL',
                '"description" TEXT',
                f'"status" "{model.status_enum}" NOT NULL DEFAULT \'ACTIVE\'',
            ]
            if model.has_amount:
                columns.append('"amount" DECIMAL(10,2) NOT NULL DEFAULT 0')
            columns += ['"is_active" BOOLEAN NOT NULL DEFAULT true', '"metadata" JSONB']
        columns.append('"created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP')
        if index:
            columns.append('"updated_at" TIMESTAMP(3) NOT NULL')
            indexes.append(f'CREATE INDEX "{t}_tenant_id_status_idx" ON "{t}"("tenant_id", "status");')
            if model.parent is not None:
                indexes.append(f'CREATE INDEX "{t}_parent_id_idx" ON "{t}"("parent_id");')
            indexes.append(f'CREATE INDEX "{t}_created_at_idx" ON "{t}"("created_at" DESC);')
            indexes.append(f'CREATE UNIQUE INDEX "{t}_tenant_id_name_key" ON "{t}"("tenant_id", "name");')
            keys.append(
                f'ALTER TABLE "{t}" ADD CONSTRAINT "{t}_tenant_id_fkey" FOREIGN KEY ("tenant_id") '
                f'REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;'
            )
            if model.parent is not None:
                parent = models[model.parent].table
                keys.append(
                    f'ALTER TABLE "{t}" ADD CONSTRAINT "{t}_parent_id_fkey" FOREIGN KEY ("parent_id") '
                    f'REFERENCES "{parent}"("id") ON DELETE SET NULL ON UPDATE CASCADE;'
                )
        body = ",\n    ".join(columns)
        out.append(
            f'-- CreateTable\nCREATE TABLE "{t}" (\n    {body},\n\n    CONSTRAINT "{t}_pkey" PRIMARY KEY ("id")\n);\n'
        )
    out += [f"-- CreateIndex\n{statement}\n" for statement in indexes]
    out += [f"-- AddForeignKey\n{statement}\n" for statement in keys]
    return "\n".join(out)


def synthetic_schema(models: int) -> Synthetic:
    plan = plan_models(models)
    foreign_keys = len(plan) - 1 + sum(1 for model in plan if model.parent is not None)
    return Synthetic(render_prisma(plan), render_sql(plan), models, foreign_keys)


def write_synthetic(models: int, folder: Path) -> tuple[Path, Path]:
    """Write `schema.prisma` and `database.sql` for a schema of `models` models into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    synthetic = synthetic_schema(models)
    schema, sql = folder / "schema.prisma", folder / "database.sql"
    schema.write_text(synthetic.prisma)
    sql.write_text(synthetic.sql)
    return schema, sql


def oracle_command() -> list[str] | None:
    """How to run Prisma's engine (the oracle), or None when node or the oracle is absent."""
    node = shutil.which("node")
    if node is None or not ORACLE.exists():
        return None
    return [node, "--no-warnings", "--experimental-wasm-modules", str(ORACLE)]


def _verify(schema: Path, sql: Path, url: str) -> int:
    """Load the SQL into the database at `url` and ask Prisma's engine whether it matches the schema."""
    import psycopg

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from drift.sources.sqlscript import run_script

    oracle = oracle_command()
    if oracle is None:
        print("node or the Prisma oracle is absent; cannot verify.", file=sys.stderr)
        return 2
    with psycopg.connect(url, autocommit=True) as connection:
        run_script(connection, sql.read_text(), str(sql))
    formatted = subprocess.run(oracle + ["format", str(schema)], capture_output=True, text=True, check=True).stdout
    diff = subprocess.run(oracle + ["diff", str(schema), url], capture_output=True, text=True, check=True).stdout
    print("prisma format: " + ("identical" if formatted == schema.read_text() else "differs"))
    print("prisma diff: " + ("empty (the SQL matches the schema)" if not diff.strip() else "\n" + diff))
    return 0 if not diff.strip() else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--verify", metavar="URL", help="load database.sql there (an empty database) and run oracle diff"
    )
    arguments = parser.parse_args()
    schema, sql = write_synthetic(arguments.models, arguments.folder)
    print(f"{schema} ({schema.stat().st_size / 1e6:.2f} MB), {sql}")
    return _verify(schema, sql, arguments.verify) if arguments.verify else 0


if __name__ == "__main__":
    sys.exit(main())
