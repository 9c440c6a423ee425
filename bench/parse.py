"""Benchmark: parse synthetic Prisma schemas of 100, 1,000 and 5,000 models; print time, MB/s and peak memory,
and the start-up time of `drift --help`.

    python bench/parse.py [--sizes 100,1000,5000] [--repeat 3] [--schema FILE ...]

`--schema` also times the given files (e.g. the schema.prisma of `bench/synthetic.py`, whose models are all made of
simple lines and so are one MODEL_BLOCK token each; every model here has an `Unsupported(...)` line, which is not).

Targets (issue 3): 1,000 models < 0.4 s, 5,000 models < 2 s, < 100 MiB peak at 1,000, `drift --help` < 0.3 s.
Peak memory is measured in a separate pass under tracemalloc (which slows the parse), so times are unaffected.
Wall and CPU time are both shown: on a shared, loaded machine the CPU time is the steadier figure. The CPU time
of a parse with the cyclic GC off (as `drift` runs) is shown too: with it on, the parse hands its tree to the GC's
oldest generation, which should cost nothing; a difference would show a GC pass over the tree.
"""

from __future__ import annotations

import argparse
import gc
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path


def synthetic_schema(models: int) -> str:
    """A schema shaped like real ones: ~12 varied fields per model, relations, indexes, enums, comments."""
    parts = [
        'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n',
        'generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n',
        'enum Status {\n  ACTIVE\n  INACTIVE @map("inactive")\n  DELETED\n\n  @@map("status")\n}\n',
    ]
    for index in range(models):
        target = f"Model{index - 1}" if index else f"Model{models - 1}"
        parts.append(
            f"/// Model number {index}.\n"
            f"model Model{index} {{\n"
            f'  id          String    @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid\n'
            f"  name        String    @db.VarChar(120)\n"
            f"  description String?   // free text\n"
            f"  count       Int       @default(0)\n"
            f"  price       Decimal   @default(0) @db.Decimal(10, 2)\n"
            f"  status      Status    @default(ACTIVE)\n"
            f"  tags        String[]\n"
            f'  data        Json?     @map("payload")\n'
            f'  createdAt   DateTime  @default(now()) @map("created_at") @db.Timestamptz(6)\n'
            f'  updatedAt   DateTime  @updatedAt @map("updated_at")\n'
            f'  parentId    String?   @map("parent_id") @db.Uuid\n'
            f'  email       String    @unique(map: "model{index}_email_key") @db.VarChar(320)\n'
            f'  isActive    Boolean   @default(true) @map("is_active")\n'
            f"  ratio       Float?    @default(1.5) /// a documented ratio\n"
            f"  version     BigInt    @default(autoincrement())\n"
            f'  search      Unsupported("tsvector")?\n'
            f"  parent      {target}? @relation(fields: [parentId], references: [id], onDelete: Cascade)\n"
            f"\n"
            f"  @@unique([name, status])\n"
            f'  @@index([createdAt(sort: Desc)], map: "model{index}_created_idx")\n'
            f'  @@map("model_{index}")\n'
            f"}}\n"
        )
        # Every model needs the back relation of the model that points at it.
        parts[-1] = parts[-1].replace(
            "\n\n  @@unique", f"\n  children{index}    Model{(index + 1) % models}[]\n\n  @@unique", 1
        )
    return "\n".join(parts)


def measure(models: int, repeat: int, text: str | None = None, label: str | None = None) -> None:
    from drift.prisma.parse import parse_source

    text = synthetic_schema(models) if text is None else text
    megabytes = len(text.encode("utf-8")) / 1e6
    best_wall = best_cpu = best_cpu_without_gc = float("inf")
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        schema_file, diagnostics = parse_source(text, "bench.prisma")
        best_wall = min(best_wall, time.perf_counter() - started)
        best_cpu = min(best_cpu, time.process_time() - started_cpu)
        assert not diagnostics, diagnostics[:3]
        assert label is not None or len(schema_file.models) == models
        models = len(schema_file.models)
        del schema_file
        # drift's CLI runs without the cyclic GC: the same parse timed that way.
        gc.disable()
        started_cpu = time.process_time()
        schema_file, _ = parse_source(text, "bench.prisma")
        best_cpu_without_gc = min(best_cpu_without_gc, time.process_time() - started_cpu)
        del schema_file
        gc.enable()
    tracemalloc.start()
    parse_source(text, "bench.prisma")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"{models:>6} models  {megabytes:6.2f} MB  parse {best_wall:7.3f} s wall {best_cpu:7.3f} s cpu"
        f" ({best_cpu_without_gc:.3f} s without GC)  {megabytes / best_wall:6.2f} MB/s  peak {peak / 2**20:6.1f} MiB"
        + (f"  {label}" if label else "")
    )


def measure_help(repeat: int) -> None:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "drift.cli", "--help"], check=True, capture_output=True)
        best = min(best, time.perf_counter() - started)
    print(f"drift --help  {best:.3f} s (python -m drift.cli, best of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--schema", type=Path, action="append", default=[], help="also time this schema file")
    arguments = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from drift.prisma.parse import parse_source

    started = time.perf_counter()
    # The first parse in a process loads the cached grammar and compiles the lexer's expressions.
    parse_source(synthetic_schema(2), "warm-up.prisma")
    print(f"first parse in a process (grammar load, lexer set-up): {time.perf_counter() - started:.3f} s")
    sizes = [int(size) for size in arguments.sizes.split(",")]
    for size in sizes:
        measure(size, arguments.repeat)
    # One non-ASCII character (a dash in the first comment) must not slow the rest of the file down.
    accented = max(size for size in sizes if size <= 1000) if any(size <= 1000 for size in sizes) else sizes[0]
    text = "// Schéma — one non-ASCII line\n" + synthetic_schema(accented)
    measure(accented, arguments.repeat, text, "(the same with one non-ASCII comment line first)")
    for path in arguments.schema:
        measure(0, arguments.repeat, path.read_text(encoding="utf-8"), str(path))
    measure_help(arguments.repeat)


if __name__ == "__main__":
    main()
