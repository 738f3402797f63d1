"""Framing with dictionaries: formats, matching, counts and hits, KWIC, keyness, validation.

``frames`` (:class:`Dictionary`, :func:`read_dictionary`, :func:`count_frames`,
:func:`frame_hits`; ``_dictionary``, ``_dictionary_formats``, ``_frame_match``:
the patterns, the file formats, the matcher), ``builtin`` (the dictionaries
that ship with mediakit and their datasheets), ``kwic``, ``keyness`` (and
collocations), ``validation`` (coding sheets, precision) and ``agreement``
(Krippendorff's alpha). An analysis stage: it uses segment only.
"""

from mediakit.framing.agreement import coder_agreement
from mediakit.framing.builtin import (
    BUILTIN_DICTIONARIES,
    dictionary_datasheet,
    list_dictionaries,
    load_dictionary,
)
from mediakit.framing.frames import (
    KINDS,
    CompiledDictionary,
    Dictionary,
    DictionaryFormatError,
    Entry,
    count_frames,
    frame_hits,
    parse_pattern,
    read_dictionary,
)
from mediakit.framing.keyness import collocations, keyness
from mediakit.framing.kwic import KWIC_COLUMNS, kwic
from mediakit.framing.validation import dictionary_precision, sample_hits

__all__ = [
    "BUILTIN_DICTIONARIES",
    "KINDS",
    "KWIC_COLUMNS",
    "CompiledDictionary",
    "Dictionary",
    "DictionaryFormatError",
    "Entry",
    "coder_agreement",
    "collocations",
    "count_frames",
    "dictionary_datasheet",
    "dictionary_precision",
    "frame_hits",
    "keyness",
    "kwic",
    "list_dictionaries",
    "load_dictionary",
    "parse_pattern",
    "read_dictionary",
    "sample_hits",
]
