/* bitext — internals shared by glossary.c, qa.c, qa-checks.c and qa-numbers.c. */
#pragma once

#include <bitext/glossary.h>
#include <bitext/qa.h>
#include <libstemmer.h>

G_BEGIN_DECLS

/* The script of a word's letters. */
typedef enum
{
  QA_SCRIPT_NONE,           /* no letters: digits only */
  QA_SCRIPT_LATIN,
  QA_SCRIPT_CYRILLIC,
  QA_SCRIPT_OTHER,
  QA_SCRIPT_MIXED,
} QaScript;

/*
** A word: a maximal run of letters, digits and combining marks. Apostrophes,
** hyphens and dashes separate words, so "NATO's" is NATO + s and
** «ракет-перехватчиков» is two words, as the stemmer wants them.
*/
typedef struct
{
  gsize start;              /* bytes */
  gsize end;
  guint n_letters;
  guint n_upper;
  guint n_digits;
  QaScript script;
} QaWord;

/* A name in one script and its rendering in another: the similarity of their Latin
** transliterations above which terms-pair.c takes a word for the name's rendering. */
#define QA_NAME_SIMILARITY 0.5

gboolean  bitext_qa__next_word        (const char *text, gsize length, gsize *pos, QaWord *word);
QaScript  bitext_qa__script_for_lang  (const char *lang);
char     *bitext_qa__fold             (const char *text, gssize length);
gboolean  bitext_qa__all_capitals     (const char *text, gsize start, gsize end);
void      bitext_qa__fold_spelling_en (GString *word);
char     *bitext_qa__normalise_key    (const char *text);
gboolean  bitext_qa__in_url           (const char *text, gsize start, gsize end);
void      bitext_qa__space_run        (const char *text, gsize start, gsize end, gsize *a, gsize *b);
gboolean  bitext_qa__in_tag           (const char *text, gsize pos);
void      bitext_qa__lower            (const char *text, gsize length, GString *out);

gboolean        bitext_glossary__keeps_word   (const BitextGlossary *glossary, const char *folded);
BitextGlossary *bitext_glossary__dup_matcher  (const BitextGlossary *glossary);

/* qa-numbers.c: the numbers of a text, each normalised to a value string. */
typedef struct
{
  char *value;              /* "2012", "1000.5", "month:5" */
  gsize start;              /* bytes */
  gsize end;
  gboolean in_words;        /* "two", «двух», a month name */
  gboolean optional;        /* a count of one, which a translation may leave unsaid */
  gboolean ordinal;         /* first, «первой», 1st, «1-го»: an ordinal word matches only these */
  gboolean compound;        /* the first part of a word («двухбайтовый»): combines with no other */
} QaNumber;

GArray *bitext_qa__extract_numbers (const char *text, const char *lang);
void    bitext_qa__numbers_free    (GArray *numbers);

/* qa-spell.c: Hunspell dictionaries shared by the threads of a run (locked), verdicts cached per thread. */
typedef struct _QaSpeller QaSpeller;
typedef struct _QaSpellCache QaSpellCache;

/* qa-spell.c: renderings by sound (a loanword, a name) across scripts. */
typedef struct _QaSound QaSound;
QaSound *bitext_qa__sound_new     (const char *src_lang, const char *tgt_lang);
void     bitext_qa__sound_free    (QaSound *sound);
char    *bitext_qa__sound_key     (QaSound *sound, guint side, const char *word, gssize length);
gboolean bitext_qa__sound_renders (const char *key, const char *source);
gboolean bitext_qa__sound_find    (QaSound *sound, guint side, const char *text, QaScript script,
                                   guint min_letters, const char *key, gboolean word_renders,
                                   gsize *start, gsize *end);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (QaSound, bitext_qa__sound_free)

/* qa-checks.c: the per-unit and the whole-text checks. */
typedef struct
{
  const BitextQaUnit *units;
  guint n_units;
  const BitextQaOptions *options;
  QaScript src_script;
  QaScript tgt_script;
  GPtrArray *findings;      /* (element-type BitextFinding) */
  GArray *term_uses;        /* glossary renderings seen by bitext_qa__check_units (TermUse) */
  guint unit_begin;         /* bitext_qa__check_units covers units [unit_begin, unit_end) */
  guint unit_end;
  guint64 *key_hash[2];     /* per unit, source and target: hash of the normalised text | 1;
                               0 until computed (bitext_qa__unit_key_hash) */
  QaSpeller *speller[2];    /* source, target: NULL when not spell-checked (bitext_qa__spell_load) */
  guint *n_chars[2];        /* per unit, source and target: characters, set by the per-unit
                               pass for the length check; NULL: not wanted */
  gboolean software;        /* the software profile: accelerators and line breaks are checked */
  GArray *spelling_words;   /* source words the source-consistency check looks at, found by
                               the per-unit pass, in text order (SpellingWord); NULL: none */
  GArray *kept_words;       /* target words in the source's script that nothing excuses, in
                               text order (SpellingWord): qa-names.c tells names from
                               untranslated terms; NULL: none */
  gboolean *term_checked;   /* per unit: the untranslated-term check looked at it; NULL: the
                               check does not run */
  GHashTable *src_stop;     /* the source language's function words (folded), or NULL */
} QaContext;

/* A word with a British or American suffix: unit, bytes [start, end) of its source. */
typedef struct
{
  guint unit;
  gsize start, end;
} SpellingWord;

guint64 bitext_qa__unit_key_hash (QaContext *ctx, guint unit, gboolean target);

void bitext_qa__add_finding (QaContext *ctx, BitextCheck check, BitextSeverity severity,
                             guint unit, gssize src_start, gssize src_end, gssize tgt_start,
                             gssize tgt_end, const char *format, ...) G_GNUC_PRINTF (9, 10);

/* qa-placeholder.c: placeholders, code tokens and the profile. */
typedef enum
{
  QA_PLACEHOLDER_PRINTF,    /* %s %1$d %.255s %<PRIu64> */
  QA_PLACEHOLDER_PYTHON,    /* %(name)s */
  QA_PLACEHOLDER_BRACE,     /* {0} {name} {0,number} */
  QA_PLACEHOLDER_QT,        /* %1 */
  QA_PLACEHOLDER_SHELL,     /* $VAR ${var} */
  QA_PLACEHOLDER_ESCAPE,    /* \n written as two characters */
  QA_PLACEHOLDER_ACCELERATOR, /* _File &File */
} QaPlaceholderKind;

typedef struct
{
  QaPlaceholderKind kind;
  gsize start;              /* bytes */
  gsize end;
  guint arg;                /* printf: the argument's number (n$ or the ordinal); else 0 */
  gboolean integer;         /* a printf conversion of an integer */
  char *key;                /* what must match on the other side: "1:%s", "{name}", "_" */
} QaPlaceholder;

GArray   *bitext_qa__scan_placeholders  (const char *text, gsize begin, gsize end,
                                         gboolean accelerators);
gboolean  bitext_qa__in_code            (const char *text, gsize start, gsize end);
gboolean  bitext_qa__is_software        (const BitextQaUnit *units, guint n_units);
void      bitext_qa__check_placeholders (QaContext *ctx, guint unit);

void bitext_qa__check_units       (QaContext *ctx);
void bitext_qa__check_range       (QaContext *ctx, QaSpellCache *spell);
void bitext_qa__check_consistency (QaContext *ctx);
void bitext_qa__merge_found       (GArray **into, GArray *more);

/* qa-consistency.c: terms the extractor finds, rendered two ways (whole text). */
/* The check runs on a thread of its own, beside the other whole-text checks: start it, then
   finish it where its findings go, which appends them. @skip must live until then. */
typedef struct _QaRenderings QaRenderings;
QaRenderings *bitext_qa__renderings_start  (const QaContext *ctx, const gboolean *skip);
void          bitext_qa__renderings_finish (QaContext *ctx, QaRenderings *run);

/* qa-names.c: untranslated terms and the names the translation keeps (whole text). */
void bitext_qa__check_kept_names  (QaContext *ctx);

gboolean bitext_glossary__has_word (BitextGlossary *glossary, BitextGlossarySide side,
                                    const char *text, const QaWord *word);

void          bitext_qa__spell_load       (QaContext *ctx);
void          bitext_qa__spell_clear      (QaContext *ctx);
QaSpellCache *bitext_qa__spell_cache_new  (const QaContext *ctx);
void          bitext_qa__spell_cache_free (QaSpellCache *cache);
void          bitext_qa__check_spelling   (QaContext *ctx, guint unit, QaSpellCache *cache);
void          bitext_qa__spell_drop_repeated (GPtrArray *findings);
void          bitext_qa__spell_grade      (QaContext *ctx);
gboolean      bitext_qa__spell_is_common_word (QaContext *ctx, guint side, const char *word);

/* qa-breaks.c: a sentence-final mark lost between two source sentences (per unit). */
void bitext_qa__check_lost_break (QaContext *ctx, guint unit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (QaSpellCache, bitext_qa__spell_cache_free)

/* A Snowball stemmer, freed by g_autoptr (qa-checks.c, qa-consistency.c). */
typedef struct sb_stemmer SbStemmer;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbStemmer, sb_stemmer_delete)

G_END_DECLS
