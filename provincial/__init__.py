"""Reference implementation of the provincial online-services backend the desk syncs with.

It owns the REST contract (``openapi.json``), serves the citizen tracking page, and acts as
the province's specialists in tests and demos (the processing simulator). It imports
nothing from ``desk``: it is the other side of the wire.
"""
