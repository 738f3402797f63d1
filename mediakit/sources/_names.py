"""Person names in news text for :mod:`mediakit.sources.quotes` (private): tokens, name runs, roles.

A name is a run of capitalised words; a run is cut into a *role*
(``"Lithuanian President"``) and a *name* (``"Gitanas Nausėda"``) at its
last role word. :class:`Registry` holds the names an article mentions and
tells which are people's. Everything is rule-based and works on the article
text alone (no NER model, no downloaded data); the speakers and reporting
verbs built on it are in :mod:`mediakit.sources._speakers`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mediakit.segment._wordlists import dale_chall_words

#: Role words: a capitalised run is cut after the last one of these that has a
#: name after it (``Outgoing Belgian Prime Minister | Alexander De Croo``).
ROLE_WORDS: frozenset[str] = frozenset(
    """president president-elect vice prime minister secretary general chancellor
    senator sen. representative rep. governor gov. mayor king queen prince princess
    pope chief director spokesman spokeswoman spokesperson ceo chairman chairwoman
    chair leader commander ambassador envoy foreign defence defense interior finance
    economy deputy head colonel col. lieutenant lt. captain judge justice attorney
    prosecutor professor prof. dr. former acting opposition state affairs
    secretary-general commissioner speaker counsel sheriff officer minister-president
    archbishop bishop cardinal sergeant sgt. admiral marshal emir sultan premier
    councillor councilor councilman councilwoman lawmaker legislator congressman
    congresswoman adviser advisor aide""".split()
)
#: Role words that only qualify another (``foreign | minister``, ``opposition | leader``): a
#: lowercase role before a name (``said opposition leader Jan Berg``) must end in a role
#: word that is not one of these.
ROLE_MODIFIERS: frozenset[str] = frozenset(
    """vice prime general foreign defence defense interior finance economy deputy former
    acting opposition state affairs head justice""".split()
)
HONORIFICS = frozenset("mr. mrs. ms. dr. sir dame lord lady mr mrs ms".split())
_NAME_JOINERS = frozenset("de da del der den van von bin al la le du di".split())
#: Capitalised function words that open sentences and are never part of a name.
_FUNCTION_WORDS = frozenset(
    """the a an but and or in on at as if when while after before speaking meanwhile
    however yet so also then last this that these those it he she they we i his her
    their our its some many for from with without under over according despite
    although since until why what how who where there here one two by to of not""".split()
)
#: Days and months break a name run (``on Thursday Mr Blair said``).
_TIME_WORDS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february
    march april june july august september october november december jan. feb.
    aug. sept. oct. nov. dec.""".split()
)
_TOKEN = re.compile(
    r"(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Col|Lt|Sgt|Prof|Rev|St|Jr|Sr)\.(?!\w)"
    r"|(?:[^\W\d_]\.){2,}"
    r"|\w(?:[\w’'\-]*\w)?"
    r"|[^\w\s]"
)


@dataclass
class Tok:
    """A word or punctuation token with its offsets in the article text."""

    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def cap(self) -> bool:
        return self.text[:1].isupper()

    @property
    def word(self) -> bool:
        return self.text[:1].isalnum()


def tokens(text: str, start: int = 0, end: int | None = None) -> list[Tok]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    end = len(text) if end is None else end
    return [Tok(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, end)]


def is_possessive(tok: Tok) -> bool:
    return tok.low.endswith(("’s", "'s")) or tok.text.endswith(("’", "'"))


def _is_nationality(low: str) -> bool:
    return low.endswith(("an", "ian", "ese", "ish", "ch", "i")) and len(low) > 3


def _is_acronym(text: str) -> bool:
    letters = text.replace(".", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


@dataclass
class Name:
    """A person name cut out of a capitalised run."""

    name: str
    role: str | None
    person: bool  # a role word or honorific stood before it


def is_gerund(word: str) -> bool:
    """A capitalised ``-ing`` form of a common verb (``Keeping``, ``Speaking``): not a name.

    The stem (``keep``; ``mak`` + ``e``; ``stopp`` undoubled) must be a
    familiar English word (the Dale-Chall list), so that names such as
    ``Irving`` or ``Sterling`` stay names.
    """
    low = word.lower()
    if len(low) < 6 or not low.endswith("ing"):
        return False
    stem = low[:-3]
    cands = {stem, stem + "e"} | ({stem[:-1]} if len(stem) > 2 and stem[-1] == stem[-2] else set())
    return bool(cands & dale_chall_words())


def split_run(run: list[Tok]) -> Name | None:
    """Cut a run of capitalised tokens into role and name (``None`` if no name).

    Leading function words and a leading gerund (``Keeping Ukraine’s``) are
    dropped. The cut falls after the last role word that still has a name
    after it, whatever stands before it (``Outgoing Belgian Prime Minister |
    Alexander De Croo``, ``Lithuania’s President | Gitanas Nauseda``).
    """
    words = [t.text for t in run]
    while words and (words[0].lower() in _FUNCTION_WORDS or is_gerund(words[0])):
        words = words[1:]
    is_role = [w.lower() in ROLE_WORDS for w in words]
    last_role = -1
    for i in range(len(words) - 1, -1, -1):
        if is_role[i]:
            last_role = i
            break
    if last_role >= 0 and not any(
        not r and w[:1].isupper() and w.lower() not in HONORIFICS
        for w, r in zip(words[last_role + 1 :], is_role[last_role + 1 :], strict=True)
    ):
        return None  # only roles: "NATO Secretary General"
    role = " ".join(words[: last_role + 1]) or None
    rest = words[last_role + 1 :]
    person = role is not None
    if rest and rest[0].lower() in HONORIFICS:
        rest = rest[1:]
        person = True
    if not rest or not any(w[:1].isupper() for w in rest):
        return None
    if all(_is_acronym(w) for w in rest):
        return None
    return Name(" ".join(rest), role, person)


def cap_run_back(toks: list[Tok], j: int) -> list[Tok]:
    """The run of capitalised tokens ending at index ``j`` (inclusive)."""
    i = j
    while i >= 0:
        t = toks[i]
        if t.low in _TIME_WORDS:
            break
        if t.cap and t.word and (i == j or not is_possessive(t) or toks[i + 1].low in ROLE_WORDS):
            i -= 1  # a possessive only before a role: "Lithuania’s President Gitanas Nauseda"
        elif t.low in HONORIFICS:
            i -= 1
        elif t.low in _NAME_JOINERS and i > 0 and toks[i - 1].cap and i < j:
            i -= 1
        else:
            break
    return toks[i + 1 : j + 1]


def cap_run_fwd(toks: list[Tok], i: int) -> list[Tok]:
    """The run of capitalised tokens starting at index ``i``."""
    j = i
    while j < len(toks):
        t = toks[j]
        if t.low in _TIME_WORDS:
            break
        if (t.cap and t.word) or t.low in HONORIFICS:
            j += 1
            if is_possessive(t):
                break
        elif t.low in _NAME_JOINERS and j + 1 < len(toks) and toks[j + 1].cap:
            j += 1
        else:
            break
    return toks[i:j]


def span_text(toks: list[Tok]) -> str:
    # rebuild with single spaces, keeping glued punctuation glued
    out = ""
    prev_end = None
    for t in toks:
        if prev_end is not None and t.start > prev_end:
            out += " "
        out += t.text
        prev_end = t.end
    return out


class Registry:
    """Names seen in an article: full names by surname (first mention wins), and every mention.

    A name counts as a person's when a role word or an honorific stands
    before it (``President``, ``Mr.``), when it is the subject of a reporting
    verb, or when its last word is used alone elsewhere in the text, as news
    refers to people after their first mention (``Donald Trump`` ... ``Trump
    has alarmed``; places and bodies such as ``North Korea`` or ``Kiel
    Institute`` are not referred to by their last word).
    """

    def __init__(self, text: str) -> None:
        self.by_surname: dict[str, list[tuple[int, Name]]] = {}
        self.persons: set[str] = set()
        #: (position, name as written without role, possessive stripped)
        self.mentions: list[tuple[int, str]] = []
        toks = tokens(text)
        i = 0
        while i < len(toks):
            if (toks[i].cap and toks[i].word) or toks[i].low in HONORIFICS:
                run = cap_run_fwd(toks, i)
                if not run:
                    i += 1
                    continue
                name = split_run([t for t in run])
                if name is not None:
                    clean = name.name.removesuffix("’s").removesuffix("'s")
                    name = Name(clean, name.role, name.person)
                    self.mentions.append((run[0].start, clean))
                    if len(clean.split()) >= 2:
                        surname = clean.split()[-1]
                        self.by_surname.setdefault(surname, []).append((run[0].start, name))
                    if name.person:
                        self.persons.add(clean)
                i += len(run)
            else:
                i += 1
        alone = {m for _, m in self.mentions if " " not in m}
        for surname, names in self.by_surname.items():
            if surname in alone:
                self.persons.update(n.name for _, n in names)

    def link(self, pos: int) -> Name | None:
        """The person the text mentioned last before ``pos`` (for ``the former president``)."""
        for p, mention in reversed(self.mentions):
            if p >= pos:
                continue
            name = self.resolve(mention, p)
            if name is not None and self.is_person(name):
                return name
        return None

    def resolve(self, run_text: str, pos: int) -> Name | None:
        """Normalise a name mention: strip role and honorific, expand a surname."""
        name = split_run(tokens(run_text))
        if name is None:
            return None
        parts = name.name.split()
        if len(parts) == 1:
            cands = self.by_surname.get(parts[0], [])
            before = [n for p, n in cands if p <= pos]
            chosen = (before or [n for _, n in cands] or [None])[0]
            if chosen is not None:
                role = name.role or chosen.role
                return Name(chosen.name, role, name.person or chosen.person)
        elif parts[-1] in self.by_surname:
            first = self.by_surname[parts[-1]][0][1]
            name = Name(name.name, name.role or first.role, name.person or first.person)
        return name

    def is_person(self, name: Name) -> bool:
        return name.person or name.name in self.persons
