"""How far a YAML document's aliases expand, counted without expanding them.

An alias stands for its anchor's values each time it is used, so a few hundred bytes
(`l1: &l1 [*l0, *l0, …]`, nine levels deep) can stand for billions of values. `io.source`
refuses a document of more than its limit of values; counting each node's expanded size
once (memoised by node) tells in milliseconds whether a document is over the limit, and
lets the walk that finds *where* it goes over skip what it has checked already.
"""

from __future__ import annotations

from typing import Any


class Expansion:
    """How many values each node of a document stands for, aliases counted as often as
    they are used (at most `limit` + 1: more is more), and the nodes whose values were
    checked whole without a problem, with the deepest level each was checked at."""

    def __init__(self, root: Any, limit: int) -> None:
        self.limit = limit
        self.sizes = expanded_sizes(root, limit)
        self.root = root
        self.deepest: dict[int, int] = {}

    def too_large(self) -> bool:
        """Whether the document stands for more values than the limit."""
        return self.sizes[id(self.root)] > self.limit

    def counted(self, node: Any, depth: int, doc: Any) -> bool:
        """Whether the values of `node` at `depth` were checked before (at this level or
        deeper, so none is too deep here either) and fit under the limit: then they are
        counted in `doc` and need no walk."""
        size = self.sizes[id(node)]
        if self.deepest.get(id(node), -1) < depth or doc.values + size > self.limit:
            return False
        doc.values += size
        return True

    def checked(self, node: Any, depth: int) -> None:
        """The values of `node` at `depth` were checked whole, and held no problem."""
        self.deepest[id(node)] = max(depth, self.deepest.get(id(node), -1))


def expanded_sizes(root: Any, limit: int) -> dict[int, int]:
    """The values each node (by id) stands for, capped at `limit` + 1; walked without
    recursion (a document may nest deeper than Python recurses), each node once. An
    alias inside its own anchor (`&a [*a]`) stands for values without end."""
    import yaml
    sizes: dict[int, int] = {}
    open_: set[int] = set()  # nodes whose children are being counted
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        children = [v for _, v in node.value] if isinstance(node, yaml.MappingNode) else \
            node.value if isinstance(node, yaml.SequenceNode) else ()
        if children_done:
            open_.discard(id(node))
            sizes[id(node)] = min(limit + 1, 1 + sum(
                sizes.get(id(child), limit + 1) for child in children))
        elif id(node) not in open_:
            open_.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes
