"""News-aware Punkt: mediakit's sentence splitter, and the word lists it uses.

NLTK's Punkt sentence tokenizer is built here from parameters mediakit ships
(no pickled model, no NLTK data package), and its rules are adjusted to news
typography. What changes, compared with a plain ``PunktSentenceTokenizer``:

Parameters (``news_parameters``)
    * ``abbrev_types``: ``mediakit/data/abbreviations_en.txt``.
    * ``ortho_context``: every Snowball stop word (and a few more function
      words) is marked as seen in lower case mid-sentence. Punkt's
      orthographic heuristic then knows that a capitalised "The", "He" or
      "But" after an abbreviation starts a sentence ("... threatens the U.S.
      The NATO chief ..."), while an unseen word ("U.S. President") does not.
    * ``sent_starters``: sentence adverbs and connectives ("However",
      "Meanwhile", ...) that start a sentence when capitalised.

Language variables (``NewsLanguageVars``)
    * Typographic quotes (“ ” ‘ ’ « » ‹ ›) count as punctuation: a period
      followed by a closing quote is a candidate boundary, the closing quote
      is realigned onto the sentence it closes, and an opening quote is split
      off the next word so the word after it is what the heuristics look at.
    * The one-character ellipsis "…" is treated like "...".

Rules (``NewsSentenceSplitter``)
    * The "next word" of a candidate boundary skips quotes and brackets, and
      the boundary's context reaches past a closing quote to that word.
    * A boundary followed by an all-lowercase word is not a boundary
      ("“Why?” he asked", "Calif. officials").
    * "No." / "Nos." are abbreviations only before a number ("No. 10").
    * Runs of initials not in the list ("J.K. Rowling") are handled like a
      single initial ("George W. Bush").
    * An all-capitals next word ("U.S. NATO") is no evidence either way.
    * A boundary before "(AFP) –" or a dash is a dateline and is undone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from importlib.resources import files

from nltk.tokenize.punkt import (
    _ORTHO_LC,
    _ORTHO_MID_LC,
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
    PunktToken,
    PunktTrainer,
)

__all__ = [
    "CLOSING",
    "NUMERIC_ONLY",
    "OPENING",
    "NewsLanguageVars",
    "NewsSentenceSplitter",
    "NewsToken",
    "abbreviations",
    "cached_spans",
    "news_parameters",
    "news_splitter",
    "read_word_list",
    "stopword_list",
    "train_news_splitter",
]

# Quotes and brackets. Straight quotes are both opening and closing.
CLOSING = "\"'”’»›)]}"
OPENING = "“‘«‹„‚([{"
_QUOTES_AND_BRACKETS = re.compile("^[" + re.escape(CLOSING + OPENING) + "]+$")

# Function words that are not in the Snowball list but behave like them at
# the start of a sentence (lower case inside a sentence, capitalised at its
# start). Used for the orthographic seeding.
EXTRA_FUNCTION_WORDS = (
    # Not "may", "will", "one": Mrs. May, Mr. Will Smith, Air Force One.
    *"also although another many might much must now shall since still though thus".split(),
    *"unless whether yet".split(),
    # Frequent news sentence openers that do not continue a name after an
    # abbreviation ("... MCI Inc. Former WorldCom chief ...").
    *"former officials analysts critics experts authorities others last yesterday".split(),
)

# Capitalised, these start a sentence in news prose (Punkt's "frequent
# sentence starters" heuristic).
SENTENCE_STARTERS = (
    *"according meanwhile however instead despite earlier later several nevertheless".split(),
    *"nonetheless moreover furthermore separately overall".split(),
)

# Abbreviations that are only abbreviations before a number ("No. 10").
NUMERIC_ONLY = frozenset({"no", "nos"})

_MULTI_INITIAL = re.compile(r"^(?:[^\W\d_]\.){2,}$")
_LOWER_WORD = re.compile(r"^[^\W\d_]+(?:[-'’][^\W\d_]+)*$")
# A closing-quote run, whitespace and the next chunk: extends a boundary's
# context past ”/’ to the word that follows it.
_AFTER_CLOSE = re.compile("[" + re.escape(CLOSING) + r"]*\s+\S+")
# A "sentence" that starts with an agency credit or a dash continues a
# dateline ("PORTLAND, Ore. (AP) — The ...").
_DATELINE_TAIL = re.compile(r"(?:\([^()\s][^()]{0,40}\)\s*)?[-–—]")
# A paragraph's closing run (final punctuation, closing quotes and brackets, spaces) and the
# characters that can end a sentence: without one of them before that run, a paragraph is
# one sentence, and Punkt need not run (see NewsSentenceSplitter.span_tokenize).
_CLOSING_RUN = frozenset(".?!…" + CLOSING + " \t\n\r\f\v\u00a0")
_SENT_END = re.compile("[.?!…]")
# The commonest candidate boundary: a plain word, a period, a capitalised plain word.
_BREAKS_KEPT = 2**16  # Punkt verdicts a splitter remembers (text_contains_sentbreak)
_PLAIN_BREAK = re.compile(r"([A-Za-z]{2,})\.\s+([A-Z][a-z]*)")


def read_word_list(name: str) -> tuple[str, ...]:
    """Lines of a package data file, without comments and blank lines."""
    text = (files("mediakit") / "data" / name).read_text(encoding="utf-8")
    words = (line.strip() for line in text.splitlines())
    return tuple(w for w in words if w and not w.startswith("#"))


@cache
def abbreviations() -> frozenset[str]:
    """The shipped abbreviations, lowercase, without their final period."""
    return frozenset(read_word_list("abbreviations_en.txt"))


@cache
def stopword_list() -> frozenset[str]:
    """The Snowball English stop list."""
    return frozenset(read_word_list("stopwords_en.txt"))


def function_words() -> frozenset[str]:
    """Words seeded as 'seen in lower case mid-sentence'."""
    return stopword_list() | frozenset(EXTRA_FUNCTION_WORDS)


def seed_parameters(params: PunktParameters, *, abbrevs: Iterable[str] = ()) -> PunktParameters:
    """Add mediakit's abbreviations, orthography and sentence starters to ``params``."""
    params.abbrev_types.update(abbrevs)
    for word in function_words():
        # Contractions are tokenized apart by Punkt; seed only plain words.
        if word.isalpha():
            params.add_ortho_context(word, _ORTHO_MID_LC)
    params.sent_starters.update(SENTENCE_STARTERS)
    return params


def news_parameters() -> PunktParameters:
    """Fresh PunktParameters with mediakit's news seeding."""
    return seed_parameters(PunktParameters(), abbrevs=abbreviations())


class NewsLanguageVars(PunktLanguageVars):
    """Punkt language variables that know typographic quotes and "…"."""

    sent_end_chars = (".", "?", "!", "…")

    # Only closing quotes/brackets move back onto the sentence they close.
    re_boundary_realignment = re.compile(
        "[" + re.escape(CLOSING) + r"]+?(?:\s+|(?=--)|$)", re.MULTILINE
    )

    # Opening quotes never start a word token: they become tokens of their own.
    _re_word_start = r"[^\(\"\`'{\[:;&\#\*@\)}\]\-,“‘«‹„‚]"

    @property
    def _re_non_word_chars(self) -> str:
        # NLTK's set plus typographic quotes, and ? ! … (sentence ends but ".").
        return r"(?:[)\";}\]\*:@\'\({\[“”‘’«»‹›„‚?!…])"

    # Our own patterns, so the standard library's ``re`` compiles them (recent
    # NLTK routes its patterns through a slower ReDoS-guarded engine).
    def _word_tokenizer_re(self) -> re.Pattern[str]:
        if self._word_re is None:
            self._word_re = re.compile(
                self._word_tokenize_fmt
                % {
                    "NonWord": self._re_non_word_chars,
                    "MultiChar": self._re_multi_char_punct,
                    "WordStart": self._re_word_start,
                },
                re.UNICODE | re.VERBOSE,
            )
        return self._word_re

    def period_context_re(self) -> re.Pattern[str]:
        if self._period_re is None:
            self._period_re = re.compile(
                self._period_context_fmt
                % {"NonWord": self._re_non_word_chars, "SentEndChars": self._re_sent_end_chars},
                re.UNICODE | re.VERBOSE,
            )
        return self._period_re

    _word_re: re.Pattern[str] | None = None
    _period_re: re.Pattern[str] | None = None


class NewsToken(PunktToken):
    """PunktToken whose ellipsis test also knows the character "…"."""

    _RE_ELLIPSIS = re.compile(r"(?:\.\.+|…)$")
    # NLTK's own patterns, compiled with ``re`` (see NewsLanguageVars).
    _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")
    _RE_INITIAL = re.compile(r"[^\W\d]\.$")
    _RE_ALPHA = re.compile(r"[^\W\d]+$")


class _NewsAnnotation:
    """First-pass annotation shared by the trainer and the splitter."""

    def _first_pass_annotation(self, aug_tok: PunktToken) -> None:
        if aug_tok.tok == "…":
            aug_tok.ellipsis = True
            return
        super()._first_pass_annotation(aug_tok)  # type: ignore[misc]


class NewsTrainer(_NewsAnnotation, PunktTrainer):
    """PunktTrainer with mediakit's language variables and tokens."""

    def __init__(self) -> None:
        super().__init__(lang_vars=NewsLanguageVars(), token_cls=NewsToken)


class NewsSentenceSplitter(_NewsAnnotation, PunktSentenceTokenizer):
    """A PunktSentenceTokenizer with mediakit's news rules.

    Build it from :class:`~nltk.tokenize.punkt.PunktParameters` (default: the
    shipped news parameters). ``span_tokenize(text)`` yields ``(start, end)``
    character spans of the sentences of ``text``.
    """

    #: Abbreviations found by training that the shipped list did not have.
    learned_abbreviations: frozenset[str] = frozenset()

    def __init__(self, params: PunktParameters | None = None) -> None:
        super().__init__(lang_vars=NewsLanguageVars(), token_cls=NewsToken)
        self._params = params if params is not None else news_parameters()
        # Punkt's verdict per candidate context (see text_contains_sentbreak); the
        # parameters are not changed after the splitter is built, so the verdict holds
        self._breaks: dict[str, bool] = {}

    @property
    def abbreviations(self) -> frozenset[str]:
        """All abbreviations this splitter knows (lowercase, no final period)."""
        return frozenset(self._params.abbrev_types)

    @property
    def sent_starters(self) -> frozenset[str]:
        """Words that start a sentence after an abbreviation when capitalised."""
        return frozenset(self._params.sent_starters)

    @property
    def collocations(self) -> frozenset[tuple[str, str]]:
        """Word pairs across a period that never form a boundary."""
        return frozenset(self._params.collocations)

    def __repr__(self) -> str:
        p = self._params
        return (
            f"{type(self).__name__}(abbreviations={len(p.abbrev_types)}, "
            f"learned={len(self.learned_abbreviations)}, "
            f"sent_starters={len(p.sent_starters)}, collocations={len(p.collocations)})"
        )

    # -- boundaries ----------------------------------------------------------

    def span_tokenize(
        self, text: str, realign_boundaries: bool = True
    ) -> Iterator[tuple[int, int]]:
        """Yield ``(start, end)`` spans of the sentences in ``text``."""
        run = len(text)  # where the closing run starts
        while run and text[run - 1] in _CLOSING_RUN:
            run -= 1
        if not _SENT_END.search(text, 0, run) and len(_SENT_END.findall(text, run)) <= 1:
            # One mark that can end a sentence, in the closing run: one sentence, as Punkt
            # finds (its only candidate, at the end, has no next word to start a sentence;
            # Punkt cuts "??" and "!!" in two, so those take the long way).
            end = len(text.rstrip())
            start = len(text) - len(text.lstrip())
            if end > start:
                yield (start, end)
            return
        spans = list(super().span_tokenize(text, realign_boundaries))
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and _DATELINE_TAIL.match(text, start):
                merged[-1] = (merged[-1][0], end)
            else:
                merged.append((start, end))
        yield from merged

    def _slices_from_text(self, text: str) -> Iterator[slice]:
        last_break = 0
        for match, context in self._match_potential_end_contexts(text):
            if not match.group("next_tok"):
                # ".”" or "?’": look past the closing quote to the next word.
                more = _AFTER_CLOSE.match(text, match.end())
                if more:
                    context = context[: len(context) - len(match.group("after_tok"))]
                    context += more.group()
            if self.text_contains_sentbreak(context):
                yield slice(last_break, match.end())
                if match.group("next_tok"):
                    last_break = match.start("next_tok")
                else:
                    last_break = match.end()
        yield slice(last_break, len(text.rstrip()))

    def text_contains_sentbreak(self, text: str) -> bool:
        """Whether ``text`` (a candidate's context) holds a sentence break.

        The commonest context, a plain word, a period and a capitalised plain
        word ("said. The"), is a break unless the word is an abbreviation or
        the two words are a known collocation: what Punkt's passes conclude for
        it (the word is not an initial, a number or an ellipsis, and the next
        word is not lowercase), without building its tokens (tests compare the
        two on every context of BBC News and OneStopEnglish).
        """
        plain = _PLAIN_BREAK.fullmatch(text)
        if plain is not None:
            word, following = plain.group(1).lower(), plain.group(2).lower()
            params = self._params
            if word not in params.abbrev_types and (word, following) not in params.collocations:
                return True
        # the other contexts ("U.S. The", "5. He", "said. “We") repeat across a corpus:
        # Punkt's verdict on each is remembered (the last 65,536 of them)
        breaks = self.__dict__.setdefault("_breaks", {})  # (also in splitters unpickled)
        verdict = breaks.get(text)
        if verdict is None:
            if len(breaks) >= _BREAKS_KEPT:
                breaks.clear()
            verdict = breaks[text] = super().text_contains_sentbreak(text)
        return verdict

    def _annotate_second_pass(self, tokens: Iterator[PunktToken]) -> Iterator[PunktToken]:
        # Pair each token with the next token that is not a quote or bracket.
        toks = list(tokens)
        following: list[PunktToken | None] = [None] * len(toks)
        nxt = None
        for i in range(len(toks) - 1, -1, -1):
            following[i] = nxt
            if not _QUOTES_AND_BRACKETS.match(toks[i].tok):
                nxt = toks[i]
        for tok, after in zip(toks, following, strict=True):
            self._second_pass_annotation(tok, after)
            yield tok

    def _second_pass_annotation(
        self, aug_tok1: PunktToken, aug_tok2: PunktToken | None
    ) -> str | None:
        if aug_tok2 is None:
            return None
        if aug_tok1.tok == "…":
            if self._ortho_heuristic(aug_tok2) is True:
                aug_tok1.sentbreak = True
                return "ellipsis + orthographic heuristic"
            return None
        if (
            aug_tok1.abbr
            and aug_tok1.type_no_period in NUMERIC_ONLY
            and not aug_tok2.tok[:1].isdigit()
            and aug_tok2.tok[:1] != "#"
        ):
            aug_tok1.abbr = False
            aug_tok1.sentbreak = True
        reason = super()._second_pass_annotation(aug_tok1, aug_tok2)
        if aug_tok1.sentbreak and not aug_tok1.abbr and _MULTI_INITIAL.match(aug_tok1.tok):
            starter = self._ortho_heuristic(aug_tok2)
            ortho = self._params.ortho_context[aug_tok2.type_no_sentperiod]
            if starter is False or (
                starter == "unknown" and aug_tok2.first_upper and not ortho & _ORTHO_LC
            ):
                aug_tok1.sentbreak = False
                aug_tok1.abbr = True
                reason = "initials + orthographic heuristic"
        if aug_tok1.sentbreak and _is_lowercase_word(aug_tok2.tok):
            aug_tok1.sentbreak = False
            reason = "next word is lowercase"
        return reason

    def _ortho_heuristic(self, aug_tok: PunktToken) -> bool | str:
        tok = aug_tok.tok
        if len(tok) > 1 and tok.isupper():
            return "unknown"  # acronyms: US, WHO, NATO
        return super()._ortho_heuristic(aug_tok)


def _is_lowercase_word(tok: str) -> bool:
    return tok[:1].islower() and tok == tok.lower() and bool(_LOWER_WORD.match(tok))


@lru_cache(maxsize=2**16)
def cached_spans(splitter: NewsSentenceSplitter, text: str) -> tuple[tuple[int, int], ...]:
    """Sentence spans of one paragraph, stripped of whitespace, without empty ones.

    Remembered for the last 65,536 paragraphs: ``split_sentences`` and
    ``tokenize`` on the same articles split each paragraph once. Only
    mediakit's own (deterministic) splitters are cached, and their spans are
    in order and within the text, so they need no checks.
    """
    out = []
    for start, end in splitter.span_tokenize(text):
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            start += len(chunk) - len(chunk.lstrip())
            out.append((start, start + len(stripped)))
    return tuple(out)


@lru_cache(maxsize=1)
def news_splitter() -> NewsSentenceSplitter:
    """The default splitter (built once per process)."""
    return NewsSentenceSplitter()


def train_news_splitter(
    texts: Iterable[str],
    *,
    abbrevs: Iterable[str],
    orthography: bool,
    include_all_collocations: bool,
) -> NewsSentenceSplitter:
    """Train Punkt on ``texts`` (paragraphs separated by blank lines)."""
    seed = frozenset(abbrevs)
    trainer = NewsTrainer()
    trainer.INCLUDE_ALL_COLLOCS = include_all_collocations
    # Seeding before training lets known abbreviations shape the statistics
    # (the word after "Mr." is not counted as a sentence starter).
    trainer._params.abbrev_types.update(seed)
    for text in texts:
        trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    learned = frozenset(params.abbrev_types - seed)
    # Training may drop a seeded abbreviation that also occurs without a
    # period ("no"); the shipped list wins.
    params.abbrev_types |= seed
    if orthography:
        seed_parameters(params)
    splitter = NewsSentenceSplitter(params)
    splitter.learned_abbreviations = learned
    return splitter
