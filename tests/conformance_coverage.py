"""What the conformance cases must cover: the code lives in :mod:`kb.knowledge.coverage` (``kb check``
asks for the missing cases too); this module keeps the tests' import path."""

from kb.knowledge.coverage import (answers_given, case_set, holiday_moves, missing_statuses,  # noqa: F401
                                   observed_statuses, possible_values, required_statuses, rettskrav_services,
                                   routine_answers, services_without_cases)
