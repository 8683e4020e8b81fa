"""lbcl-cds: a CDS Hooks 2.0 service for large B-cell lymphoma response assessment.

`create_app` is imported lazily so that `cds_service.guidelines` can be imported without Flask.
"""

from __future__ import annotations

__version__ = "0.1.0"


def __getattr__(name: str):  # PEP 562: lazy attribute
    if name == "create_app":
        from cds_service.app import create_app

        return create_app
    raise AttributeError(name)
