"""A faster `__init__` for frozen, slotted dataclasses (issue 16).

A frozen dataclass's generated `__init__` must set each field with `object.__setattr__(self, name, value)`
(its own `__setattr__` refuses), which looks the attribute up by name for every field of every object:
the mapping builds thousands of small frozen records on a long chart (a Measurement and its Evidence for
each LDH result), and those lookups were the larger part of building them. `fast_init` gives such a class
an `__init__` with the same parameters (names, order, defaults) that fills each slot through the slot's
own descriptor, found once: the object is the same, about a third cheaper to make. The class stays
frozen (assignment after construction raises as before), and `dataclasses.replace`, equality, hashing and
repr are untouched.

Only for the plain case: every field an `__init__` parameter with no default factory, no keyword-only
field, no `__post_init__`. Any other class is returned as it is (dataclass's `__init__` kept).
tests/test_fast_init.py holds each decorated class to the `__init__` dataclass generates.
"""

from __future__ import annotations

import dataclasses


def fast_init(cls: type) -> type:
    """Apply above `@dataclass(frozen=True, slots=True)`."""
    fields = dataclasses.fields(cls)
    params = getattr(cls, "__dataclass_params__", None)
    if (params is None or not params.frozen or "__slots__" not in cls.__dict__ or hasattr(cls, "__post_init__")
            or any(not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING for f in fields)):
        return cls
    namespace: dict[str, object] = {}
    args, body = [], []
    for i, f in enumerate(fields):
        namespace[f"__set{i}"] = cls.__dict__[f.name].__set__  # the slot's member descriptor
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            namespace[f"__default{i}"] = f.default
            args.append(f"{f.name}=__default{i}")
        body.append(f"    __set{i}(self, {f.name})")
    source = "\n".join([f"def __init__(self, {', '.join(args)}):", *(body or ["    pass"])])
    exec(compile(source, f"<fast_init {cls.__qualname__}>", "exec"), namespace)  # noqa: S102 (field names only)
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init
    return cls
