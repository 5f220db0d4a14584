"""Proofs about a rule set, above the engine they run: `rules check` over the whole input
grid (`grid`, `check`) and an organisation's own rule tests (`tests`)."""
