"""Building model objects without validation, for the two producers that make tens of thousands of them (the
introspector from catalog rows, the lowering from the resolved AST), where validation was a large share of the run.

The call site passes every field, already of the declared type; `given` names the fields it means (the rest carry
their defaults), so the object equals the validated one, `model_fields_set` included. A call that does not pass
exactly the model's fields raises: a field added to the model must be added at the call site too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from pydantic import BaseModel


@cache
def instance_setters(cls: type[BaseModel]) -> tuple[Callable[[BaseModel, object], None], ...]:
    """The `__set__` of the slots a pydantic instance is made of: `__dict__`, `__pydantic_fields_set__`,
    `__pydantic_extra__`, `__pydantic_private__`. Called directly, they skip object.__setattr__'s lookup (a third
    of its time); the parser's node makers use them too."""
    return tuple(
        next(vars(klass)[name] for klass in cls.__mro__ if name in vars(klass)).__set__
        for name in ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    )


@cache  # one constructor per model and field set; call sites may ask for it per row
def trusted_constructor(cls: type[BaseModel], *given: str) -> Callable[..., BaseModel]:
    names = frozenset(cls.model_fields)
    fields_set = set(given or names)
    new = object.__new__
    set_dict, set_fields_set, set_extra, set_private = instance_setters(cls)

    def construct(**values):
        if values.keys() != names:
            raise TypeError(f"{cls.__name__} fields are {sorted(names)}, got {sorted(values)}")
        instance = new(cls)
        set_dict(instance, values)
        set_fields_set(instance, fields_set)
        set_extra(instance, None)
        set_private(instance, None)
        return instance

    return construct
