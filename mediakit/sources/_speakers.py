"""Speakers and reporting verbs for :mod:`mediakit.sources.quotes` (private).

Everything here is rule-based and works on the article text alone (no NER
model, no downloaded data): who a reporting verb names, the attribution
patterns around a quote, and the people a text puts forward as speakers.
Names and roles are :mod:`mediakit.sources._names`. The heuristics and their blind
spots are listed in the docstring of :func:`mediakit.sources.quotes.extract_quotes`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from mediakit.sources._names import (
    HONORIFICS,
    ROLE_MODIFIERS,
    ROLE_WORDS,
    Name,
    Registry,
    Tok,
    cap_run_back,
    cap_run_fwd,
    is_possessive,
    span_text,
    split_run,
    tokens,
)

#: Reporting verbs recognised in attributions (surface forms, lowercase).
REPORTING_VERBS: frozenset[str] = frozenset(
    f"{stem}{ending}"
    for stem, endings in {
        "sa": ("id", "ys", "y"),
        "t": ("old", "ells", "ell"),
        "add": ("ed", "s"),
        "warn": ("ed", "s"),
        "claim": ("ed", "s"),
        "insist": ("ed", "s"),
        "admit": ("ted", "s"),
        "stress": ("ed", "es"),
        "note": ("d", "s"),
        "argue": ("d", "s"),
        "explain": ("ed", "s"),
        "ask": ("ed", "s"),
        "wr": ("ote", "ites"),
        "tweet": ("ed", "s"),
        "post": ("ed", "s"),
        "state": ("d", "s"),
        "declare": ("d", "s"),
        "announce": ("d", "s"),
        "repl": ("ied", "ies"),
        "respond": ("ed", "s"),
        "answer": ("ed", "s"),
        "continue": ("d", "s"),
        "conclude": ("d", "s"),
        "acknowledge": ("d", "s"),
        "concede": ("d", "s"),
        "emphasi": ("sed", "zed", "ses", "zes"),
        "suggest": ("ed", "s"),
        "recall": ("ed", "s"),
        "remark": ("ed", "s"),
        "observe": ("d", "s"),
        "comment": ("ed", "s"),
        "complain": ("ed", "s"),
        "urge": ("d", "s"),
        "caution": ("ed", "s"),
        "predict": ("ed", "s"),
        "promise": ("d", "s"),
        "vow": ("ed", "s"),
        "pledge": ("d", "s"),
        "boast": ("ed", "s"),
        "joke": ("d", "s"),
        "quip": ("ped", "s"),
        "shout": ("ed", "s"),
        "exclaim": ("ed", "s"),
        "agree": ("d", "s"),
        "allege": ("d", "s"),
        "maintain": ("ed", "s"),
        "counter": ("ed", "s"),
        "confirm": ("ed", "s"),
        "den": ("ied", "ies"),
        "reveal": ("ed", "s"),
        "reiterate": ("d", "s"),
        "testif": ("ied", "ies"),
        "writ": ("ten",),
        "say": ("ing",),
    }.items()
    for ending in endings
)

#: Reporting verbs that are as often ordinary verbs (``support continues``,
#: ``the figures confirm``): their subject counts as a speaker only when it is
#: already known as a person, or when the verb introduces a quote.
WEAK_VERBS: frozenset[str] = frozenset(
    v
    for v in REPORTING_VERBS
    if v.rstrip("sdey").rstrip("i")
    in {
        "continu", "post", "not", "stat", "answer", "maintain", "counter", "confirm",
        "reveal", "recall", "observ", "promis", "agre", "predict", "den", "acknowledg",
        "conced", "respond", "remark", "comment", "conclud", "writ", "wrot", "ask",
    }
)  # fmt: skip

#: Present participles of reporting verbs (``by insisting he can end the war
#: “in 24 hours”``): their subject is the subject of the sentence.
PARTICIPLES: frozenset[str] = frozenset(
    """saying insisting claiming arguing warning adding suggesting stressing noting
    vowing promising emphasising emphasizing telling explaining declaring asserting
    boasting predicting pledging complaining urging calling describing accusing
    alleging maintaining admitting conceding denying threatening""".split()
)

#: Nouns that make a noun phrase a (possibly anonymous) source.
SOURCE_NOUNS: frozenset[str] = frozenset(
    """diplomat diplomats official officials source sources spokesman spokeswoman
    spokesperson spokespeople aide aides adviser advisers advisor advisors insider
    insiders officer officers person people analyst analysts expert experts member
    members lawmaker lawmakers executive executives employee employees witness
    witnesses resident residents minister ministers negotiator negotiators envoy
    envoys staffer staffers observer observers participant participants editor
    director chief president secretary chairman chairwoman manager coach boss
    head leader report statement""".split()
)

#: Head nouns of a definite description of a person that is no source noun
#: (``the mercurial former reality TV star``): such a description is linked to
#: the person the text named last.
PERSON_NOUNS: frozenset[str] = frozenset(
    """star tycoon billionaire businessman businesswoman politician candidate nominee
    incumbent veteran mogul magnate republican democrat populist strongman premier
    president-elect chancellor senator governor mayor king queen prince princess pope
    commander ambassador general admiral""".split()
)
_NOT_PERSON_NOUNS = frozenset({"report", "statement"})

_DETERMINERS = frozenset("a an one two three four several some another many other the".split())
_ANON_DETERMINERS = _DETERMINERS - {"the"}
_ANON_PHRASES = re.compile(
    r"condition of anonymity|not to be (?:named|identified)|declined to be (?:named|identified)"
    r"|not authori[sz]ed to (?:speak|comment)|(?:close|familiar) to|familiar with",
    re.IGNORECASE,
)

_PRONOUNS = frozenset({"he", "she"})
_AUX = frozenset(
    "has had have also later then again previously once has' would will was is".split()
)


@dataclass
class Mention:
    """Who a reporting verb names: a name run, a pronoun or an anonymous phrase."""

    kind: str  # "name" | "pronoun" | "anon" | "description"
    text: str
    start: int
    run: list[Tok] = field(default_factory=list)


#: At most this many lowercase role words before a name (``deputy foreign minister``).
_MAX_ROLE_WORDS = 4


def _role_run_back(toks: list[Tok], k: int) -> int:
    """Index of the first token of the role words that end just before token ``k``.

    Lowercase role words (``councillor Eva Lind``, ``foreign minister Andrii
    Sybiha``), at most four, the last one a head noun, not a modifier; a
    capitalised possessive before them joins too (``Ukraine's foreign minister``).
    ``k`` itself when there are none.
    """
    i = k - 1
    if i < 0 or toks[i].cap or toks[i].low not in ROLE_WORDS or toks[i].low in ROLE_MODIFIERS:
        return k
    while i - 1 >= 0 and k - i < _MAX_ROLE_WORDS and not toks[i - 1].cap:
        if toks[i - 1].low not in ROLE_WORDS:
            break
        i -= 1
    if i - 1 >= 0 and toks[i - 1].cap and is_possessive(toks[i - 1]):
        i -= len(cap_run_back(toks, i - 1))
    return i


def _role_run_fwd(toks: list[Tok], i: int) -> int:
    """Index just after the role words that start at token ``i`` and stand before a name.

    Role words of any case (``opposition leader``, ``Foreign Minister``), at most
    four, the last one a head noun, followed by a capitalised word; ``i`` when
    there are none.
    """
    j = i
    while j < len(toks) and j - i < _MAX_ROLE_WORDS and toks[j].low in ROLE_WORDS:
        j += 1
    if j == i or toks[j - 1].low in ROLE_MODIFIERS:
        return i
    if j < len(toks) and toks[j].cap and toks[j].word:
        return j
    return i


def _np_back(toks: list[Tok], j: int) -> Mention | None:
    """The subject mention ending at token ``j`` (walking back), if any."""
    if j < 0:
        return None
    t = toks[j]
    if t.low in _PRONOUNS:
        return Mention("pronoun", t.text, t.start)
    if t.low in SOURCE_NOUNS or t.low in PERSON_NOUNS:
        i = j - 1
        while i >= 0 and j - i <= 6 and toks[i].word and toks[i].low not in _DETERMINERS:
            if toks[i].cap and is_possessive(toks[i]):  # Tony Blair's official spokesman
                k = i - len(cap_run_back(toks, i)) + 1
                return Mention("description", span_text(toks[k : j + 1]), toks[k].start)
            i -= 1
        if i >= 0 and toks[i].low in _DETERMINERS:
            kind = "anon" if toks[i].low in _ANON_DETERMINERS else "description"
            return Mention(kind, span_text(toks[i : j + 1]), toks[i].start)
        if t.low.endswith("s") and (j == 0 or not toks[j - 1].word):
            return Mention("anon", t.text, t.start)
        return None
    if t.cap and t.word and not is_possessive(t):
        run = cap_run_back(toks, j)
        if run and split_run(run) is not None:
            first = _role_run_back(toks, j - len(run) + 1)
            if first < j - len(run) + 1 and split_run(toks[first : j + 1]) is not None:
                run = toks[first : j + 1]  # councillor Eva Lind, Ukraine's foreign minister X
            return Mention("name", span_text(run), run[0].start, run)
    return None


def _np_fwd(toks: list[Tok], i: int) -> Mention | None:
    """The mention starting at token ``i`` (after an inverted verb), if any."""
    if i >= len(toks):
        return None
    t = toks[i]
    if t.low in _PRONOUNS:
        return Mention("pronoun", t.text, t.start)
    if not t.cap:  # said opposition leader Jan Berg, said spokesman Jan Berg
        named = _role_run_fwd(toks, i)
        if named > i:
            run = toks[i:named] + cap_run_fwd(toks, named)
            if split_run(run) is not None:
                return Mention("name", span_text(run), t.start, run)
    if t.low in _DETERMINERS or t.low in SOURCE_NOUNS:
        j = i
        while j < len(toks) and j - i <= 6 and toks[j].word:
            if toks[j].low in SOURCE_NOUNS:
                end = j + 1
                if end + 1 < len(toks) and f"{toks[end].low} {toks[end + 1].low}" in {
                    "close to",
                    "familiar with",
                }:
                    end += 2
                    while end < len(toks) and toks[end].word and end - j < 8:
                        end += 1
                det = toks[i].low
                kind = "description" if det == "the" else "anon"
                return Mention(kind, span_text(toks[i:end]), t.start)
            j += 1
        return None
    if (t.cap and t.word) or t.low in HONORIFICS:
        run = cap_run_fwd(toks, i)
        if run and is_possessive(run[-1]):  # said Ukraine's foreign minister Andrii Sybiha
            named = _role_run_fwd(toks, i + len(run))
            if named > i + len(run):
                longer = toks[i:named] + cap_run_fwd(toks, named)
                if split_run(longer) is not None:
                    return Mention("name", span_text(longer), t.start, longer)
        if run and split_run(run) is not None:
            return Mention("name", span_text(run), run[0].start, run)
    return None


@dataclass
class Attribution:
    """A speaker mention plus the reporting verb that introduces it."""

    mention: Mention
    verb: str
    verb_start: int


def _subject_before(toks: list[Tok], v: int) -> Mention | None:
    j = v - 1
    while j >= 0 and (toks[j].low in _AUX or (toks[j].low.endswith("ly") and not toks[j].cap)):
        j -= 1
    if j >= 0 and toks[j].text == ",":
        # an appositive: ", speaking on condition of anonymity," or ", 45,"
        k = j - 1
        while k >= 0 and j - k <= 15 and toks[k].text != ",":
            k -= 1
        if k >= 0 and toks[k].text == ",":
            found = _np_back(toks, k - 1)
            if found is not None:
                return found
        return None
    for k in range(j - 1, max(j - 9, 0), -1):
        pair = f"{toks[k].low} {toks[k + 1].low}"
        if pair in {"close to", "familiar with"} and toks[k - 1].low in SOURCE_NOUNS:
            head = _np_back(toks, k - 1)
            if head is not None and head.kind in {"anon", "description"}:
                head.text = span_text([t for t in toks if head.start <= t.start <= toks[j].start])
                return head
    return _np_back(toks, j)


def attribution_after(toks: list[Tok]) -> Attribution | None:
    """Attribution right after a closing mark: ``, he said`` / ``, said X``."""
    i = 0
    while i < len(toks) and toks[i].text in {",", "—", "–", "-"}:
        i += 1
    if i >= len(toks):
        return None
    t = toks[i]
    if t.low in REPORTING_VERBS:
        m = _np_fwd(toks, i + 1)
        return Attribution(m, t.low, t.start) if m else None
    if t.low == "according" and i + 1 < len(toks) and toks[i + 1].low == "to":
        m = _np_fwd(toks, i + 2)
        return Attribution(m, "according to", t.start) if m else None
    # subject first: walk forward to the first reporting verb within a few tokens
    for v in range(i + 1, min(len(toks), i + 20)):
        if toks[v].text in {".", "!", "?", ";"}:
            break
        if toks[v].low in REPORTING_VERBS:
            m = _subject_before(toks, v)
            between = [x for x in toks[i:v] if x.start < (m.start if m else 0)]
            glue = all(is_possessive(x) or x.low in _DETERMINERS for x in between)
            if m is not None and m.start >= t.start and len(between) <= 3 and glue:
                return Attribution(m, toks[v].low, toks[v].start)
            break
    return None


def attribution_before(toks: list[Tok]) -> Attribution | None:
    """The first reporting verb with a subject in the lead of a sentence."""
    for v, t in enumerate(toks):
        if t.low == "according" and v + 1 < len(toks) and toks[v + 1].low == "to":
            m = _np_fwd(toks, v + 2)
            if m is not None:
                return Attribution(m, "according to", t.start)
        if t.low in REPORTING_VERBS:
            m = _subject_before(toks, v)
            if m is not None:
                return Attribution(m, t.low, t.start)
    return None


#: Finite verb forms that end a sentence's opening subject (``The star has ...``).
_FINITE = frozenset(
    """is are was were be been has have had will would can could may might must shall
    should does do did""".split()
)


def sentence_subject(toks: list[Tok]) -> Mention | None:
    """The subject that opens a sentence: the mention before its first finite verb."""
    for v, t in enumerate(toks[:16]):
        if t.low in _FINITE or (t.low in REPORTING_VERBS and t.low not in PARTICIPLES):
            return _subject_before(toks, v)
        if t.text in {".", "!", "?", ";", ":"}:
            return None
    return None


def attribution_in_clause(toks: list[Tok]) -> Attribution | None:
    """The reporting clause nearest before a partial quote, anywhere in its sentence.

    Walks back from the quote: a reporting verb with a subject of its own
    (``Nauseda emphasized that Ukraine ... as it faces “brutal attacks”``), or
    a reporting participle, whose subject is the sentence's subject (``The
    star has sparked fears ... by insisting he can end the war “in 24 hours”``).
    """
    for v in range(len(toks) - 1, -1, -1):
        low = toks[v].low
        if low in PARTICIPLES:
            m = sentence_subject(toks)
            if m is not None:
                return Attribution(m, low, toks[v].start)
        elif low in REPORTING_VERBS and low not in WEAK_VERBS:
            m = _subject_before(toks, v)
            if m is not None:
                return Attribution(m, low, toks[v].start)
    return None


def definite_person(m: Mention) -> bool:
    """A definite description of a person (``the former president``), not of a document."""
    words = m.text.split()
    head = words[-1].lower() if words else ""
    return (
        m.kind == "description"
        and words[0].lower() == "the"
        and (head in SOURCE_NOUNS or head in PERSON_NOUNS)
        and head not in _NOT_PERSON_NOUNS
    )


def anonymous_context(text: str) -> bool:
    """True if ``text`` says the source is unnamed (``condition of anonymity``...)."""
    return bool(_ANON_PHRASES.search(text))


def speaker_events(
    text: str, registry: Registry, sentences: list[tuple[int, int]]
) -> list[tuple[int, Name]]:
    """(position, name) of the people a text puts forward as speakers or subjects.

    A *speaker* is named as the subject of a reporting verb (``Rutte told``,
    ``Trump has claimed``; a verb that is as often an ordinary verb, such as
    ``continues`` or ``confirms``, only with a subject already known as a
    person), or described (``the former president has suggested``) after
    the text named them; a one-word name (``Europe say``) only when it is
    known as a person's. A *subject* is a person's name that opens a
    sentence (``Mr. Rutte, who ...``). ``he``/``she`` resolves to the latest
    of either.
    """
    events: list[tuple[int, Name]] = []
    spans = [tokens(text, s, e) for s, e in sentences]
    for toks in spans:
        for v, t in enumerate(toks):
            if t.low in REPORTING_VERBS:
                m = _subject_before(toks, v)
                if m is None:
                    continue
                if m.kind == "name":
                    name = registry.resolve(m.text, m.start)
                    if name is None:
                        continue
                    full = len(name.name.split()) >= 2
                    if not registry.is_person(name) and (t.low in WEAK_VERBS or not full):
                        continue  # "support continues", "Critics in ... Europe say"
                    registry.persons.add(name.name)
                    events.append((m.start, name))
                elif definite_person(m):
                    linked = registry.link(m.start)
                    if linked is not None:
                        events.append((m.start, linked))
    for toks in spans:
        if not toks or not toks[0].word or not (toks[0].cap or toks[0].low in HONORIFICS):
            continue
        run = cap_run_fwd(toks, 0)
        nxt = toks[len(run)] if len(run) < len(toks) else None
        if run and not is_possessive(run[-1]) and nxt is not None:
            if nxt.text == "," or (nxt.word and not nxt.cap):
                name = registry.resolve(span_text(run), run[0].start)
                if name is not None and registry.is_person(name):
                    events.append((run[0].start, name))
    events.sort(key=lambda x: x[0])
    return events
