"""Rules as data, below the engine: the shape of a rule file and of a rule test file,
conditions, placeholders, loading and layering folders into a rule set, the
compiled-rules cache, JSON Schema and missing translations. What runs the engine over
the rules (`rules check`, rule tests) is in `proofs`."""
