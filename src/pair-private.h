/* bitext — the aligned pair: what the modules of pair*.c share. */
#pragma once

#include "bitext/pair.h"

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Bytes of a text read to guess its language (and sampled to check it): 1 MiB. */
#define PAIR_GUESS_BYTES ((gsize) 1 << 20)

/* A sentence as the pair keeps it: the public view first, then its text as read. */
typedef struct
{
  BitextPairSentence pub;
  const char *original;     /* in BitextPair.strings */
  const char *markup;       /* TMX inline markup of the original (codes of an HTML, man...
                               input), in BitextPair.strings; NULL for a plain text */
} PairSentence;

/* One side: a file's identity, language and sentences. */
typedef struct
{
  char *path;               /* as given ("-" for stdin) */
  char *sha256;             /* of the file's bytes; NULL for stdin */
  char *lang;
  BitextFormat format;      /* as given when the text was read (AUTO: detected) */
  char *encoding;           /* as given (NULL: detected) */
  GArray *sentences;        /* PairSentence */
} PairText;

typedef struct
{
  BitextBead bead;
  gboolean confirmed;
} PairBead;

typedef enum
{
  PAIR_EDIT_BEADS,          /* beads[at, at + old->len) replaced by new */
  PAIR_EDIT_TEXT,           /* one sentence's text */
} PairEditKind;

typedef struct
{
  PairEditKind kind;
  char *name;               /* "merge", "split", "move", "detach", "confirm", "unconfirm",
                               "realign", "text" */
  guint at;
  GArray *old_beads;        /* PairBead */
  GArray *new_beads;
  BitextPairSide side;
  guint sentence;
  const char *old_text;     /* in BitextPair.strings */
  const char *new_text;
} PairEdit;

/* A TMX unit's own label and bead shape, for check's view of a memory. */
typedef struct
{
  const char *label;        /* "tu 12" or "tu #3" (in strings) */
  guint n_src;              /* from x-bitext-bead, else BITEXT_QA_COUNT_UNKNOWN */
  guint n_tgt;
} PairUnitInfo;

struct _BitextPair
{
  BitextPairSegmentation segmentation;
  PairText text[2];
  GArray *beads;            /* PairBead */
  GStringChunk *strings;    /* every sentence text, read or edited; never freed before the pair */
  GArray *unit_info;        /* PairUnitInfo per source sentence (TMX), else NULL */
  guint64 n_skipped_units;  /* PO, XLIFF: fuzzy and untranslated entries left out */
  /* The aligner's settings, for realigning. */
  BitextAlignOptions align;
  char *dict_path;
  gboolean installed_dict;  /* BitextPairOptions.installed_dict */
  BitextAligner *aligner;   /* made on first use */
  gboolean strip_markup;    /* TMX: units read as plain text */
  /* History */
  GPtrArray *undo;          /* PairEdit, oldest first */
  GPtrArray *redo;          /* PairEdit, next to redo last */
  guint64 version;
  guint64 saved_version;
  /* The units, rebuilt on demand after an edit. */
  gboolean units_valid;
  GArray *qa_units;         /* BitextQaUnit */
  GPtrArray *labels;        /* const char *, NULL-terminated */
  GStringChunk *unit_strings;
};

BitextPair *bitext_pair__new            (BitextPairSegmentation segmentation);
void        bitext_pair__text_init      (PairText *text, const char *path, const char *lang);
void        bitext_pair__add_sentence   (BitextPair *pair, BitextPairSide side,
                                         const BitextPairSentence *sentence);
void        bitext_pair__add_sentence_markup (BitextPair *pair, BitextPairSide side,
                                              const BitextPairSentence *sentence,
                                              const char *markup);
gboolean    bitext_pair__checksum_file  (const char *path, char **sha256, GError **error);
gboolean    bitext_pair__load_side      (BitextPair *pair, BitextPairSide side, const char *path,
                                         const char *lang, const BitextDocumentOptions *input,
                                         GError **error);
const char *bitext_pair__guess_language (const BitextDocument *doc);
gboolean    bitext_pair__check_languages (const BitextPair *pair, const BitextPairOptions *options,
                                          GError **error);
gboolean    bitext_pair__read_units     (BitextPair *pair, const char *path, const char *data,
                                         gsize length, const BitextPairOptions *options,
                                         GError **error);
gboolean    bitext_pair__read_bead_file (BitextPair *pair, const char *path, GError **error);
void        bitext_pair__store_options  (BitextPair *pair, const BitextPairOptions *options);
gboolean    bitext_pair__align_all      (BitextPair *pair, GError **error);
GArray     *bitext_pair__align_range    (BitextPair *pair, guint src_start, guint n_src,
                                         guint tgt_start, guint n_tgt, GError **error);
gboolean    bitext_pair__crosses_paragraph (const BitextPair *pair, const BitextBead *bead);
void        bitext_pair__add_bead       (BitextPair *pair, const BitextBead *bead,
                                         gboolean confirmed);
void        bitext_pair__edit_free      (PairEdit *edit);
void        bitext_pair__apply          (BitextPair *pair, const PairEdit *edit,
                                         gboolean forward);
void        bitext_pair__invalidate     (BitextPair *pair);
gboolean    bitext_pair__bead_equal     (const PairBead *a, const PairBead *b);

void bitext_pair__json_add_string (JsonBuilder *b, const char *name, const char *value);

G_END_DECLS
