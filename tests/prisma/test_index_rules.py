"""Prisma's rules for indexes on PostgreSQL (drift.prisma.index_rules): operator classes, index types and the fields
they index. Every case was run through Prisma's validator (prisma-oracle `validate`): the expected diagnostics are
Prisma's, message for message and line for line. Where Prisma stops at its first error and drift goes on, the case
is in REPORTS_MORE_THAN_PRISMA instead.
"""

from __future__ import annotations

import pytest

from drift.prisma.ast import Schema
from drift.prisma.index_rules import BRIN_FAMILY_TYPES, DEFAULT_CLASS_RULES, OPERATOR_CLASS_RULES
from drift.prisma.native_types import BRIN_OPERATOR_FAMILIES, NATIVE_TYPES, OPERATOR_CLASSES, SCALAR_TYPES
from drift.prisma.parse import parse_source
from drift.prisma.resolve import resolve_schema

HEAD = 'datasource db {\n  provider = "postgresql"\n}\n\nenum E {\n  X\n}\n\nmodel A {\n'
IDX = 'Error parsing attribute "@@index": '
UNQ = 'Error parsing attribute "@@unique": '
ACCEPTED = ()

# (field lines, block attribute lines, *expected errors): an error is a message at the last attribute's line, or
# (the text of the line it points at, message). A model without an `id` field gets `id Int @id` first.
CASES = [
    # The reported cases, rejected by Prisma.
    ('m Json @db.Json', '@@index([m(ops: JsonbPathOps)], type: Gin)',
     IDX + 'The given operator class `JsonbPathOps` does not support native type `Json` of field `m`.'),
    ('s String', '@@index([s(ops: JsonbOps)], type: Gin)',
     IDX + 'The given operator class `JsonbOps` points to the field `s` that is not of Json type.'),
    ('s String', '@@index([s(ops: InetOps)], type: Gist)',
     IDX + 'The given operator class `InetOps` expects the field `s` to define a valid native type.'),
    ('s Int', '@@index([s(ops: ArrayOps)], type: Gin)',
     IDX + 'The given operator class `ArrayOps` expects the type of field `s` to be an array.'),
    ('s String', '@@index([s(ops: FooOps)], type: Gin)',
     'Unexpected token. Expected one of: Invalid operator class: FooOps'),
    ('s String', '@@index([s(ops: JsonbOps)])',
     IDX + 'The given operator class `JsonbOps` is not supported with the `BTree` index type.'),
    ('s String @db.Inet', '@@index([s(ops: InetOps)], type: Gin)',
     IDX + 'The given operator class `InetOps` is not supported with the `Gin` index type.'),
    ('s String', '@@index([s], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    (('s String', 't String'), '@@index([s, t], type: SpGist)',
     IDX + 'SpGist does not support multi-column indices.'),
    ('s Boolean', '@@index([s], type: Brin)',
     IDX + 'The Brin index type does not support the type of the field `s`.'),
    ('s String @db.Xml', '@@index([s])',
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.')),
    ('s String @db.Xml', '@@unique([s])',
     ('s String @db.Xml', 'Native type `Xml` cannot be unique in Postgres.')),
    ('s String @db.Inet', '@@index([s], type: Gist)',
     IDX + 'The Gist index field type `Inet` has no default operator class.'),
    ('s String @db.Uuid', '@@index([s(ops: Int4BloomOps)], type: Brin)',
     IDX + 'The given operator class `Int4BloomOps` does not support native type `Uuid` of field `s`.'),
    ('s DateTime', '@@index([s(ops: TimestampTzMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `TimestampTzMinMaxOps` expects the field `s` to define a valid native type.'),
    ('s String @db.Citext', '@@index([s], type: SpGist)',
     IDX + 'The SpGist index field type `Citext` has no default operator class.'),

    # The reported cases Prisma accepts.
    ('m Json', '@@index([m(ops: JsonbPathOps)], type: Gin)', ACCEPTED),
    ('s Int[]', '@@index([s(ops: ArrayOps)], type: Gin)', ACCEPTED),
    ('s Int[]', '@@index([s], type: Gin)', ACCEPTED),
    ('s Unsupported("tsvector")', '@@index([s], type: Gin)', ACCEPTED),
    ('s String', '@@index([s], type: Gist)', ACCEPTED),
    ('s String', '@@index([s], type: SpGist)', ACCEPTED),
    ('s String', '@@index([s], type: Brin)', ACCEPTED),
    ('s Int', '@@index([s], type: Brin)', ACCEPTED),
    ('s Int', '@@index([s(ops: Int4BloomOps)], type: Brin)', ACCEPTED),
    ('s DateTime @db.Timestamptz(6)', '@@index([s], type: Brin)', ACCEPTED),
    ('s String @db.Inet', '@@index([s(ops: InetOps)], type: SpGist)', ACCEPTED),
    ('s String @db.Inet', '@@index([s(ops: InetOps)], type: Gist)', ACCEPTED),
    ('s Boolean', '@@index([s(ops: raw("foo_ops"))], type: Gist)', ACCEPTED),
    ('j Json', '@@index([j])', ACCEPTED),
    ('j Json', '@@index([j], type: Hash)', ACCEPTED),

    # Xml: no index of any kind (the error points at the field, once per index).
    ('s String @db.Xml @unique', (),
     ('s String @db.Xml @unique', 'Native type `Xml` cannot be unique in Postgres.')),
    (('s String @db.Xml', 't String @db.Xml'), '@@index([s, t])',
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.')),
    ('s String @db.Xml', '@@index([s], type: Gist)',
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.'),
     IDX + 'The Gist index field type `Xml` has no default operator class.'),
    ('s String @db.Xml', '@@index([s(ops: raw("x"))])',
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.')),
    ('s String @db.Xml', '@@index([s(ops: raw("x"))], type: Gin)',
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.')),

    # Operator classes of other index types; TextOps (SP-GiST) on text types and others.
    ('s String @db.Inet', '@@index([s(ops: InetOps)], type: Hash)',
     IDX + 'The given operator class `InetOps` is not supported with the `Hash` index type.'),
    ('s String', '@@index([s(ops: TextOps)], type: Hash)',
     IDX + 'The given operator class `TextOps` is not supported with the `Hash` index type.'),
    ('s String', '@@index([s(ops: TextOps)], type: SpGist)', ACCEPTED),
    ('s String @db.VarChar(10)', '@@index([s(ops: TextOps)], type: SpGist)', ACCEPTED),
    ('s String @db.Char(3)', '@@index([s(ops: TextOps)], type: SpGist)', ACCEPTED),
    ('s String @db.Text', '@@index([s(ops: TextOps)], type: SpGist)', ACCEPTED),
    ('s String @db.Citext', '@@index([s(ops: TextOps)], type: SpGist)',
     IDX + 'The given operator class `TextOps` does not support native type `Citext` of field `s`.'),
    ('s Int', '@@index([s(ops: TextOps)], type: SpGist)',
     IDX + 'The given operator class `TextOps` points to the field `s` that is not of String type.'),
    ('s String @db.Uuid', '@@index([s(ops: TextOps)], type: SpGist)',
     IDX + 'The given operator class `TextOps` does not support native type `Uuid` of field `s`.'),
    ('s String @db.VarChar(10)', '@@index([s], type: SpGist)', ACCEPTED),
    ('s Int', '@@index([s], type: SpGist)',
     IDX + 'The SpGist index type does not support the type of the field `s`.'),

    # BRIN: each family on its native types, and on a field without one only if it is its scalar type's default.
    ('s Float', '@@index([s(ops: Float8BloomOps)], type: Brin)', ACCEPTED),
    ('s Float', '@@index([s(ops: Float4BloomOps)], type: Brin)',
     IDX + 'The given operator class `Float4BloomOps` expects the field `s` to define a valid native type.'),
    ('s String', '@@index([s(ops: Float8MinMaxOps)], type: Brin)',
     IDX + 'The given operator class `Float8MinMaxOps` points to the field `s` that is not of Float type.'),
    ('s Decimal', '@@index([s(ops: NumericMinMaxOps)], type: Brin)', ACCEPTED),
    ('s String', '@@index([s(ops: NumericMinMaxMultiOps)], type: Brin)',
     IDX + 'The given operator class `NumericMinMaxMultiOps` points to the field `s` that is not of Decimal type.'),
    ('s Bytes', '@@index([s(ops: ByteaBloomOps)], type: Brin)', ACCEPTED),
    ('s Int', '@@index([s(ops: ByteaMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `ByteaMinMaxOps` points to the field `s` that is not of Bytes type.'),
    ('s BigInt', '@@index([s(ops: Int8MinMaxMultiOps)], type: Brin)', ACCEPTED),
    ('s Int', '@@index([s(ops: Int8BloomOps)], type: Brin)',
     IDX + 'The given operator class `Int8BloomOps` points to the field `s` that is not of BigInt type.'),
    ('s String', '@@index([s(ops: TextBloomOps)], type: Brin)', ACCEPTED),
    ('s Int', '@@index([s(ops: TextMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `TextMinMaxOps` points to the field `s` that is not of String type.'),
    ('s DateTime', '@@index([s(ops: TimestampBloomOps)], type: Brin)', ACCEPTED),
    ('s Int', '@@index([s(ops: TimestampMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `TimestampMinMaxOps` points to the field `s` that is not of DateTime type.'),
    ('s Float', '@@index([s(ops: Int4MinMaxOps)], type: Brin)',
     IDX + 'The given operator class `Int4MinMaxOps` points to the field `s` that is not of Int type.'),
    ('s String @db.Char(3)', '@@index([s(ops: BpcharBloomOps)], type: Brin)', ACCEPTED),
    ('s String', '@@index([s(ops: BpcharBloomOps)], type: Brin)',
     IDX + 'The given operator class `BpcharBloomOps` expects the field `s` to define a valid native type.'),
    ('s String @db.VarChar(3)', '@@index([s(ops: TextMinMaxOps)], type: Brin)', ACCEPTED),
    ('s String @db.Char(3)', '@@index([s(ops: TextMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `TextMinMaxOps` does not support native type `Char` of field `s`.'),
    ('s String @db.Bit(3)', '@@index([s(ops: BitMinMaxOps)], type: Brin)', ACCEPTED),
    ('s String @db.Bit(3)', '@@index([s], type: Brin)', ACCEPTED),
    ('s String @db.VarBit(3)', '@@index([s(ops: BitMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `BitMinMaxOps` does not support native type `VarBit` of field `s`.'),
    ('s String @db.VarBit(3)', '@@index([s(ops: VarBitMinMaxOps)], type: Brin)', ACCEPTED),
    ('s Int @db.Oid', '@@index([s(ops: OidBloomOps)], type: Brin)', ACCEPTED),
    ('s Int @db.Oid', '@@index([s(ops: Int4BloomOps)], type: Brin)',
     IDX + 'The given operator class `Int4BloomOps` does not support native type `Oid` of field `s`.'),
    ('s DateTime @db.Date', '@@index([s(ops: DateMinMaxMultiOps)], type: Brin)', ACCEPTED),
    ('s DateTime @db.Time(3)', '@@index([s(ops: TimeBloomOps)], type: Brin)', ACCEPTED),
    ('s DateTime @db.Timetz(3)', '@@index([s(ops: TimeTzMinMaxOps)], type: Brin)', ACCEPTED),
    ('s DateTime @db.Timestamp(3)', '@@index([s(ops: TimestampTzMinMaxOps)], type: Brin)',
     IDX + 'The given operator class `TimestampTzMinMaxOps` does not support native type `Timestamp` of field `s`.'),
    ('s DateTime @db.Timestamp(3)', '@@index([s(ops: TimestampMinMaxMultiOps)], type: Brin)', ACCEPTED),
    ('s Decimal @db.Money', '@@index([s], type: Brin)',
     IDX + 'The Brin index field type `Money` has no default operator class.'),
    ('s Decimal @db.Decimal(10, 2)', '@@index([s(ops: NumericBloomOps)], type: Brin)', ACCEPTED),
    ('s Float @db.Real', '@@index([s(ops: Float4MinMaxMultiOps)], type: Brin)', ACCEPTED),
    ('s Float @db.Real', '@@index([s(ops: Float8MinMaxMultiOps)], type: Brin)',
     IDX + 'The given operator class `Float8MinMaxMultiOps` does not support native type `Real` of field `s`.'),
    ('s Int @db.SmallInt', '@@index([s], type: Brin)', ACCEPTED),
    ('s Int @db.SmallInt', '@@index([s(ops: Int2BloomOps)], type: Brin)', ACCEPTED),
    ('s BigInt @db.BigInt', '@@index([s(ops: Int8BloomOps)], type: Brin)', ACCEPTED),
    ('s Boolean @db.Boolean', '@@index([s], type: Brin)',
     IDX + 'The Brin index field type `Boolean` has no default operator class.'),
    ('s String @db.Inet', '@@index([s(ops: InetInclusionOps)], type: Brin)', ACCEPTED),
    ('s String', '@@index([s(ops: InetBloomOps)], type: Brin)',
     IDX + 'The given operator class `InetBloomOps` expects the field `s` to define a valid native type.'),
    ('s Bytes @db.ByteA', '@@index([s(ops: ByteaMinMaxOps)], type: Brin)', ACCEPTED),
    ('s Bytes', '@@index([s], type: Brin)', ACCEPTED),
    ('s String @db.Uuid', '@@index([s(ops: UuidMinMaxMultiOps)], type: Brin)', ACCEPTED),

    # No operator class: the index type's default class for the native type or the scalar type.
    ('s String @db.Text', '@@index([s], type: Gist)',
     IDX + 'The Gist index field type `Text` has no default operator class.'),
    ('s String @db.Text', '@@index([s], type: Brin)', ACCEPTED),
    ('s Json @db.JsonB', '@@index([s], type: Gin)', ACCEPTED),
    ('s Json @db.JsonB', '@@index([s(ops: JsonbOps)], type: Gin)', ACCEPTED),
    ('s Json @db.Json', '@@index([s], type: Gin)',
     IDX + 'The Gin index field type `Json` has no default operator class.'),
    ('s Json @db.JsonB', '@@index([s], type: Brin)',
     IDX + 'The Brin index field type `JsonB` has no default operator class.'),
    ('s Json', '@@index([s], type: Brin)',
     IDX + 'The Brin index type does not support the type of the field `s`.'),
    ('s Json', '@@index([s], type: Gist)',
     IDX + 'The Gist index type does not support the type of the field `s`.'),
    ('s E', '@@index([s], type: Gist)',
     IDX + 'The Gist index type does not support the type of the field `s`.'),
    ('s E', '@@index([s], type: Brin)',
     IDX + 'The Brin index type does not support the type of the field `s`.'),
    ('s E[]', '@@index([s], type: Gin)', ACCEPTED),
    ('s E', '@@index([s], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    ('s String[]', '@@index([s], type: Gist)', ACCEPTED),
    ('s String[] @db.VarChar(3)', '@@index([s], type: Gin)', ACCEPTED),
    ('s Int[]', '@@index([s(ops: JsonbOps)], type: Gin)',
     IDX + 'The given operator class `JsonbOps` points to the field `s` that is not of Json type.'),
    ('s Json[]', '@@index([s(ops: JsonbOps)], type: Gin)', ACCEPTED),
    ('s Int[]', '@@index([s], type: Brin)', ACCEPTED),

    # Several fields, and the shapes of the arguments.
    (('s String', 't Int'), '@@index([s, t], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.',
     IDX + 'The Gin index type does not support the type of the field `t`.'),
    (('s String', 't String'), '@@index([s(ops: InetOps), t], type: SpGist)',
     IDX + 'The given operator class `InetOps` expects the field `s` to define a valid native type.',
     IDX + 'SpGist does not support multi-column indices.'),
    ('s String @db.Inet', '@@index([s(ops: InetOps, sort: Desc)], type: Gist)', ACCEPTED),
    ('s Boolean', '@@index([s(ops: raw("x"))])', ACCEPTED),
    ('s String', '@@index([s(ops: FooOps)])',
     'Unexpected token. Expected one of: Invalid operator class: FooOps'),
    ('s String', '@@index(fields: [s], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    ('s Unsupported("tsvector")', '@@index([s(ops: InetOps)], type: Gist)',
     IDX + 'The given operator class `InetOps` expects the field `s` to define a valid native type.'),
    ('s Unsupported("tsvector")', '@@index([s], type: Brin)', ACCEPTED),
    ('s String @db.Uuid', '@@index([s(ops: TextOps)], type: Gin)',
     IDX + 'The given operator class `TextOps` is not supported with the `Gin` index type.'),

    # `type:` belongs to `@@index` only, and must name an index type.
    ('j Json', '@@unique([j], type: Gin)',
     'No such argument.'),
    ('s String', '@@unique([s], type: Gist)',
     'No such argument.'),
    ('s String', '@@unique([s], type: Hash)',
     'No such argument.'),
    ('s String', '@@index([s], type: Foo)',
     'Error parsing attribute "@index": Unknown index type: Foo.'),
    ('s String', '@@index(s, type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    ('s Int', '@@index([s(ops: ArrayOps)])',
     IDX + 'The given operator class `ArrayOps` is not supported with the `BTree` index type.'),

    # `@@unique` takes no operator class, not even a raw one.
    ('s String @db.Inet', '@@unique([s(ops: InetOps)])',
     UNQ + 'The given operator class `InetOps` is not supported with the `BTree` index type.',
     UNQ + 'Operator classes can only be defined to fields in an @@index attribute.'),
    ('s String', '@@unique([s(ops: raw("x"))])',
     UNQ + 'Operator classes can only be defined to fields in an @@index attribute.'),
    (('s String', 't String'), '@@unique([s(ops: InetOps), t(ops: raw("x"))])',
     UNQ + 'The given operator class `InetOps` is not supported with the `BTree` index type.',
     UNQ + 'Operator classes can only be defined to fields in an @@index attribute.'),

    # An empty field list; `ops:` is a name or raw(...); `type:` a name; raw(...) is never checked.
    ('s String', '@@index([])',
     IDX + 'The list of fields in an index cannot be empty. Please specify at least one field.'),
    ('s String', '@@unique([])',
     UNQ + 'The list of fields in an index cannot be empty. Please specify at least one field.'),
    ('s String', '@@index([], type: SpGist)',
     IDX + 'SpGist does not support multi-column indices.',
     IDX + 'The list of fields in an index cannot be empty. Please specify at least one field.'),
    ('s String', '@@index([s(ops: "foo")], type: Gin)',
     'Unexpected token. Expected one of: operator class'),
    ('s String', '@@index([s(ops: [InetOps])], type: Gist)',
     'Unexpected token. Expected one of: operator class'),
    ('s String', '@@index([s(ops: JsonbOps)], type: "Gin")',
     'Expected a constant value, but received string value `"Gin"`.'),
    ('s String', '@@index([s], type: gin)',
     'Error parsing attribute "@index": Unknown index type: gin.'),
    ('s String', '@@index([s(ops: raw("x"))], type: Foo)',
     'Error parsing attribute "@index": Unknown index type: Foo.'),
    ('s Json', '@@index([s(ops: raw("jsonb_ops"))], type: Gin)', ACCEPTED),
    ('s Json @db.Json', '@@index([s(ops: raw("jsonb_ops"))], type: Gin)', ACCEPTED),
    ('s String', '@@index([s], type: Gin, name: "x")',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    ('s String', '@@index([s(sort: Desc)], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),

    # `@id`/`@@id` are not indexes here: Prisma checks neither Xml nor operator classes on them.
    ('id String @id @db.Xml', (), ACCEPTED),
    (('id String @db.Xml', 't Int'), '@@id([id, t])', ACCEPTED),
    (('id Int', 's String'), '@@id([id, s(ops: JsonbOps)])', ACCEPTED),

    # More fields: enums and Unsupported(...) with classes, optional and list fields, Hash, a raw class in Brin.
    ('s E', '@@index([s(ops: Int4BloomOps)], type: Brin)',
     IDX + 'The given operator class `Int4BloomOps` points to the field `s` that is not of Int type.'),
    ('s E', '@@index([s(ops: JsonbOps)], type: Gin)',
     IDX + 'The given operator class `JsonbOps` points to the field `s` that is not of Json type.'),
    ('s Unsupported("tsvector")', '@@index([s(ops: TextOps)], type: SpGist)',
     IDX + 'The given operator class `TextOps` points to the field `s` that is not of String type.'),
    ('s Unsupported("tsvector")', '@@index([s(ops: ArrayOps)], type: Gin)',
     IDX + 'The given operator class `ArrayOps` expects the type of field `s` to be an array.'),
    ('s String?', '@@index([s], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    ('s String? @db.Xml @unique(sort: Desc)', (),
     ('s String? @db.Xml @unique(sort: Desc)', 'Native type `Xml` cannot be unique in Postgres.')),
    ('s Json[] @db.Json', '@@index([s(ops: JsonbOps)], type: Gin)',
     IDX + 'The given operator class `JsonbOps` does not support native type `Json` of field `s`.'),
    ('s Json[] @db.Json', '@@index([s], type: Gin)', ACCEPTED),
    ('s Int[] @db.Integer', '@@index([s(ops: ArrayOps)], type: Gin)', ACCEPTED),
    ('s Int[]', '@@index([s(ops: ArrayOps)], type: Gist)',
     IDX + 'The given operator class `ArrayOps` is not supported with the `Gist` index type.'),
    ('s String @db.Char(3)', '@@index([s], type: Brin)', ACCEPTED),
    ('s String @db.VarChar(3)', '@@index([s], type: Gist)',
     IDX + 'The Gist index field type `VarChar` has no default operator class.'),
    ('s String', '@@index([s], type: Hash)', ACCEPTED),
    ('s String @db.Xml', '@@index([s], type: Hash)',
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.')),
    (('s String', 't Boolean'), '@@index([s, t], type: Brin)',
     IDX + 'The Brin index type does not support the type of the field `t`.'),
    (('s String', 't Boolean'), '@@index([s, t(ops: raw("x"))], type: Brin)', ACCEPTED),
    ('s String @db.Inet', '@@index([s(ops: InetOps)], type: SpGist, map: "x")', ACCEPTED),
    ('s BigInt', '@@index([s(ops: Int8MinMaxOps)], type: Brin)', ACCEPTED),
    ('s Decimal', '@@index([s], type: Gin)',
     IDX + 'The Gin index type does not support the type of the field `s`.'),
    ('s Bytes', '@@index([s], type: Gist)',
     IDX + 'The Gist index type does not support the type of the field `s`.'),

    # Several errors, in Prisma's order: the `@unique` fields', the `@@index`es', then the `@@unique`s'.
    ('s String @db.Xml', ('@@unique([s], map: "u")', '@@index([s])'),
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.'),
     ('s String @db.Xml', 'Native type `Xml` cannot be unique in Postgres.')),
    (('s String @db.Xml @unique', 't String @db.Xml'), '@@index([t, s], type: Brin)',
     ('s String @db.Xml @unique', 'Native type `Xml` cannot be unique in Postgres.'),
     ('t String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.'),
     IDX + 'The Brin index field type `Xml` has no default operator class.',
     IDX + 'The Brin index field type `Xml` has no default operator class.'),
    (('s String @db.Xml', 't String @db.Xml', 'u String @db.Xml @unique'), ('@@unique([s])', '@@index([t])'),
     ('u String @db.Xml @unique', 'Native type `Xml` cannot be unique in Postgres.'),
     ('t String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.'),
     ('s String @db.Xml', 'Native type `Xml` cannot be unique in Postgres.')),
    (('s String @db.Xml', 't String @db.Xml', 'u String @db.Xml @unique'),
     ('@@index([t])', '@@unique([s])', '@@index([s])'),
     ('u String @db.Xml @unique', 'Native type `Xml` cannot be unique in Postgres.'),
     ('t String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.'),
     ('s String @db.Xml', 'You cannot define an index on fields with native type `Xml` of Postgres.'),
     ('s String @db.Xml', 'Native type `Xml` cannot be unique in Postgres.')),
    (('s String', 't String'),
     ('@@index([s(ops: JsonbOps)], type: Gin, map: "i1")', '@@index([s, t], type: SpGist, map: "i2")'),
     ('@@index([s(ops: JsonbOps)], type: Gin, map: "i1")',
      IDX + 'The given operator class `JsonbOps` points to the field `s` that is not of Json type.'),
     IDX + 'SpGist does not support multi-column indices.'),
]


# Where Prisma stops at its first error (a parser error, or an unknown argument) drift reports every error, as for
# any other schema. Prisma's first error is drift's first.
REPORTS_MORE_THAN_PRISMA = [
    ('s String', '@@unique([s(ops: JsonbOps)], type: Gin)',
     'No such argument.',
     UNQ + 'The given operator class `JsonbOps` is not supported with the `BTree` index type.',
     UNQ + 'Operator classes can only be defined to fields in an @@index attribute.'),
    ('s String', ('@@index([s(ops: Foo)], type: Gist)', '@@index([s(ops: JsonbOps)], type: Gin, map: "x")'),
     ('@@index([s(ops: Foo)], type: Gist)', 'Unexpected token. Expected one of: Invalid operator class: Foo'),
     IDX + 'The given operator class `JsonbOps` points to the field `s` that is not of Json type.'),
    (('s String', 't String'), ('@@index([s], type: Gin)', '@@unique([t], type: Gin)'),
     ('@@index([s], type: Gin)', IDX + 'The Gin index type does not support the type of the field `s`.'),
     'No such argument.'),
    # Prisma's validator panics ("unreachable") on a function other than raw(...).
    ('s String', '@@index([s(ops: foo("x"))], type: Gin)',
     'Unexpected token. Expected one of: operator class'),
]


def schema_text(fields: str | tuple[str, ...], attributes: str | tuple[str, ...]) -> str:
    fields = (fields,) if isinstance(fields, str) else fields
    attributes = (attributes,) if isinstance(attributes, str) else attributes
    lines = [] if any(field.startswith("id ") for field in fields) else ["id Int @id"]
    return HEAD + "".join(f"  {line}\n" for line in [*lines, *fields, *attributes]) + "}\n"


def resolved_errors(text: str) -> list:
    schema_file, diagnostics = parse_source(text, "schema.prisma")
    assert not [diagnostic for diagnostic in diagnostics if diagnostic.severity == "error"], diagnostics
    return resolve_schema(Schema(files=[schema_file])).errors


def check_case(case: tuple) -> None:
    fields, attributes, *errors = case
    text = schema_text(fields, attributes)
    lines = [line.strip() for line in text.split("\n")]
    last = attributes if isinstance(attributes, str) else (attributes or (None,))[-1]
    expected = []
    for error in [] if errors == [ACCEPTED] else errors:
        at, message = (last, error) if isinstance(error, str) else error
        expected.append((lines.index(at) + 1, message))
    assert [(error.span.line, error.message) for error in resolved_errors(text)] == expected


@pytest.mark.parametrize("case", CASES, ids=[f"{case[0]} {case[1]}" for case in CASES])
def test_as_prisma(case: tuple) -> None:
    check_case(case)


@pytest.mark.parametrize("case", REPORTS_MORE_THAN_PRISMA, 
                         ids=[f"{case[0]} {case[1]}" for case in REPORTS_MORE_THAN_PRISMA])
def test_every_error_where_prisma_stops_at_the_first(case: tuple) -> None:
    check_case(case)


def test_a_view_has_no_indexes_and_no_index_rules() -> None:
    """Prisma's verdicts: `@@index` on a view is an error of its own; `@unique`/`@@unique` (what identifies a row
    of the view for the client) are not checked, not even for Xml."""
    head = HEAD.replace("model A {\n", 'generator client {\n  provider        = "prisma-client-js"\n'
                        '  previewFeatures = ["views"]\n}\n\nview V {\n')
    body = "  id Int @unique\n  s String @db.Xml\n  j String\n"
    text = head + body + "  @@index([j], type: Gin)\n  @@index([j])\n}\n"
    assert [(error.span.line, error.message) for error in resolved_errors(text)] == [
        (18, "Error validating: Views cannot have indexes."),
        (19, "Error validating: Views cannot have indexes."),
    ]
    assert resolved_errors(head + body + "  k String @db.Xml @unique\n  @@unique([s])\n}\n") == []


def test_the_rules_cover_every_operator_class_and_name_known_types() -> None:
    assert OPERATOR_CLASS_RULES.keys() == OPERATOR_CLASSES.keys()
    assert BRIN_FAMILY_TYPES.keys() == BRIN_OPERATOR_FAMILIES.keys()
    rules = [*OPERATOR_CLASS_RULES.values(), *DEFAULT_CLASS_RULES.values()]
    assert {native for rule in rules for native in rule.native_types} <= NATIVE_TYPES.keys()
    scalars = {rule.scalar_type for rule in OPERATOR_CLASS_RULES.values()} - {None}
    scalars |= {scalar for rule in DEFAULT_CLASS_RULES.values() for scalar in rule.scalar_types}
    assert scalars <= SCALAR_TYPES.keys()


def test_hints_name_what_fits() -> None:
    (error,) = resolved_errors(schema_text("s String @db.Inet", "@@index([s(ops: InetOps)], type: Gin)"))
    assert error.hint == "`InetOps` is an operator class of Gist or SpGist indexes."
    (error,) = resolved_errors(schema_text("s String", "@@index([s], type: Foo)"))
    assert error.hint == "Use BTree, Hash, Gist, Gin, SpGist or Brin."
    (error,) = resolved_errors(schema_text("s String", "@@index([s(ops: FooOps)], type: Gin)"))
    assert error.span.line == error.span.end_line and error.span.end_column - error.span.column == len("FooOps")
