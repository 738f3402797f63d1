"""The cues of :func:`mediakit.compare.claims.claim_changes` and how two sides' cues are compared.

Each sentence yields *cues*: conditions, negations, modal verbs, hedges,
reporting verbs and names, each with its offsets and a key to compare. The
cues of an alignment group's a sentences are then paired with those of its b
sentences (:func:`pair_cues`); what stays unpaired, or pairs across
categories, is a change. The rules are documented for users in
:func:`mediakit.compare.claims.claim_changes`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import Any

import pandas as pd

from mediakit.compare import _changes
from mediakit.compare._places import place_key
from mediakit.segment import stopwords
from mediakit.segment._punkt import function_words
from mediakit.segment._wordlists import is_familiar

__all__ = ["Change", "Cue", "Sentence", "pair_cues"]


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its id, offset into the article's text, and text."""

    sent: int
    start: int
    text: str


@dataclass(frozen=True)
class Cue:
    """A word or phrase of one sentence that a change is made of."""

    sent: int  # sent_id
    start: int  # offsets into the article's text
    end: int
    key: str  # what is compared across versions
    text: str  # as written (for a condition: the clause)
    cat: str = ""  # category: reporting verb category, modal meaning, ...
    scope: str = ""  # stem of the content word a negator or modal bears on


@dataclass(frozen=True)
class Change:
    """One row of claim_changes before it becomes a table."""

    group: int
    kind: str
    a_sent: int | None  # where the evidence sits; None: the group's first sentence of the side
    b_sent: int | None
    evidence: str
    a_evidence: str | None
    b_evidence: str | None
    pos: int = 0  # offset of the evidence, for the order within a group and kind


Test = Callable[[Cue, Cue], bool]


def pair_cues(
    xs: Sequence[Cue], ys: Sequence[Cue], tests: Sequence[Test]
) -> tuple[list[tuple[int, Cue, Cue]], list[Cue], list[Cue]]:
    """Pair ``xs`` with ``ys`` greedily in reading order, under each test in turn.

    Returns the pairs as (index of the test that paired them, x, y) and the
    unpaired xs and ys.
    """
    pairs: list[tuple[int, Cue, Cue]] = []
    rest_x, rest_y = list(xs), list(ys)
    for t, test in enumerate(tests):
        left = []
        for x in rest_x:
            j = next((j for j, y in enumerate(rest_y) if test(x, y)), None)
            if j is None:
                left.append(x)
            else:
                pairs.append((t, x, rest_y.pop(j)))
        rest_x = left
    return pairs, rest_x, rest_y


def same_key(x: Cue, y: Cue) -> bool:
    return x.key == y.key


def same_cat(x: Cue, y: Cue) -> bool:
    return x.cat == y.cat


def anything(x: Cue, y: Cue) -> bool:
    return True


_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


def _words(s: Sentence) -> list[tuple[str, int, int]]:
    """(lowercase word with a straight apostrophe, start, end) in the article's offsets."""
    return [
        (m.group().lower().replace("’", "'"), s.start + m.start(), s.start + m.end())
        for m in _WORD.finditer(s.text)
    ]


@cache
def _stemmer() -> Any:
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@cache
def stem(word: str) -> str:
    return str(_stemmer().stem(word))


def content_stems(text: str) -> set[str]:
    stop = stopwords()
    return {stem(w) for w, _, _ in _words(Sentence(0, 0, text)) if w not in stop}


def _scope(words: list[tuple[str, int, int]], i: int, reach: int = 4) -> str:
    """Stem of the first content word after word ``i`` (within ``reach`` words)."""
    stop = stopwords()
    for w, _, _ in words[i + 1 : i + 1 + reach]:
        if w not in stop and w not in NEGATORS and w not in _MODAL_FORMS:
            return stem(w)
    return ""


def bears_on(cue: Cue, other_text: str) -> bool:
    """Whether the word a negator or modal bears on is in ``other_text``: the same
    predicate with another polarity or modality, not a clause dropped or added with it."""
    return bool(cue.scope) and cue.scope in content_stems(other_text)


# ---------------------------------------------------------------------------
# conditions
# ---------------------------------------------------------------------------

_MARKER = re.compile(
    r"\b(?:if|unless|provided that|providing that|as long as|so long as|on condition that|"
    r"in the event that|in case)\b",
    re.IGNORECASE,
)
# "asked if", "unclear if": an indirect question, not a condition
_ASKING = frozenset(
    """ask asks asked asking wonder wonders wondered wondering know knows knew known see
    sees saw seen check checks checked checking decide decides decided deciding determine
    determined unclear unsure sure doubt doubts doubted question questioned tell told
    learn learned find found whether""".split()
)
_OBJECTS = frozenset("me him her them us you".split())
_INVERTED = re.compile(
    r"[\s\"“‘'(]*(?:Should|Were|Had)\s+(?:I|you|he|she|it|we|they|the|a|an|this|that|these|"
    r"those|his|her|its|our|their|my|your|[A-Z][\w'’-]*)\b"
)
_CLAUSE_END = re.compile(r"[,;:!?()\"“”—–]|\.(?=\s+[A-Z\"“‘]|\s*$)")


def _clause(text: str, start: int, max_words: int = 12) -> int:
    """End of the clause that starts at ``start`` (a marker)."""
    m = _CLAUSE_END.search(text, start + 1)
    end = m.start() if m else len(text)
    words = list(re.finditer(r"\S+", text[start:end]))
    if len(words) > max_words:
        end = start + words[max_words - 1].end()
    return len(text[:end].rstrip())


def conditions(sents: Iterable[Sentence]) -> list[Cue]:
    """Conditional clauses: if, unless, provided that, as long as, in case, inverted should."""
    out = []
    for s in sents:
        text = s.text
        m = _INVERTED.match(text)
        if m and "," in text[m.end() :] and not text.rstrip().endswith("?"):
            lead = len(m.group()) - len(m.group().lstrip(" \"“‘'("))
            first = m.start() + lead
            end = _clause(text, first)
            out.append(Cue(s.sent, s.start + first, s.start + end, "inverted", text[first:end]))
        for m in _MARKER.finditer(text):
            marker = m.group().lower()
            before = re.findall(r"[\w’']+", text[: m.start()].lower())[-2:]
            after = text[m.end() : m.end() + 12].lower()
            if before and before[-1] in _OBJECTS:
                before = before[:-1]
            prev = before[-1] if before else ""
            if marker == "if" and (
                prev in {"as", "what", "matter"}
                or prev in _ASKING
                or re.match(r"\s+any(?:thing)?\b", after)
                or (re.match(r"\s+not\b", after) and text[: m.start()].rstrip()[-1:] in ",—–")
            ):
                continue
            if marker == "as long as" and re.match(r"\s+(?:\d|a |an |one |two |three )", after):
                continue
            end = _clause(text, m.start())
            out.append(
                Cue(s.sent, s.start + m.start(), s.start + end, marker, text[m.start() : end])
            )
    return out


def _shares_content(x: Cue, y: Cue) -> bool:
    return bool(content_stems(x.text) & content_stems(y.text))


CONDITION_TESTS: tuple[Test, ...] = (_shares_content, anything)


# ---------------------------------------------------------------------------
# negations and modal verbs
# ---------------------------------------------------------------------------

NEGATORS = frozenset("not no never nobody nothing none neither nor nowhere cannot noone".split())
# "no matter what", "not only ... but": not a negation of the clause
_NEG_IDIOMS = frozenset(
    [
        ("no", "matter"),
        ("not", "only"),
        ("no", "doubt"),
        ("not", "least"),
        ("none", "other"),
        ("never", "mind"),
        ("nothing", "but"),
        ("no", "sooner"),
        ("not", "just"),
    ]
)


def negations(sents: Iterable[Sentence]) -> list[Cue]:
    """Negators (not, n't, no, never, nobody, nothing, none, neither, nor ...), idioms left out."""
    out = []
    for s in sents:
        words = _words(s)
        neither = False
        for i, (w, a, b) in enumerate(words):
            if not (w in NEGATORS or w.endswith("n't")):
                continue
            nxt = words[i + 1][0] if i + 1 < len(words) else ""
            if (w, nxt) in _NEG_IDIOMS or (w == "nor" and neither):
                continue
            if w == "no" and re.match(r"\.?\s*\d", s.text[b - s.start :]):
                continue  # No. 10
            neither = neither or w == "neither"
            end = words[i + 1][2] if nxt else b
            text = s.text[a - s.start : end - s.start]
            out.append(Cue(s.sent, a, end, "not", text, scope=_scope(words, i)))
    return out


MODALS = {
    "will": "prediction",
    "would": "prediction",
    "shall": "prediction",
    "can": "possibility",
    "could": "possibility",
    "may": "possibility",
    "might": "possibility",
    "must": "necessity",
    "should": "advice",
    "ought": "advice",
}
_MODAL_FORMS = {
    **{m: m for m in MODALS},
    "won't": "will",
    "wouldn't": "would",
    "shan't": "shall",
    "can't": "can",
    "cannot": "can",
    "couldn't": "could",
    "mightn't": "might",
    "mustn't": "must",
    "shouldn't": "should",
}
# "political will", "a can of", "military might": nouns
_NOUN_BEFORE = frozenset(
    """the a an his her their its our my your political free good ill military economic
    last""".split()
)


def modals(sents: Iterable[Sentence]) -> list[Cue]:
    """Modal verbs by meaning: prediction (will, would, shall), possibility (can, could, may,
    might), necessity (must), advice (should, ought); "'ll" is will."""
    out = []
    for s in sents:
        words = _words(s)
        inverted = _INVERTED.match(s.text) is not None and "," in s.text
        for i, (w, a, b) in enumerate(words):
            base = _MODAL_FORMS.get(w)
            if base is None and w.endswith("'ll"):
                base = "will"
            if base is None:
                continue
            raw = s.text[a - s.start : b - s.start]
            prev = words[i - 1][0] if i else ""
            if (base == "may" and raw[0].isupper()) or (
                base in {"will", "can", "might"} and prev in _NOUN_BEFORE
            ):
                continue
            if i == 0 and inverted and base == "should":
                continue  # "Should the talks fail, ...": a condition
            out.append(Cue(s.sent, a, b, base, raw, MODALS[base], _scope(words, i)))
    return out


MODAL_TESTS: tuple[Test, ...] = (same_key, same_cat, anything)


# ---------------------------------------------------------------------------
# dictionary hits: hedges and reporting verbs
# ---------------------------------------------------------------------------

#: hedges that are modal verbs: compared as modality, not as hedges
MODAL_HEDGES = frozenset(MODALS)


def hit_cues(hits: pd.DataFrame, doc: Any, *, drop: frozenset[str] = frozenset()) -> list[Cue]:
    """Cues of one document's frame hits, the deepest category of each matched span."""
    rows = hits[hits["doc_id"] == doc]
    best: dict[tuple[int, int], Cue] = {}
    for sent, start, end, cat, pattern, matched in zip(
        rows["sent_id"].tolist(),
        rows["start"].tolist(),
        rows["end"].tolist(),
        rows["category"].tolist(),
        rows["pattern"].tolist(),
        rows["matched"].tolist(),
        strict=True,
    ):
        if str(pattern).lower() in drop:
            continue
        cue = Cue(int(sent), int(start), int(end), str(pattern).lower(), str(matched), str(cat))
        old = best.get((cue.start, cue.end))
        if old is None or cue.cat.count("/") > old.cat.count("/"):
            best[(cue.start, cue.end)] = cue
    return sorted(best.values(), key=lambda c: c.start)


HEDGE_TESTS: tuple[Test, ...] = (same_key, anything)
VERB_TESTS: tuple[Test, ...] = (same_key, same_cat, anything)


# ---------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------

_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)
_TITLE_WORDS = _changes.TITLES | frozenset(
    "chief executive officer head founder editor professor doctor minister president".split()
)


def _is_title(word: str) -> bool:
    """President, Prime, Vice-President, Secretary-General."""
    return all(p in _TITLE_WORDS for p in re.split(r"[-‐‑]", word.casefold().rstrip(".")) if p)


#: Acronyms that are common nouns, not names (``reality TV``, ``GDP``).
_COMMON_ACRONYMS = frozenset(
    """tv ceo cfo coo cto gdp gnp ai dna rna hiv aids pc vip suv atm faq diy iq pr hr ipo
    dvd cd sms gps ngo mp""".split()
)
_OPENERS = frozenset("\"“‘'([")
_SUFFIX_ORDINARY = re.compile(r"(?:ly|ing|ed|ness|ment|tion|ism)$")
# sentence openers the Dale-Chall list does not have
_DISCOURSE = frozenset(
    """meanwhile however moreover furthermore nevertheless nonetheless instead indeed
    yesterday today tomorrow tonight currently previously recently overall elsewhere
    altogether likewise otherwise thereafter hence""".split()
)


@dataclass(frozen=True)
class NameContext:
    """What the two texts say about capitalised words: seen mid-sentence, seen in lower case."""

    capitalised: frozenset[str]  # casefolded words capitalised in a non-initial position
    lowercase: frozenset[str]  # casefolded words written in lower case


def _initial_positions(tokens: pd.DataFrame) -> set[int]:
    """Starts of the first word of each sentence and of each word after an opening quote."""
    out: set[int] = set()
    prev_sent, prev_tok = None, ""
    for sent, tok, start, punct in zip(
        tokens["sent_id"].tolist(),
        tokens["token"].tolist(),
        tokens["start"].tolist(),
        tokens["is_punct"].tolist(),
        strict=True,
    ):
        if not punct and (sent != prev_sent or prev_tok in _OPENERS):
            out.add(int(start))
        if sent != prev_sent or not punct or tok in _OPENERS:
            prev_tok = tok if punct else ""
        prev_sent = sent
    return out


def name_context(tokens: pd.DataFrame) -> NameContext:
    """The :class:`NameContext` of the tokens of both texts."""
    initial = _initial_positions(tokens)
    cap, low = set(), set()
    for tok, start in zip(tokens["token"].tolist(), tokens["start"].tolist(), strict=True):
        if tok[:1].isupper() and int(start) not in initial:
            cap.add(tok.casefold())
        elif tok[:1].islower():
            low.add(tok.casefold())
    return NameContext(frozenset(cap), frozenset(low))


def _ordinary(word: str, ctx: NameContext) -> bool:
    """A capitalised word at a sentence start that is an ordinary word, not a name."""
    w = word.casefold().replace("’", "'")
    if w in ctx.capitalised:
        return False
    return (
        w in function_words()
        or w in _DISCOURSE
        or w in ctx.lowercase
        or is_familiar(w)
        or (len(w) > 5 and _SUFFIX_ORDINARY.search(w) is not None)
    )


def names(tokens: pd.DataFrame, text: str, ctx: NameContext) -> list[Cue]:
    """Capitalised names (titles stripped; sentence-initial ordinary words, days and months
    left out), one cue per occurrence."""
    initial = _initial_positions(tokens)
    starts = tokens["start"].tolist()
    ends = tokens["end"].tolist()
    index = {s: k for k, s in enumerate(starts)}
    out = []
    for sent, start, end in _changes._runs(tokens, text):
        i = index[start]
        toks = [(starts[k], ends[k]) for k in range(i, len(starts)) if ends[k] <= end]
        if start in initial and _ordinary(text[toks[0][0] : toks[0][1]], ctx):
            toks = toks[1:]
        toks = [t for t in toks if text[t[0] : t[1]].casefold() not in _TIME_WORDS] if toks else []
        if all(_is_title(text[t[0] : t[1]]) for t in toks):
            continue  # "Chief Executive", "Prime Minister": a title, not a name
        if all(text[t[0] : t[1]].casefold().rstrip("s") in _COMMON_ACRONYMS for t in toks):
            continue  # "reality TV star", "the CEO": a common noun written in capitals
        s, e = toks[0][0], toks[-1][1]
        name = text[s:e]
        out.append(Cue(int(sent), s, e, _changes.fold(name), name))
    return out


_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w’'.-]*")
_NAME_SPLIT = re.compile(r"[\s\-‐‑]+")
_DEMONYM = frozenset("n an ian ean ese i ish ic s es ns ans ians eans y e a".split())
_NOT_INITIAL = frozenset("of the and for de".split())


def _name_tokens(name: str) -> list[str]:
    return [t for t in (_changes._compact(p) for p in _NAME_SPLIT.split(name)) if t]


def _demonym(x: str, y: str) -> bool:
    """Ukraine/Ukrainian, Russia/Russian, Korea/Koreans, Germany/German, China/Chinese."""
    short, long_ = sorted((x, y), key=len)
    base = short.rstrip("aeiouy")
    return len(base) >= 3 and long_.startswith(base) and long_[len(base) :] in _DEMONYM


def _token_same(x: str, y: str) -> bool:
    if x == y or _demonym(x, y):
        return True
    ratio = SequenceMatcher(None, x, y, autojunk=False).ratio()
    return len(x) >= 4 and len(y) >= 4 and x[:1] == y[:1] and ratio >= 0.88


def same_name(x: str, y: str) -> bool:
    """One entity: same folded letters, a part of the other (surname), an acronym of it,
    a spelling variant (:func:`mediakit.compare._changes.variant_kind`), a country and its
    demonym, or two names of one country (its capital, demonym, other spellings and codes:
    :func:`mediakit.compare._places.place_key`)."""
    tx, ty = _name_tokens(x), _name_tokens(y)
    if not tx or not ty:
        return False
    place = place_key(x)
    if place is not None and place == place_key(y):
        return True  # Moscow / Russia, Kyiv / Ukrainian, Washington / U.S.
    if "".join(tx) == "".join(ty) or _changes.variant_kind(x, y) is not None:
        return True
    short, long_ = sorted((tx, ty), key=lambda t: (len(t), len("".join(t))))
    if set(short) <= set(long_):
        return True
    initials = "".join(t[0] for t in long_ if t not in _NOT_INITIAL)
    if len(short) == 1 and len(long_) > 1 and short[0] == initials:
        return True
    return all(any(_token_same(s, t) for t in long_) for s in short)


def name_found(cue: Cue, others: Sequence[Cue], other_text: str) -> bool:
    """Whether the name of ``cue`` is among ``others`` or written in ``other_text``."""
    if any(same_name(cue.text, o.text) for o in others):
        return True
    folded = _changes.fold(other_text)
    if re.search(rf"(?<!\w){re.escape(cue.key)}(?!\w)", folded) is not None:
        return True
    # a one-word name against the other side's capitalised words: Lithuania / "Lithuanian President"
    mine = _name_tokens(cue.text)
    words = {_changes._compact(w) for w in _CAPITALISED.findall(other_text)}
    return len(mine) == 1 and any(_token_same(mine[0], w) for w in words if w)
