"""fhir_mappings/fast_init.py: a frozen, slotted dataclass given the faster `__init__` takes the same
arguments as dataclass's own, makes equal objects, and stays frozen (issue 16)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil

import pytest

import cds_service.guidelines
import fhir_mappings
from fhir_mappings.fast_init import fast_init


def _decorated() -> list[type]:
    found = {}
    for package in (fhir_mappings, cds_service.guidelines):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                init = getattr(value, "__init__", None)
                if isinstance(value, type) and getattr(getattr(init, "__code__", None), "co_filename", "").startswith(
                        "<fast_init"):
                    found[f"{value.__module__}.{value.__qualname__}"] = value
    return [found[k] for k in sorted(found)]


DECORATED = _decorated()


def _twin(cls: type) -> type:
    """The same fields under dataclass's own frozen, slotted `__init__`."""
    return dataclasses.make_dataclass(cls.__name__, [(f.name, f.type, dataclasses.field(default=f.default))
                                                     if f.default is not dataclasses.MISSING else (f.name, f.type)
                                                     for f in dataclasses.fields(cls)], frozen=True, slots=True)


def test_the_records_the_mapping_builds_most_are_decorated():
    names = {c.__qualname__ for c in DECORATED}
    assert {"Evidence", "Measurement", "DrugAdministration", "Cycle", "Sentence", "TextFact", "Rec"} <= names


@pytest.mark.parametrize("cls", DECORATED, ids=lambda c: c.__qualname__)
def test_same_signature_same_objects_still_frozen(cls):
    _check(cls)


def _check(cls: type) -> None:
    twin = _twin(cls)
    ours, theirs = inspect.signature(cls.__init__), inspect.signature(twin.__init__)
    assert [(p.name, p.default, p.kind) for p in ours.parameters.values()] == \
        [(p.name, p.default, p.kind) for p in theirs.parameters.values()]
    fields = dataclasses.fields(cls)
    values = [object() for _ in fields]  # a distinct value for each field, given by position
    made = cls(*values)
    assert [getattr(made, f.name) for f in fields] == values
    by_name = cls(**{f.name: v for f, v in zip(fields, values)})
    assert by_name == made
    required = [v for f, v in zip(fields, values) if f.default is dataclasses.MISSING]
    defaults = cls(*required)
    assert [getattr(defaults, f.name) for f in fields] == [getattr(twin(*required), f.name) for f in fields]
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, None)
    assert dataclasses.replace(made, **{fields[-1].name: "changed"}) != made


def test_other_classes_keep_the_dataclass_init():
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class NoSlots:
        x: int

    @dataclasses.dataclass(slots=True)
    class NotFrozen:
        x: int

    for cls in (WithFactory, NoSlots, NotFrozen):
        init = cls.__init__
        assert fast_init(cls).__init__ is init


def test_a_wrong_init_would_be_caught():
    """The check above can fail: an __init__ that swaps two fields is caught."""
    @fast_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Pair:
        a: object
        b: object = None

    _check(Pair)
    setters = Pair.__dict__["a"].__set__, Pair.__dict__["b"].__set__
    Pair.__init__ = lambda self, a, b=None: (setters[0](self, b), setters[1](self, a)) and None
    with pytest.raises(AssertionError):
        _check(Pair)
