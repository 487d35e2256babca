"""The tone and security checks, one module per family, listed here explicitly: this list is what runs."""

from pipeline.lint.rules import clarity, inclusive, readability, security, structure, unfinished, voice, words

_ALL = (
    security.raw_html_script, security.event_handler, security.script_url,
    words.words_to_avoid, words.metaphors,
    readability.long_sentence, readability.very_long_sentence, readability.long_paragraph,
    voice.hype, voice.buzzwords, voice.pompous, voice.condescending, voice.passive_voice,
    clarity.unexpanded_acronym, clarity.eg_ie_etc, clarity.ampersand, clarity.negative_contraction,
    clarity.block_capitals, clarity.exclamation_mark, clarity.semicolon,
    structure.link_text, structure.question_heading, structure.heading_case, structure.long_title,
    structure.title_full_stop, structure.long_summary, structure.image_alt_text, structure.missing_section,
    structure.empty_section, structure.skipped_heading_level, unfinished.unfinished_note,
    inclusive.gendered, inclusive.ableist,
)
CHECKS = {check.rule.code: check for check in _ALL}
