"""The fast validator's checks, written once at import as plain Python functions (issue 16).

For each type of read_schema.py this module writes the source of one function and compiles it: one
`dict.get` per element the rules read, the primitive checks of primitives.py called directly, arrays
walked in place, small datatypes (only primitive elements: Coding, Quantity, Period ...) checked inline.
Generic code walking the table at run time did the same checks at twice the cost; the cold request
validates every resource, so this is on its hot path. `source(name)` shows what was generated.

A resource check returns None when the resource is valid, else the name of the element that is not
(our names only, never a value: it is logged); a datatype check returns True or False.
"""

from __future__ import annotations

from collections.abc import Callable

from .primitives import PRIMITIVES
from .read_schema import DATATYPES, RESOURCES

_SOURCES: dict[str, str] = {}


def _model_fields(name: str) -> dict:
    from fhir.resources.R4B import get_fhir_model_class

    return get_fhir_model_class(name).model_fields


def known_elements(name: str) -> frozenset[str]:
    """Every R4 element name of a type (and its `_element` siblings), from fhir.resources."""
    return frozenset(f.alias for f in _model_fields(name).values() if f.alias)


def choices(name: str, read: set[str]) -> list[tuple[str, frozenset[str], bool]]:
    """The choice elements ([x]) of an R4 type that the rules read: (name, its forms, required by R4)."""
    groups: dict[str, tuple[set[str], bool]] = {}
    for field in _model_fields(name).values():
        extra = field.json_schema_extra if isinstance(field.json_schema_extra, dict) else {}
        prefix = extra.get("one_of_many")
        if prefix:
            forms, required = groups.setdefault(prefix, (set(), extra.get("one_of_many_required") is True))
            forms.add(field.alias)
    return [(f"{prefix}[x]", frozenset(forms), required) for prefix, (forms, required) in groups.items()
            if forms & read]


def _parse(type_spec: str) -> tuple[str, bool, bool]:
    """`Type`, `Type[]`, `Type!` -> (type, array, required)."""
    required = type_spec.endswith("!")
    name = type_spec.rstrip("!")
    return name.removesuffix("[]"), name.endswith("[]"), required


def _leaf(name: str) -> bool:
    spec = DATATYPES.get(name)
    return spec is not None and all(_parse(t)[0] in PRIMITIVES for t in spec.values())


class _Writer:
    def __init__(self, fail: str, namespace: dict):
        self.lines: list[str] = []
        self.fail = fail  # what the function returns for an invalid value (an expression)
        self.names = namespace  # globals of the generated code, shared by every function

    def const(self, prefix: str, value: object) -> str:
        name = f"{prefix}{len(self.names)}"
        self.names[name] = value
        return name

    def emit(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def value(self, depth: int, var: str, type_name: str, fail: str) -> None:
        """Lines that check `var` as one value of `type_name` and `return fail` when it is not."""
        if type_name in PRIMITIVES:
            check = PRIMITIVES[type_name]
            call = f"not {self.const('P', check)}({var})"
            if hasattr(check, "known"):  # a string already found valid: no call
                call = f"({var}.__class__ is not str or {var} not in {self.const('S', check.known)}) and {call}"
            self.emit(depth, f"if {call}: return {fail}")
        elif type_name == "Resource":
            self.emit(depth, f"if not CONTAINED({var}): return {fail}")
        elif _leaf(type_name):
            self.fields(depth, var, type_name, DATATYPES[type_name], fail, f"v{depth}")
        else:
            self.emit(depth, f"if not CHECK_{type_name}({var}): return {fail}")

    def element(self, depth: int, var: str, type_spec: str, fail: str) -> None:
        name, many, _ = _parse(type_spec)
        if not many:
            self.value(depth, var, name, fail)
            return
        item = f"i{depth}"
        self.emit(depth, f"if not isinstance({var}, list): return {fail}")
        self.emit(depth, f"for {item} in {var}:")
        self.value(depth + 1, item, name, fail)

    def fields(self, depth: int, var: str, type_name: str, spec: dict[str, str], fail: str, tmp: str,
               resource: bool = False) -> None:
        """The checks of an object `var` of `type_name`: its keys, required elements, each element read,
        its choices."""
        known = self.const("K", known_elements(type_name) | ({"resourceType"} if resource else set()))
        unknown = '"unknown element"' if resource else fail
        self.emit(depth, f"if not isinstance({var}, dict): return {fail}")
        for element, type_spec in spec.items():
            if _parse(type_spec)[2]:
                self.emit(depth, f"if {element!r} not in {var}: return {repr(element) if resource else fail}")
        self.emit(depth, f"if not {var}.keys() <= {known}: return {unknown}")
        for element, type_spec in spec.items():
            self.emit(depth, f"{tmp} = {var}.get({element!r}, MISSING)")
            self.emit(depth, f"if {tmp} is not MISSING:")
            self.element(depth + 1, tmp, type_spec, repr(element) if resource else fail)
        for choice, forms, required in choices(type_name, set(spec)):
            n = f"len({var}.keys() & {self.const('C', forms)})"
            self.emit(depth, f"if {n} {'!= 1' if required else '> 1'}: return {repr(choice) if resource else fail}")


def _compile(fname: str, writer: _Writer, namespace: dict) -> Callable:
    source = "\n".join([f"def {fname}(v):", *writer.lines, f"    return {'None' if writer.fail != 'False' else 'True'}"])
    _SOURCES[fname] = source
    exec(compile(source, f"<shape_compile {fname}>", "exec"), namespace)  # noqa: S102 (our own table)
    return namespace[fname]


def build() -> tuple[dict[str, Callable[[dict], str | None]], dict[str, Callable[[object], bool]]]:
    """(resource type -> check returning None or the invalid element, datatype -> check returning a bool)."""
    namespace: dict[str, object] = {"MISSING": object()}
    datatypes = {}
    for name, spec in DATATYPES.items():
        writer = _Writer("False", namespace)
        writer.fields(1, "v", name, spec, "False", "x1")
        datatypes[name] = namespace[f"CHECK_{name}"] = _compile(f"CHECK_{name}", writer, namespace)
    resources = {}
    for name, spec in RESOURCES.items():
        writer = _Writer("None", namespace)
        writer.fields(1, "v", name, {"id": "id", **spec}, repr("resource"), "x1", resource=True)
        resources[name] = _compile(f"RESOURCE_{name}", writer, namespace)

    def contained(value: object) -> bool:
        """A contained resource: checked as its type when the rules read that type, else its id."""
        if not isinstance(value, dict) or not isinstance(value.get("resourceType"), str):
            return False
        check = resources.get(value["resourceType"])
        return check(value) is None if check else PRIMITIVES["id"](value.get("id", "x"))

    namespace["CONTAINED"] = contained
    return resources, datatypes


def source(name: str) -> str:
    """The generated source of a check (`RESOURCE_Observation`, `CHECK_CodeableConcept` ...)."""
    return _SOURCES[name]
