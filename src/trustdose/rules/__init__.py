"""Rules as data: the shape of a rule file, conditions, loading and layering folders into
a rule set, the compiled-rules cache, the proofs of `rules check`, rule tests, JSON
Schema and missing translations."""
