"""Schema objects (`drift.model.schema`) sent from one process to another, faster than plain pickle.

The database reader (drift.background) sends its DatabaseSchema from a child to its parent, and a sharded lowering
(drift.prisma.sharded) half of the expected tables. Plain pickle spends most of its time in pydantic's
`__getstate__`/`__setstate__` and in `PrismaOrigin`'s by-value reduction (seven properties read, then a validating
constructor): 2,500 lowered tables took 0.30 s to write and 0.17 s to read, here 0.12 s both. Here a model travels as its class, its field
dictionary and its fields-set, and is rebuilt without validation (it was valid where it was made); an origin
travels as its integer, and the numbers it holds in the sender's text registry (file, model, field) are translated
into the receiver's: the sender's registry goes first in the payload.
"""

from __future__ import annotations

import copyreg
import io
import pickle

from drift.diagnostics import text_number, texts
from drift.model.construct import instance_setters
from drift.model.schema import Frozen, PrismaOrigin

__all__ = ["dumps", "loads"]

# Where an origin keeps its registry numbers (see drift.model.schema): the file's, then the model's and the field's.
_FILE_SHIFT, _FILE_MASK = 192, (1 << 64) - 1
_MODEL_SHIFT, _FIELD_SHIFT, _NAME_MASK = 256, 288, (1 << 32) - 1
_NUMBERS = _FILE_MASK << _FILE_SHIFT | _NAME_MASK << _MODEL_SHIFT | _NAME_MASK << _FIELD_SHIFT
_new_origin = int.__new__

# The receiver's number for each of the sender's, while `loads` runs.
_translation: list[int] = []


def _frozen_classes() -> list[type]:
    found, pending = [], [Frozen]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def _reduce_model(instance):
    return _rebuild, (type(instance), instance.__dict__, instance.__pydantic_fields_set__)


def _rebuild(cls, values, fields_set):
    set_dict, set_fields_set, set_extra, set_private = instance_setters(cls)
    instance = object.__new__(cls)
    set_dict(instance, values)
    set_fields_set(instance, fields_set)
    set_extra(instance, None)
    set_private(instance, None)
    return instance


def _reduce_origin(origin):
    return _origin, (int(origin),)


def _origin(bits: int) -> PrismaOrigin:
    translation = _translation
    return _new_origin(
        PrismaOrigin,
        bits & ~_NUMBERS
        | translation[bits >> _FILE_SHIFT & _FILE_MASK] << _FILE_SHIFT
        | translation[bits >> _MODEL_SHIFT & _NAME_MASK] << _MODEL_SHIFT
        | translation[bits >> _FIELD_SHIFT & _NAME_MASK] << _FIELD_SHIFT,
    )


def dumps(value) -> bytes:
    """`value` (schema objects in tuples, lists, dicts) as bytes for `loads` in another process."""
    table = copyreg.dispatch_table.copy()
    table.update(dict.fromkeys(_frozen_classes(), _reduce_model))
    table[PrismaOrigin] = _reduce_origin
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = table
    pickler.dump(value)
    return pickle.dumps((list(texts), buffer.getvalue()), protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes):
    """What `dumps` was given, its origins' numbers translated into this process's registry."""
    global _translation
    sender_texts, payload = pickle.loads(data)
    _translation = [0] + [text_number(text) for text in sender_texts[1:]]
    try:
        return pickle.loads(payload)
    finally:
        _translation = []
