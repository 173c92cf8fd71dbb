"""The limits of the desk ↔ province contract (docs/REST.md).

The province's request models (provincial/schemas.py) are built from these numbers and the desk checks
its input against the same numbers at the counter, so a clerk is told at once what the province would
refuse days later (a test compares them with provincial/openapi.json)."""

MAX_FEE_VND = 10_000_000_000  # one fee item of a dossier
MAX_DOSSIER_DOCUMENTS = 100  # papers listed in a dossier record
MAX_EVENT_DOCUMENTS = 50  # papers named in a supplement request or a supplement received
MAX_OUTCOME_DOCUMENTS = 100  # papers named on guidance or a refusal at intake
MAX_DOCUMENT_NAME = 400
MAX_OWNER_NAME = 200
MAX_PROCEDURE_NAME = 400
MAX_NOTE = 2000  # reasons and notes of events
MAX_PHONE = 20
MAX_EMAIL = 254

# The day's dossier numbers: desks count up from 0001 (block 0) or k001 (block k = 1–8); the province numbers
# online applications down from 9999, in 9000–9999, which no desk ever issues.
ONLINE_FIRST, ONLINE_LAST = 9000, 9999
