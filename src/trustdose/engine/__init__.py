"""The engine: facts and the level (`decide`), the other parts of an assessment
(`parts`, `next_step`, `history`), the compile step that remembers them (`compiled`), and the
one orchestration (`assess`)."""
