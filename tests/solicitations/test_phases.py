from datetime import date

import pytest

from interaction.solicitations.phases import Phase, phase_of

OPENS, CLOSES = date(2005, 3, 1), date(2005, 3, 31)


@pytest.mark.parametrize(
    ("today", "has_results", "results_on", "expected"),
    [
        (date(2005, 2, 28), False, None, Phase.UPCOMING),
        (date(2005, 3, 1), False, None, Phase.OPEN),
        (date(2005, 3, 31), False, None, Phase.OPEN),  # the closing day still accepts opinions
        (date(2005, 4, 1), False, None, Phase.CLOSED),
        (date(2005, 4, 1), True, None, Phase.RESULTS),  # results written, no publication day
        (date(2005, 4, 5), True, date(2005, 4, 10), Phase.CLOSED),  # written, not yet to be shown
        (date(2005, 4, 10), True, date(2005, 4, 10), Phase.RESULTS),
        (date(2005, 3, 15), True, None, Phase.OPEN),  # results never show while open
    ],
)
def test_phase_by_dates(today, has_results, results_on, expected):
    assert phase_of(OPENS, CLOSES, today, has_results=has_results, results_on=results_on) == expected
