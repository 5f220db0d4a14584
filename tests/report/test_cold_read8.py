"""What a fifth cold reader crossed out in four boards and eight situations: Advise read
as leave to break the ground rules, management told with examples the task itself was,
checks of the leader's own decision at Consult, work asked for before the time promised
for it exists, a youth club's young people called children. In-process, one situation
each; the boards and the planned level through the command line (tests/board,
tests/cli)."""

from __future__ import annotations

import pytest

from trustdose import i18n

from situations import situation_text


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


@pytest.mark.parametrize("name, lang, said, crossed", [
    # the ground rules always hold; advice before what is out of the ordinary
    ("barnehagetur-vannet", "nb", "alltid innenfor det vi holder oss til",
     "i det som faller utenfor"),
    ("teacher-parent-messages", "en", "always within our ground rules; before a decision "
     "out of the ordinary", "falls outside"),
    # the planning time is the gap: no planning asked for before it exists
    ("forskolelag-utan-planeringstid", "sv", "så långt tiden räcker", "redan börja"),
    # clarity is the gap, not time (a sixth cold read)
    ("museum-trip-unclear", "en", "Until then, we prepare it together; I join in",
     "as far as time allows"),
    # a youth club's young people, in danger
    ("youth-club-new-leader", "en", "If a young person is in danger", "child"),
    # a kindergarten's are children (a sixth cold read crossed out "or a young person")
    ("barnehagetur-vannet", "nb", "Er et barn i fare", "ungdom"),
    # the task is itself the press case: no "(a complaint, the press)"
    ("pressesag-madservice", "da", "Skal noget op til ledelsen, taler vi det igennem",
     "pressen)"),
])
def test_what_the_fifth_cold_reader_crossed_out(rules, name, lang, said, crossed):
    text = " ".join(situation_text(rules, name, lang).split())
    assert said in text and crossed not in text
