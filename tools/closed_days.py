"""Write the table of public holidays trustdose reads for Denmark, Norway and Sweden
(a developer tool; needs the `holidays` package, a dependency of trustdose).

    python tools/closed_days.py           write src/trustdose/engine/closed_days.json
    python tools/closed_days.py --check   exit 1 if the table is not what `holidays`
                                          gives today (the tests run this)

Why a table: importing `holidays` costs about a tenth of a second of every Danish,
Norwegian and Swedish `assess` (the command's whole start-up is about three tenths), for
dates that are the same in every run. The table holds the years a review date falls in
(`FIRST` to `LAST`); a day outside them, or another country, asks `holidays` itself.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "src" / "trustdose" / "engine" / "closed_days.json"
FIRST, LAST = 2020, 2045


def table() -> dict:
    """The holidays of each country the table holds, by ISO date, named as `holidays`
    names them in the country's own language (what `engine.workdays.closed` returns)."""
    sys.path.insert(0, str(ROOT / "src"))
    from trustdose.engine import workdays

    days = {}
    for country in workdays.TABLED:
        calendar = workdays._calendar(country)  # noqa: SLF001 - the one the table stands for
        for year in range(FIRST, LAST + 1):  # a look-up fills in the year it falls in
            calendar.get(f"{year}-01-01")
        days[country] = {day.isoformat(): calendar[day] for day in sorted(calendar)
                         if FIRST <= day.year <= LAST}
    return {"made by": "tools/closed_days.py", "first": FIRST, "last": LAST, "days": days}


def written() -> str:
    return json.dumps(table(), ensure_ascii=False, indent=1) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args()
    text = written()
    if args.check:
        if not TABLE.exists() or TABLE.read_text(encoding="utf-8") != text:
            print(f"{TABLE.relative_to(ROOT)} is stale: run python tools/closed_days.py",
                  file=sys.stderr)
            return 1
        return 0
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
