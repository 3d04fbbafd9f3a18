/* bitext — the aligned pair: two segmented texts, their beads and units, edits with undo, the pair file. */
#pragma once

#include <bitext/align.h>
#include <bitext/document.h>
#include <bitext/qa.h>
#include <bitext/terms.h>
#include <bitext/tmx.h>

G_BEGIN_DECLS

/*
** A BitextPair owns two segmented texts (the source and its translation),
** the beads that align them (include/bitext/align.h: ranges, score,
** evidence, low-confidence mark), a confirmation mark per bead, and the
** history of the edits made to them. A bead's "unit" is its source and its
** target sentences, each side joined by one space.
**
** Every edit (merge, split, move, detach, text, confirm, realign) is one
** step of the undo history and increments the version. Strings and structs
** a getter returns are borrowed: valid until the next edit, undo or redo of
** the pair (or its free), unless said otherwise.
**
** Errors: constructors and loaders return NULL with @error set; edits return
** FALSE with BITEXT_ERROR_INVALID_EDIT when they do not apply (an index past
** the end, nothing to merge with, ...) and leave the pair as it was.
*/
typedef struct _BitextPair BitextPair;

typedef enum
{
  BITEXT_PAIR_SOURCE = 0,
  BITEXT_PAIR_TARGET = 1,
} BitextPairSide;

/* How the sentences were obtained, which is how a pair file finds them again. */
typedef enum
{
  BITEXT_PAIR_SEGMENT_TEXT,    /* ICU + SRX segmentation of a text file */
  BITEXT_PAIR_SEGMENT_LINES,   /* one sentence a line; blank lines separate paragraphs */
  BITEXT_PAIR_SEGMENT_TMX,     /* one sentence per unit side of a TMX, PO or XLIFF file */
  BITEXT_PAIR_SEGMENT_TSV,     /* SOURCE<TAB>TARGET a line (both sides from one file) */
} BitextPairSegmentation;

/* One sentence of one side. */
typedef struct
{
  const char *text;         /* NUL-terminated; line breaks collapsed to spaces */
  guint paragraph;          /* 0-based paragraph (TMX, TSV: the unit's number) */
  gsize source_offset;      /* byte span in the file on disk (0, 0 for TMX and TSV) */
  gsize source_end;
  BitextPosition start;     /* line:column of the first and last characters ({0,0}: unknown) */
  BitextPosition end;
  gboolean edited;          /* the text differs from what the file holds */
} BitextPairSentence;

typedef struct
{
  guint version;
  const char *src_lang;     /* a code, or NULL / "auto": guessed from the text (TMX: the file's) */
  const char *tgt_lang;
  gboolean presegmented;    /* text inputs hold one sentence a line */
  const char *dict_path;    /* nullable: a bilingual dictionary for the aligner */
  gboolean installed_dict;  /* also the installed FreeDict dictionary of the pair's languages,
                               when there is one (bitext_aligner_load_dict() "freedict") */
  gboolean strip_markup;    /* TMX: drop inline codes (plain text) instead of keeping them */
  BitextAlignOptions align; /* its src_lang and tgt_lang are ignored: the pair's are used */
  BitextDocumentOptions input[2]; /* texts: the format and encoding of the source and target
                                     (zero: detected) */
  BitextProgressFunc progress_func;  /* nullable: units read from a TMX, PO or XLIFF file */
  gpointer progress_data;
  gboolean no_language_check; /* do not stop when a text is not in its language's script, or the
                                 two look swapped (bitext_script_check_languages) */
  gboolean bare_codes;      /* TMX: a code holding XML/HTML tags is read as the tags' names alone
                               ("<span>"), attributes left out, as CAT tools show codes: the
                               view QA reads; ignored with strip_markup, not kept in pair files */
} BitextPairOptions;

#define BITEXT_PAIR_OPTIONS_INIT { .version = 1, .align = BITEXT_ALIGN_OPTIONS_INIT }

/* Output formats of bitext_pair_append_bead() (the formats of `bitext align`). */
typedef enum
{
  BITEXT_PAIR_FORMAT_TSV,      /* beads, type, score, low mark, source, target */
  BITEXT_PAIR_FORMAT_JSONL,    /* indices, type, score, evidence and texts, one object a line */
  BITEXT_PAIR_FORMAT_BEADS,    /* [i,j]:[k] */
} BitextPairFormat;

/* Constructors */
BITEXT_API BitextPair *bitext_pair_new_from_texts (const char *src_path, const char *tgt_path,
                                                   const BitextPairOptions *options,
                                                   GError **error);
BITEXT_API BitextPair *bitext_pair_new_from_beads (const char *src_path, const char *tgt_path,
                                                   const char *beads_path,
                                                   const BitextPairOptions *options,
                                                   GError **error);
BITEXT_API BitextPair *bitext_pair_new_from_tmx   (const char *path,
                                                   const BitextPairOptions *options,
                                                   GError **error);
BITEXT_API BitextPair *bitext_pair_new_from_tsv   (const char *path,
                                                   const BitextPairOptions *options,
                                                   GError **error);
BITEXT_API BitextPair *bitext_pair_new_from_units (const char *path,
                                                   const BitextPairOptions *options,
                                                   GError **error);
BITEXT_API BitextPair *bitext_pair_open           (const char *const *paths, guint n_paths,
                                                   const char *beads_path,
                                                   const BitextPairOptions *options,
                                                   GError **error);
BITEXT_API void        bitext_pair_free           (BitextPair *pair);

/* The texts */
BITEXT_API BitextPairSegmentation bitext_pair_get_segmentation (const BitextPair *pair);
BITEXT_API const char *bitext_pair_get_path        (const BitextPair *pair, BitextPairSide side);
BITEXT_API const char *bitext_pair_get_lang        (const BitextPair *pair, BitextPairSide side);
BITEXT_API guint       bitext_pair_get_n_sentences (const BitextPair *pair, BitextPairSide side);
BITEXT_API guint64     bitext_pair_get_skipped_units (const BitextPair *pair);
BITEXT_API const BitextPairSentence *bitext_pair_get_sentence (const BitextPair *pair,
                                                               BitextPairSide side, guint index);

/* The beads and their units */
BITEXT_API guint       bitext_pair_get_n_beads     (const BitextPair *pair);
BITEXT_API const BitextBead *bitext_pair_get_bead  (const BitextPair *pair, guint index);
BITEXT_API gboolean    bitext_pair_is_confirmed    (const BitextPair *pair, guint index);
BITEXT_API char       *bitext_pair_dup_bead_label  (const BitextPair *pair, guint index);
BITEXT_API char       *bitext_pair_dup_unit_text   (const BitextPair *pair, guint index,
                                                    BitextPairSide side);
BITEXT_API guint       bitext_pair_find_bead       (const BitextPair *pair, BitextPairSide side,
                                                    guint sentence);
BITEXT_API const BitextQaUnit *bitext_pair_get_qa_units (BitextPair *pair, guint *n_units);
BITEXT_API const char *const  *bitext_pair_get_labels   (BitextPair *pair);
BITEXT_API GArray     *bitext_pair_dup_text_pairs  (BitextPair *pair);

/* Edits: each is one undoable step and increments the version */
BITEXT_API gboolean    bitext_pair_merge_next      (BitextPair *pair, guint bead, GError **error);
BITEXT_API gboolean    bitext_pair_split           (BitextPair *pair, guint bead, guint n_src,
                                                    guint n_tgt, GError **error);
BITEXT_API gboolean    bitext_pair_move_sentence   (BitextPair *pair, guint bead,
                                                    BitextPairSide side, gboolean down,
                                                    GError **error);
BITEXT_API gboolean    bitext_pair_detach_sentence (BitextPair *pair, BitextPairSide side,
                                                    guint sentence, GError **error);
BITEXT_API gboolean    bitext_pair_set_sentence_text (BitextPair *pair, BitextPairSide side,
                                                      guint sentence, const char *text,
                                                      GError **error);
BITEXT_API gboolean    bitext_pair_set_confirmed   (BitextPair *pair, guint bead,
                                                    gboolean confirmed, GError **error);
BITEXT_API gboolean    bitext_pair_realign         (BitextPair *pair, GError **error);

/* History */
BITEXT_API gboolean    bitext_pair_undo            (BitextPair *pair, GError **error);
BITEXT_API gboolean    bitext_pair_redo            (BitextPair *pair, GError **error);
BITEXT_API gboolean    bitext_pair_can_undo        (const BitextPair *pair);
BITEXT_API gboolean    bitext_pair_can_redo        (const BitextPair *pair);
BITEXT_API const char *bitext_pair_get_undo_name   (const BitextPair *pair);
BITEXT_API const char *bitext_pair_get_redo_name   (const BitextPair *pair);
BITEXT_API guint64     bitext_pair_get_version     (const BitextPair *pair);
BITEXT_API gboolean    bitext_pair_is_modified     (const BitextPair *pair);

/* Writers */
BITEXT_API void        bitext_pair_append_bead     (BitextPair *pair, guint index,
                                                    BitextPairFormat format, GString *out);
BITEXT_API gboolean    bitext_pair_format_from_name (const char *name, BitextPairFormat *format);
BITEXT_API BitextTm   *bitext_pair_dup_tm          (BitextPair *pair, GError **error);
BITEXT_API gboolean    bitext_pair_write_tmx_file  (BitextPair *pair, const char *path,
                                                    const BitextTmxWriteOptions *options,
                                                    GError **error);

/* The pair file (JSON; README "Formats") */
BITEXT_API BitextPair *bitext_pair_load_file       (const char *path, GError **error);
BITEXT_API BitextPair *bitext_pair_load_data       (const char *name, const char *data,
                                                    gsize length, const char *base_dir,
                                                    GError **error);
BITEXT_API gboolean    bitext_pair_save_file       (BitextPair *pair, const char *path,
                                                    GError **error);
BITEXT_API char       *bitext_pair_save_to_data    (BitextPair *pair, const char *base_dir,
                                                    gsize *length, GError **error);
BITEXT_API char       *bitext_pair_dup_autosave_path (const char *pair_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextPair, bitext_pair_free)

G_END_DECLS
