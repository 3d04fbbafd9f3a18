/* bitext — glossaries: term pairs and a do-not-translate list, matched on Snowball stems. */
#pragma once

#include <bitext/types.h>

G_BEGIN_DECLS

/*
** A glossary maps a source term to its approved renderings (alternatives)
** and to renderings it forbids. Terms match running text on word stems
** (Snowball), case folded (ICU full case folding) with ё read as е, so
** "missile defences" finds "missile defence" and «противоракетной обороны»
** finds «противоракетная оборона». A term written in capitals (NATO, ПРО,
** ICBM) is an acronym and matches only in capitals (ICBMs counts).
**
** Files (bitext_glossary_load_file):
**   TSV (default) or CSV (name ends in .csv, RFC 4180 quoting): one entry a
**   row, columns source, target, note, forbidden. A target or forbidden cell
**   lists alternatives separated by " | ". Lines starting with '#' and blank
**   lines are skipped; a first row whose cells are all column names
**   (source, target, note, forbidden, and score, frequency, example,
**   variants, which are read past), '#' before it allowed, maps the columns
**   instead. Without a header, a first row whose third cell is a number is
**   read in the layout `bitext glossary extract` writes: source, target,
**   score, frequency, example, variants, note (no forbidden column).
**   TBX-Basic (name ends in .tbx, or the data starts with '<'): each
**   termEntry's source term and first target term, and its note.
** Do-not-translate lists (bitext_glossary_load_dnt_file): one name or
** acronym a line, '#' comments; each stays as it is in the translation.
*/
typedef struct _BitextGlossary BitextGlossary;

typedef struct
{
  const char *source;
  const char *const *targets;   /* approved renderings, NULL-terminated; never empty */
  const char *const *forbidden; /* NULL-terminated, possibly empty */
  const char *note;             /* "" when none */
  guint line;                   /* 1-based line in its file, 0 when added by code */
  gboolean dnt;                 /* from the do-not-translate list: target == source */
} BitextGlossaryEntry;          /* Borrowed: valid while the glossary lives and is not changed */

typedef enum
{
  BITEXT_GLOSSARY_SOURCE,
  BITEXT_GLOSSARY_TARGET,
} BitextGlossarySide;

/*
** One occurrence of a term in a text. For the source side, variant is -1;
** for the target side, variant is the index of the approved rendering that
** matched, or of the forbidden one when forbidden is TRUE.
*/
typedef struct
{
  guint entry;
  int variant;
  gboolean forbidden;
  gsize start;              /* bytes into the matched text */
  gsize end;
} BitextTermMatch;

BITEXT_API BitextGlossary *bitext_glossary_new           (const char *src_lang, const char *tgt_lang);
BITEXT_API void            bitext_glossary_free          (BitextGlossary *glossary);
BITEXT_API gboolean        bitext_glossary_load_file     (BitextGlossary *glossary, const char *path,
                                                          GError **error);
BITEXT_API gboolean        bitext_glossary_load_data     (BitextGlossary *glossary, const char *name,
                                                          const char *data, gsize length,
                                                          GError **error);
BITEXT_API gboolean        bitext_glossary_load_dnt_file (BitextGlossary *glossary, const char *path,
                                                          GError **error);
BITEXT_API gboolean        bitext_glossary_load_files    (BitextGlossary *glossary,
                                                          const char *const *paths,
                                                          const char *const *dnt_paths,
                                                          GError **error);
BITEXT_API gboolean        bitext_glossary_add_entry     (BitextGlossary *glossary, const char *source,
                                                          const char *targets, const char *forbidden,
                                                          const char *note, GError **error);
BITEXT_API gboolean        bitext_glossary_add_dnt       (BitextGlossary *glossary, const char *term,
                                                          GError **error);
BITEXT_API guint           bitext_glossary_get_n_entries (const BitextGlossary *glossary);
BITEXT_API const BitextGlossaryEntry *bitext_glossary_get_entry (const BitextGlossary *glossary,
                                                                 guint index);
BITEXT_API gboolean        bitext_glossary_is_dnt        (const BitextGlossary *glossary,
                                                          const char *word);
BITEXT_API const char     *bitext_glossary_get_src_lang  (const BitextGlossary *glossary);
BITEXT_API const char     *bitext_glossary_get_tgt_lang  (const BitextGlossary *glossary);
BITEXT_API GArray         *bitext_glossary_match         (BitextGlossary *glossary,
                                                          BitextGlossarySide side,
                                                          const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextGlossary, bitext_glossary_free)

G_END_DECLS
