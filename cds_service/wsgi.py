"""WSGI entry point for gunicorn: `cds_service.wsgi:app`.

After start-up the long-lived objects (model classes, code sets, patterns, the registry) are moved
out of the cyclic garbage collector's view (`gc.freeze`): a large chart allocates many small objects,
and full collections that re-scan those start-up objects showed up as p99 spikes (docs/performance.md).
"""

import gc

from cds_service.app import create_app

app = create_app()
gc.collect()
gc.freeze()
