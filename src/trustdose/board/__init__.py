"""The delegation board: one person or team, several decision areas, each assessed by the
one engine. A board file (`board.file`) is split into one case per area, placed where the
board's file says it, so a case's checks and its errors are the ones `assess` gives; the
areas are assessed together (`board.assess`) under one review date."""
