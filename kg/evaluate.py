"""Scoring extraction against a gold file (the format of ``tests/data/seed_facts.json``).

Cast facts count twice, as ``plays`` (person, character) and ``appears_in`` (person, film);
names match through the gold aliases after folding case, quotes and dashes. Facts marked
``required: false`` are true but optional: finding them is never a false positive.

>>> report = evaluate_paths("tests/data/seed_facts.json", ["corpus"])   # doctest: +SKIP
>>> report.f1 >= 0.95                                                    # doctest: +SKIP
True
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from .exports import facts_records
from .names import norm
from .pipeline import build_knowledge_base

ROLES = {
    "director": (("film", "film"), ("person", "person")),
    "plays": (("person", "person"), ("character", "character")),
    "appears_in": (("person", "person"), ("film", "film")),
    "in_franchise": (("film", "film"), ("franchise", "franchise")),
    "review_of": (("review", None), ("film", "film")),
    "review_author": (("review", None), ("person", "person")),
}


@dataclass(frozen=True)
class RelationScore:
    """How one relation scored: counts, and the facts behind the mistakes."""

    relation: str
    extracted: int
    correct: int
    required: int
    found: int
    false_positives: tuple[tuple, ...]
    traps: tuple[tuple, ...]
    missed: tuple[tuple, ...]

    @property
    def precision(self) -> float:
        return self.correct / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class EvalReport:
    """Precision, recall and F1 per relation and overall, plus source recall."""

    relations: tuple[RelationScore, ...]
    precision: float
    recall: float
    f1: float
    sources_cited: int
    sources_expected: int

    def __str__(self) -> str:
        lines = [f"{'relation':14} {'P':>5} {'R':>5} {'F1':>5}  found/required  extracted"]
        for rel in self.relations:
            lines.append(f"{rel.relation:14} {rel.precision:5.2f} {rel.recall:5.2f} {rel.f1:5.2f}  "
                         f"{rel.found:>5}/{rel.required:<8}  {rel.extracted}")
            lines += [f"    false positive: {fp}" + ("  (TRAP)" if fp in rel.traps else "")
                      for fp in rel.false_positives]
            lines += [f"    missed: {m}" for m in rel.missed]
        lines.append(f"supporting reviews cited: {self.sources_cited}/{self.sources_expected}")
        lines.append(f"overall precision {self.precision:.3f} recall {self.recall:.3f} F1 {self.f1:.3f}")
        return "\n".join(lines)

    def to_json(self) -> str:
        data = asdict(self)
        for rel, item in zip(self.relations, data["relations"]):
            item.update(precision=rel.precision, recall=rel.recall, f1=rel.f1)
        return json.dumps(data, indent=1, ensure_ascii=False)


class _Names:
    """Maps any gold alias to its gold canonical name, per entity type."""

    def __init__(self, gold: dict):
        self.table: dict[str, dict[str, str]] = {}
        for entity_type, items in gold.get("entities", {}).items():
            if entity_type.startswith("not_"):
                continue
            table = self.table.setdefault(entity_type, {})
            for item in items:
                for alias in [item["name"], *item.get("aliases", [])]:
                    table.setdefault(_key(alias), item["name"])

    def canon(self, entity_type: str | None, name) -> str | None:
        if name is None or entity_type is None:
            return None if name is None else str(name)
        return self.table.get(entity_type, {}).get(_key(name), "?" + str(name))


def _key(name: str) -> str:
    return norm(str(name)).replace("'s ", " ")


def _fact_key(names: _Names, relation: str, record: dict) -> tuple:
    return tuple(names.canon(t, record.get(f)) for f, t in ROLES[relation])


def _relations(records: Iterable[dict]):
    for record in records:
        if record.get("kind") == "cast":
            if record.get("character"):
                yield "plays", record
            if record.get("film"):
                yield "appears_in", record
        elif record.get("kind") in ROLES:
            yield record["kind"], record


def score(records: list[dict], gold: dict) -> EvalReport:
    """Scores facts records (as in ``facts.jsonl``) against a gold dict."""
    names = _Names(gold)
    got: dict[str, dict[tuple, set[str]]] = {}
    for relation, record in _relations(records):
        cited = got.setdefault(relation, {}).setdefault(_fact_key(names, relation, record), set())
        cited.update(str(s.get("review")) for s in record.get("sources", []))
    scores, cited_total, expected_total = [], 0, 0
    for relation in ROLES:
        gold_facts = [f for f in gold.get("facts", []) if f["kind"] == relation]
        true = {_fact_key(names, relation, f) for f in gold_facts}
        required = {_fact_key(names, relation, f) for f in gold_facts if f.get("required", True)}
        traps = {_fact_key(names, relation, f) for f in gold.get("not_facts", []) if f["kind"] == relation}
        mine = set(got.get(relation, {}))
        for fact in gold_facts:
            key = _fact_key(names, relation, fact)
            if key in mine and fact.get("required", True):
                expected_total += len(fact.get("support", {}))
                cited_total += len(set(fact.get("support", {})) & got[relation][key])
        scores.append(RelationScore(relation, len(mine), len(mine & true), len(required), len(mine & required),
                                    tuple(sorted(mine - true)), tuple(sorted(mine & traps)),
                                    tuple(sorted(required - mine))))
    correct = sum(s.correct for s in scores)
    extracted = sum(s.extracted for s in scores)
    precision = correct / extracted if extracted else 0.0
    required = sum(s.required for s in scores)
    recall = sum(s.found for s in scores) / required if required else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return EvalReport(tuple(scores), precision, recall, f1, cited_total, expected_total)


def check_gold(gold) -> None:
    """Raises ``ValueError`` naming the first thing a gold file gets wrong (``facts[3]: no 'kind'``)."""
    if not isinstance(gold, dict) or not isinstance(gold.get("facts"), list):
        raise ValueError("no 'facts' list")
    entities = gold.get("entities", {})
    if not isinstance(entities, dict):
        raise ValueError("'entities' must map entity types to lists")
    for entity_type, items in entities.items():
        if not isinstance(items, list):
            raise ValueError(f"entities.{entity_type} must be a list")
        for index, item in enumerate(items):
            if entity_type.startswith("not_"):  # names that are not of the type: plain strings
                if not isinstance(item, str):
                    raise ValueError(f"entities.{entity_type}[{index}] must be a string")
                continue
            if not isinstance(item, dict) or not isinstance(item.get("name"), str):
                raise ValueError(f"entities.{entity_type}[{index}] needs a 'name' string")
            if not isinstance(item.get("aliases", []), list):
                raise ValueError(f"entities.{entity_type}[{index}].aliases must be a list")
    for key in ("facts", "not_facts"):
        facts = gold.get(key, [])
        if not isinstance(facts, list):
            raise ValueError(f"'{key}' must be a list")
        for index, fact in enumerate(facts):
            if not isinstance(fact, dict) or not isinstance(fact.get("kind"), str):
                raise ValueError(f"{key}[{index}] needs a 'kind' string")
            if not isinstance(fact.get("support", {}), dict):
                raise ValueError(f"{key}[{index}].support must map review ids to quotes")


def evaluate_paths(gold_path: str | Path, paths: Iterable[str | Path], model: str | None = None) -> EvalReport:
    """Builds from ``paths`` and scores the facts against the gold file; ``ValueError`` (one line)
    for a malformed gold file or when no review can be read."""
    try:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        check_gold(gold)
    except (UnicodeDecodeError, json.JSONDecodeError, ValueError) as err:
        raise ValueError(f"{gold_path}: not a valid gold file ({' '.join(str(err).split())})") from None
    kb = build_knowledge_base(paths, model=model)
    if not kb.reviews:
        reasons = "; ".join(str(e) for e in kb.skipped[:3]) or "no .txt files"
        raise ValueError(f"no review could be read ({reasons})")
    return score(facts_records(kb), gold)
