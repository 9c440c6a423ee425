"""A large schema.prisma parsed, resolved and lowered by two processes at once, each for half of its models.

Parsing, resolving and lowering a 5,000-model schema takes about 2.7 s in one process, most of it building
objects. Handing a syntax tree or a lowered schema to another process costs about as much as building it, so the
two halves meet where little has to cross:

1. `drift.prisma.split` cuts the text (of one file, or of a folder's files, their models in file order): each
   process parses every file with the other's models blanked out (same lines, columns and offsets), so both have
   the configuration blocks, enums, views and composite types. The child
   is forked before the parent knows the database URL for sure: both resolve for the `?schema=` of the URL the
   check guessed early (nearly always right; if the real one differs, the parent falls back).
2. Each resolves its own models' fields (the type names of every block are known from the cut), sends the other a
   summary of them (`_summary`: names, database names, the relation fields that cross the cut, ids and unique
   fields) and makes its tables' columns, primary keys and indexes, which need no other model; the child sends
   those (`drift.model.transfer`) while both go on.
3. With the other's models as stand-ins (`ResolvedModel.foreign`), each pairs the relations it needs and makes its
   foreign keys and join tables; the child sends them with its sequences, and the parent, which also lowers the
   enums, views and extensions, merges everything into one DatabaseSchema.
4. Between the two (`Meanwhile`): if the check's database reader is done by the time the parent has its own half,
   the parent hands its answer on to the child, and each finds which of its half's tables are alike in the database
   (`drift.diff.compare.alike_tables`), the child while the parent merges, so that the comparison, which runs last
   and alone, need not (`alike`).
5. Then the child ends on its own; the check waits for it (`cancel`) only after the comparison, which its exit
   (the kernel freeing its half of the work, 0.07-0.12 s at 5,000 models) overlaps.

Both processes parse with `share=True` (`drift.prisma.parse.parse_source`): any schema error sends the check to
the one-process path, which parses without sharing and reports every error where it is.

The result is the one-process result, object for object (tests/prisma/test_sharded.py checks the corpus and the
fixtures). Whenever anything is unusual (a schema error anywhere, a layout the cut does not understand, a constraint
name used in both halves, the child gone) the parent falls back to the one-process path, which also reports the
errors exactly as usual. Used on Linux with two cores or more for a schema of `THRESHOLD` bytes or more: on a 2-core
machine, where the database reader and the server are busy too, it saves about a quarter of a 5,000-model check and
nothing measurable at 1,000 models (bench/README.md).
"""

from __future__ import annotations

import os
import pickle
import sys
import threading
from pathlib import Path
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple, Protocol

from drift.prisma import ExpectedSchema, expected_schema, lower_prisma_schema

# Every `drift check` imports this module to ask whether its schema is large: what only a sharded lowering needs is
# imported when there is one (about 5 ms otherwise, a few percent of a check of a small schema).
if TYPE_CHECKING:
    from drift.prisma.split import Block

__all__ = ["THRESHOLD", "ShardedLowering", "start_sharded"]

THRESHOLD = 1_500_000  # bytes of schema.prisma (about 1,500 models); DRIFT_SHARD_BYTES overrides it
SHARE = 0.5  # of the models' text, parsed by the parent


class _StubType(NamedTuple):
    name: str
    optional: bool
    list: bool
    unsupported: str | None


class _StubField:
    """What resolving and lowering read of another process's field node."""

    __slots__ = ("name", "type", "span")

    def __init__(self, name: str, field_type: _StubType, span: int) -> None:
        self.name, self.type, self.span = name, field_type, span


_ID_MARK = object()  # a foreign field's `id_attribute`: lowering only asks whether there is one


class _StubModel:
    """What resolving and lowering read of another process's model node: its name, kind and any `@@id`."""

    __slots__ = ("name", "kind", "span", "attributes", "unique_criteria")

    def __init__(self, name: str, kind: str, span: int, attributes: list, unique_criteria: list) -> None:
        self.name, self.kind, self.span, self.attributes = name, kind, span, attributes
        self.unique_criteria = unique_criteria

    def attribute(self, name: str):
        for attribute in self.attributes:
            if attribute.name == name:
                return attribute
        return None


def start_sharded(path: Path, url_schema: str | None = None, threshold: int | None = None,
                  trace: Callable[[str], None] | None = None) -> ShardedLowering | None:
    """A sharded lowering of the schema at `path` (a file or a folder of .prisma files) with its child started, or
    None when one process is the way: a schema smaller than `threshold` bytes (default THRESHOLD, or
    DRIFT_SHARD_BYTES), an unreadable one, a layout the cut does not understand, one core, no fork (not Linux,
    DRIFT_NO_FORK). `url_schema`: the `?schema=` of the URL the database will likely be read through (see the
    module's notes)."""
    if not sys.platform.startswith("linux") or os.environ.get("DRIFT_NO_FORK"):
        return None
    if len(os.sched_getaffinity(0)) < 2:
        return None  # one core: two processes would take turns, and the exchange is pure cost
    if threshold is None:
        threshold = THRESHOLD
        configured = os.environ.get("DRIFT_SHARD_BYTES", "")
        if configured.isdigit():
            threshold = int(configured)
    from drift.prisma.parse import schema_files_in

    try:
        files = schema_files_in(path) if path.exists() else []
        if not files or sum(file.stat().st_size for file in files) < threshold:
            return None
        sources = {str(file): file.read_text(encoding="utf-8") for file in files}
    except (OSError, UnicodeDecodeError):
        return None  # the one-process path says what is wrong
    if any(text.startswith("\ufeff") for text in sources.values()):
        return None
    from drift.prisma.split import blocks, cut_sources

    found = {}
    for file, text in sources.items():
        found[file] = blocks(text)
        if found[file] is None:
            return None
    every_block = [block for file_blocks in found.values() for block in file_blocks]
    names = [block.name for block in every_block if block.kind != "datasource" and block.kind != "generator"]
    if len(set(names)) != len(names):
        return None  # a duplicate declaration: the one-process path reports it
    parts = cut_sources(sources, found, SHARE)
    if parts is None:
        return None
    try:
        return ShardedLowering(path, every_block, parts, url_schema, trace)
    except OSError:
        return None  # no more processes or pipes allowed: one process does the work


class Meanwhile(Protocol):
    """What the check does while the child lowers its half: once the parent's half is lowered, the database schema
    read so far (if it is the one the check compares), for the child to compare its half's tables with; then the
    parent's own half, to compare too."""

    def database_bytes(self, resolved) -> bytes | None:
        """The database reader's payload (`drift.model.transfer`) when it is the database the check will compare
        with (`resolved`: the ResolvedSchema, which says which schemas the datasource names), else None."""

    def own_half(self, tables: tuple) -> frozenset[tuple[str, str]]:
        """The parent's half of the tables, lowered: the (schema, name) of those alike in that database."""


class ShardedLowering:
    def __init__(self, path: Path, found: list[Block], parts: tuple[dict[str, str], dict[str, str], int],
                 url_schema: str | None, trace: Callable[[str], None] | None = None) -> None:
        import signal

        from drift.background import set_parent_death_signal
        from drift.prisma.parse import _parser

        _parser()  # built once, before the fork: the child inherits it
        self.path = path
        first_sources, second_sources, count = parts
        models = [block.name for block in found if block.kind == "model"]
        self.first_models, self.second_models = models[:count], models[count:]
        self.type_kinds = _type_kinds(found)
        self.url_schema = url_schema
        self.trace = trace
        self._last_stamp: dict[str, float] = {}  # by process ("parent", "child"): the time of its previous stamp
        # Why the one-process path was taken (None while sharding goes on): for tests and the trace.
        self.fallback_reason: str | None = None
        # The (schema, name) of the tables found alike in the database `Meanwhile` handed over, both halves'.
        self.alike: frozenset[tuple[str, str]] = frozenset()
        self.parsed = None
        self._done = True  # until there is a child to wait for
        self._ending = False  # the child has been told everything (`lower` returned) and ends on its own
        self.exit_status: int | None = None  # the child's wait status, once waited for
        to_parent, from_child = os.pipe()
        to_child, from_parent = os.pipe()
        try:
            self._pid = os.fork()
        except OSError:
            for descriptor in (to_parent, from_child, to_child, from_parent):
                os.close(descriptor)
            raise
        if self._pid == 0:  # the child: never returns
            os.close(to_parent)
            os.close(from_parent)
            status = 1
            try:
                set_parent_death_signal(signal.SIGKILL)
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                with os.fdopen(from_child, "wb") as send, os.fdopen(to_child, "rb") as receive:
                    sender = _Sender(send)
                    try:
                        self._child(second_sources, sender, receive)
                    finally:
                        sender.join()
                status = 0
            except BaseException:  # noqa: BLE001 - the parent sees the closed pipe and falls back
                pass
            finally:
                os._exit(status)
        os.close(from_child)
        os.close(to_child)
        self._receive = os.fdopen(to_parent, "rb")
        self._sender = _Sender(os.fdopen(from_parent, "wb"))
        self._first_sources = first_sources
        self._whole = None  # the whole file's tree, when parse() had to fall back
        self._done = False

    # ------------------------------------------------------------------ the parent

    def parse(self):
        """The parent's half, parsed (a `drift.prisma.ast.Schema` with the configuration blocks, enums, views and
        the first half's models); on a schema error, the whole file through the one-process path, which raises."""
        from drift.prisma.parse import parse_schema_path, parse_sources

        parsed, diagnostics = parse_sources(self._first_sources, share=True)  # see `drift.check`
        self._first_sources = None
        if any(diagnostic.severity == "error" for diagnostic in diagnostics):
            self._fall_back("a schema error in the first half")
            self._whole = parse_schema_path(self.path)  # raises PrismaSchemaError with every error of the file
            return self._whole
        self.parsed = parsed
        return parsed

    def lower(self, url_schema: str | None, meanwhile: Meanwhile | None = None) -> ExpectedSchema:
        """The expected schema, as `lower_prisma_schema(parse_schema_path(path), url_schema)` gives it.
        `meanwhile`, if given, is told when this process has lowered its own half, before it takes the child's
        (see `Meanwhile`); the tables both halves found alike in the database it handed over are then `alike`."""
        if self.fallback_reason is None:
            try:
                expected = self._lower(url_schema, meanwhile)
            except (EOFError, OSError, pickle.UnpicklingError) as problem:
                expected = self._fall_back(f"the child stopped ({type(problem).__name__})")
            except Exception as problem:  # noqa: BLE001 - a defect here must not fail a check the one process passes
                expected = self._fall_back(f"{type(problem).__name__}: {problem}")
            if expected is not None:
                # The child has been told everything and ends on its own; it is waited for by `cancel`, later:
                # its exit (freeing its half of the work, 0.07-0.12 s at 5,000 models) overlaps what comes next.
                self._close()
                self._ending = True
                self.parsed = None  # freed now (half the tree), not at exit: the comparison needs the memory
                return expected
        from drift.prisma.parse import parse_schema_path

        whole, self.parsed = self._whole, None
        return lower_prisma_schema(whole if whole is not None else parse_schema_path(self.path), url_schema)

    def _lower(self, url_schema: str | None, meanwhile) -> ExpectedSchema | None:
        from drift.model import transfer
        from drift.prisma.lower import _Lowering, repeated_constraint_names, table_from_parts, unmodelled

        self._stamp("parent", "parsed")
        parsed = self.parsed
        own = parsed.models
        if [node.name for node in own] != self.first_models or not self._shared_names_match(parsed):
            return self._fall_back("the parser and the cut disagree on the first half's models")
        if url_schema != self.url_schema:
            return self._fall_back("the database URL names another schema than expected")
        resolver, models, views = _resolve_own(parsed, url_schema, self.type_kinds)
        self._sender.send(("go", _summary(list(models.values()))))
        lowering = _Lowering(resolver.resolved({**models, **views}, []))
        self._stamp("parent", "resolved its models, sent their summary")
        parts = {name: lowering.table_parts(model) for name, model in models.items()}
        self._stamp("parent", "table parts")
        answer = self._answer("summary")
        if answer is None:
            return None
        models.update(_stand_ins(answer))
        self._stamp("parent", "stand-ins")
        resolved = resolver.finish({**models, **views})
        if resolved.errors:
            return self._fall_back("a schema error")
        self._stamp("parent", "relations")
        lowering.use(resolved)
        database = lowering.run(parts)
        self._stamp("parent", "foreign keys")
        database_bytes = meanwhile.database_bytes(resolved) if meanwhile is not None else None
        self._sender.send(("database", database_bytes))
        own_alike = meanwhile.own_half(database.tables) if meanwhile is not None else frozenset()
        if meanwhile is not None:
            self._stamp("parent", "compared its own tables")
        # The child's table parts were sent while it resolved its relations: by now they are usually all there.
        other_parts = self._answer("parts", transfer.loads)
        if other_parts is None:
            return None
        rest = self._answer("rest", transfer.loads)
        if rest is None:
            return None
        foreign_keys, join_tables, sequences = rest
        tables = list(database.tables)
        tables += [table_from_parts(other_parts[name], foreign_keys[name]) for name in other_parts]
        tables += unmodelled(join_tables, tables)
        tables.sort(key=lambda table: (table.schema_name, table.name))
        if repeated_constraint_names(tables):
            return self._fall_back("a constraint name used twice")
        sequences = sorted([*database.sequences, *sequences], key=lambda sequence: (sequence.schema_name, sequence.name))
        database = database.model_copy(update={"tables": tuple(tables), "sequences": tuple(sequences)})
        self._stamp("parent", "merged")
        if database_bytes is not None:
            try:
                answer = pickle.load(self._receive)
            except (EOFError, OSError, pickle.UnpicklingError):
                answer = None  # the child's comparison is an extra: without it, the parent compares its tables
            if answer is not None and answer[0] == "alike":
                own_alike |= answer[1]
            self._stamp("parent", "waited for the child's alike tables")
        self.alike = own_alike
        return expected_schema(database, resolved)

    def _answer(self, kind: str, decode=None):
        """The child's next message, which must be `kind` (its value through `decode`, if given); None (after
        falling back) if the child gave up instead."""
        answer = pickle.load(self._receive)
        self._stamp("parent", f"waited for the {kind}")
        if answer[0] != kind:
            return self._fall_back(answer[1] if answer[0] == "fallback" else f"the child sent {answer[0]}")
        if decode is None:
            return answer[1]
        value = decode(answer[1])
        self._stamp("parent", f"loaded the {kind}")
        return value

    def _shared_names_match(self, parsed) -> bool:
        """The enums, views and composite types the parser found are the ones the cut counted on."""
        for kind, nodes in (("enum", parsed.enums), ("relation", parsed.views), ("composite", parsed.composite_types)):
            expected = {name for name, found in self.type_kinds.items() if found == kind}
            if kind == "relation":
                expected -= set(self.first_models) | set(self.second_models)
            if {node.name for node in nodes} != expected:
                return False
        return True

    def _fall_back(self, reason: str) -> None:
        """Record why, stop the child; None, for `_lower` to return."""
        self.fallback_reason = reason
        if self.trace is not None:
            self.trace(f"one process after all: {reason}")
        self.cancel()
        return None

    def cancel(self) -> None:
        """Wait for the child, stopping it first unless `lower` has returned (it then ends on its own)."""
        if not self._done:
            from drift.background import kill_child

            if not self._ending:
                kill_child(self._pid)
            self._finish()

    def _finish(self) -> None:
        if self._done:
            return
        from drift.background import wait_child

        self._done = True
        self._close()
        self.exit_status = wait_child(self._pid)

    def _close(self) -> None:
        """Close this side of both pipes, once the last message is written."""
        self._sender.join()
        for stream in (self._receive, self._sender.stream):
            try:
                stream.close()
            except OSError:
                pass

    def __del__(self) -> None:
        self.cancel()

    def _stamp(self, who: str, label: str) -> None:
        """How long the stage just done took, to the trace."""
        if self.trace is not None:
            import time

            now = time.perf_counter()
            self.trace(f"{who} {label} {now - self._last_stamp.get(who, now):.3f} s")
            self._last_stamp[who] = now

    # ------------------------------------------------------------------ the child

    def _child(self, sources: dict[str, str], sender: _Sender, receive) -> None:
        """Parse the second half, send its summary, then its table parts (while the parent works on its own), then,
        once the parent's summary is in, the foreign keys, the join tables and the sequences."""
        from drift.model import transfer
        from drift.prisma.lower import _Lowering
        from drift.prisma.parse import parse_sources

        self._stamp("child", "forked")
        parsed, diagnostics = parse_sources(sources, share=True)
        self._stamp("child", "parsed")
        del sources
        if any(diagnostic.severity == "error" for diagnostic in diagnostics):
            return sender.send(("fallback", "a schema error in the second half"))
        own = parsed.models
        if [node.name for node in own] != self.second_models:
            return sender.send(("fallback", "the parser and the cut disagree on the second half's models"))
        resolver, models, views = _resolve_own(parsed, self.url_schema, self.type_kinds)
        sender.send(("summary", _summary(list(models.values()))))
        self._stamp("child", "resolved its models, sent their summary")
        lowering = _Lowering(resolver.resolved({**models, **views}, []), shared=False)
        parts = {name: lowering.table_parts(model) for name, model in models.items()}
        self._stamp("child", "table parts")
        sender.send(("parts", transfer.dumps(parts)))
        self._stamp("child", "sent them")
        answer = pickle.load(receive)
        self._stamp("child", "waited for the summary")
        if answer[0] != "go":
            return None
        first = _stand_ins(answer[1])
        resolved = resolver.finish({**first, **models, **views})
        if resolved.errors:
            return sender.send(("fallback", "a schema error"))
        lowering.use(resolved)
        foreign_keys = {name: lowering.sorted_foreign_keys(model) for name, model in models.items()}
        self._stamp("child", "relations and foreign keys")
        join_tables = lowering.join_tables()
        sender.send(("rest", transfer.dumps((foreign_keys, join_tables, lowering.sequences))))
        self._stamp("child", "sent them")
        answer = pickle.load(receive)
        if answer[0] != "database" or answer[1] is None:
            return None
        # The database the check compares (read by the parent's reader): which of this half's tables are alike in
        # it, so that the parent's comparison need not find out again after the lowering (`compare_schemas`'s
        # `alike`).
        from drift.diff.compare import alike_tables
        from drift.prisma.lower import table_from_parts

        outcome, actual = transfer.loads(answer[1])
        if outcome != "value":
            return None
        tables = [table_from_parts(parts[name], foreign_keys[name]) for name in parts]
        sender.send(("alike", alike_tables([*tables, *join_tables], actual)))
        self._stamp("child", "compared its tables")
        return None


class _Sender:
    """Messages written by a thread, so that neither process waits for the other to read before going on (a
    message is far larger than a pipe's buffer)."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self._thread: threading.Thread | None = None

    def send(self, message: tuple) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.join()
        self._thread = threading.Thread(target=self._write, args=(data,), daemon=True)
        self._thread.start()

    def _write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
            self.stream.flush()
        except (OSError, ValueError):
            pass  # the other side is gone (or this side closed): it falls back, or was killed

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def _resolve_own(parsed, url_schema: str | None, type_kinds: dict[str, str]):
    """A resolver for this half, and its models and views (by name, resolved without their relations)."""
    from drift.prisma.resolve import _Resolver

    resolver = _Resolver(parsed, url_schema, dict(type_kinds))
    resolver.header()
    models = {node.name: resolver.model(node, resolver.model_fields(node)) for node in parsed.models}
    views = {node.name: resolver.model(node, resolver.model_fields(node)) for node in parsed.views}
    return resolver, models, views


# ---------------------------------------------------------------------------- what crosses between the processes


def _type_kinds(found: list) -> dict[str, str]:
    """`drift.prisma.resolve.type_kinds` from the cut's blocks."""
    from drift.prisma.resolve import type_kinds

    def named(*kinds: str) -> list[str]:
        return [block.name for block in found if block.kind in kinds]

    return type_kinds(named("type"), named("model", "view"), named("enum"))


def _summary(models: list) -> tuple[list[tuple], list]:
    """What the other process needs of these ResolvedModels to resolve and lower its own, as plain values: of each
    model its names, kind, schema, `@@ignore` and `@@id`; of its fields, the relation fields to models outside this
    half (the other process pairs them with its own), the ids (a many-to-many join table's columns) and the fields
    an `@unique`/`@@unique`/`@@id` names (the only ones a relation may reference: a relation naming another field is
    an error here, which sends the schema to the one-process path). Both processes resolve for the same URL, so
    the schema (default or `@@schema`) is final. `@db.*` attributes of ids go once per distinct spelling in the
    second list, which the rows refer to."""
    from drift.prisma.ast import NumberValue
    from drift.prisma.resolve import field_names, unique_criteria

    own = {model.name for model in models}
    natives: dict[tuple, int] = {}
    attributes_sent: list = []
    summary = []
    for model in models:
        node = model.node
        block_ids, keyed = [], set()
        for attribute in node.attributes:
            if attribute.block and attribute.name in ("id", "unique"):
                keyed.update(field_names(attribute.arg("fields", 0)))
                if attribute.name == "id":
                    block_ids.append(attribute)
        rows = []
        for field in model.fields:
            kind, id_attribute = field.kind, field.id_attribute
            if kind == "relation":
                if field.type_name in own:
                    continue  # both sides in this half: the other process pairs neither
            elif id_attribute is None and field.unique_attribute is None and field.node.name not in keyed:
                continue
            native = None
            if id_attribute is not None and field.native_attribute is not None:
                attribute = field.native_attribute
                key = (attribute.name, *[value.text for value in attribute.positional if isinstance(value, NumberValue)])
                native = natives.get(key)
                if native is None:
                    native = natives[key] = len(attributes_sent)
                    attributes_sent.append(attribute)
            field_node = field.node
            node_type = field_node.type
            relation = field.relation
            rows.append(
                (
                    field_node.name,
                    (node_type.name, node_type.optional, node_type.list, node_type.unsupported),
                    int(field_node.span),
                    kind,
                    field.db_name,
                    field.ignored,
                    None if relation is None else relation[:6],  # without its node
                    id_attribute is not None,
                    native,
                )
            )
        criteria = [tuple(criterion) for criterion in unique_criteria(model)]
        summary.append(
            (
                node.name, node.kind, int(node.span), model.db_name, model.schema_name, model.ignored, block_ids,
                rows, criteria,
            )
        )
    return summary, attributes_sent


def _stand_ins(sent: tuple[list[tuple], list]) -> dict:
    """The other process's models as `foreign` ResolvedModels, in its order. A foreign field's `id_attribute` is
    only a mark (lowering asks whether there is one): the shared `_ID_MARK`."""
    from drift.diagnostics import Span
    from drift.prisma.resolve import RelationAttribute, ResolvedField, ResolvedModel

    relations: dict[tuple, RelationAttribute] = {}

    def _relation(values: tuple) -> RelationAttribute:  # the back relations without @relation are all alike
        found = relations.get(values)
        if found is None:
            found = relations[values] = RelationAttribute(*values)
        return found

    summary, natives = sent
    new_span = int.__new__
    types: dict[tuple, _StubType] = {}
    models = {}
    for name, kind, span, db_name, schema_name, ignored, block_ids, rows, criteria in summary:
        fields = []
        for field_name, field_type, field_span, field_kind, field_db_name, field_ignored, relation, is_id, \
                native in rows:
            stub_type = types.get(field_type)
            if stub_type is None:
                stub_type = types[field_type] = _StubType(*field_type)
            fields.append(
                ResolvedField(
                    _StubField(field_name, stub_type, new_span(Span, field_span)),
                    field_kind,
                    field_db_name,
                    field_ignored,
                    None if relation is None else _relation(relation),
                    _ID_MARK if is_id else None,
                    None,
                    None,
                    None if native is None else natives[native],
                )
            )
        model = ResolvedModel(
            node=_StubModel(name, kind, new_span(Span, span), block_ids, [frozenset(names) for names in criteria]),
            db_name=db_name,
            schema_name=schema_name,
            ignored=ignored,
            fields=fields,
            foreign=True,
        )
        model._by_name, model._indexed = {field.node.name: field for field in fields}, (fields, len(fields))
        models[name] = model
    return models
