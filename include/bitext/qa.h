/* bitext — quality checks over aligned translation units: findings with checks, severities, spans. */
#pragma once

#include <bitext/glossary.h>

G_BEGIN_DECLS

/* The checks. The ids (bitext_check_get_id) are stable: scripts and ignore files use them. */
typedef enum
{
  BITEXT_CHECK_UNTRANSLATED_SEGMENT,  /* "untranslated-segment" */
  BITEXT_CHECK_UNTRANSLATED_TERM,     /* "untranslated-term" */
  BITEXT_CHECK_GLOSSARY,              /* "glossary" */
  BITEXT_CHECK_NUMBER,                /* "number" */
  BITEXT_CHECK_OMISSION,              /* "omission" */
  BITEXT_CHECK_ADDITION,              /* "addition" */
  BITEXT_CHECK_INCONSISTENCY,         /* "inconsistency" */
  BITEXT_CHECK_MARKUP,                /* "markup" */
  BITEXT_CHECK_PUNCTUATION,           /* "punctuation" */
  BITEXT_CHECK_SOURCE_CONSISTENCY,    /* "source-consistency" */
  BITEXT_CHECK_SPELLING,              /* "spelling" */
  BITEXT_CHECK_PLACEHOLDER,           /* "placeholder" */
  BITEXT_CHECK_N
} BitextCheck;

typedef enum
{
  BITEXT_SEVERITY_INFO,
  BITEXT_SEVERITY_WARNING,
  BITEXT_SEVERITY_ERROR,
} BitextSeverity;

#define BITEXT_QA_COUNT_UNKNOWN G_MAXUINT

/*
** One aligned unit: what a TMX <tu> or an aligner's bead gives. The texts are
** borrowed for the duration of bitext_qa_run(). src_count and tgt_count are
** the numbers of sentences on each side (a bead's shape): 0 marks a missing
** side (a 1-0 or 0-1 bead); BITEXT_QA_COUNT_UNKNOWN says the caller does not
** know, and an empty text is then read as "left untranslated".
*/
typedef struct
{
  const char *source;       /* UTF-8; NULL or "" for none */
  const char *target;
  guint index;              /* the caller's number for the unit (bead, <tu>), echoed in findings */
  guint src_count;
  guint tgt_count;
  /* A sentence of a merged unit that may have no counterpart (BitextBead.lone_side): its
     bytes [lone_start, lone_end) in the source (lone_side BITEXT_LONE_SOURCE) or in the
     target (BITEXT_LONE_TARGET); lone_side 0 for none. */
  guint lone_side;
  gsize lone_start;
  gsize lone_end;
} BitextQaUnit;

/* A flagged span of one side of a unit; start == -1 when the finding has none on that side. */
typedef struct
{
  gssize start;             /* characters (code points) from the start of the text */
  gssize end;
  gssize byte_start;        /* the same span in bytes */
  gssize byte_end;
} BitextQaSpan;

/* A finding is data, not an error. All fields are owned by the finding. */
typedef struct
{
  BitextCheck check;
  BitextSeverity severity;
  guint unit;               /* position in the array given to bitext_qa_run() */
  guint index;              /* that unit's index field */
  char *message;
  BitextQaSpan source_span;
  BitextQaSpan target_span;
  char *text;               /* the flagged text: the target span's, else the source span's, else "" */
  char *ignore_key;         /* nullable: what bitext_finding_dup_ignore_key () returns */
} BitextFinding;

typedef struct _BitextQaIgnore BitextQaIgnore;

/* What the units are: the software profile also checks keyboard accelerators and line breaks. */
typedef enum
{
  BITEXT_QA_PROFILE_AUTO,     /* told from the units (bitext_qa__is_software) */
  BITEXT_QA_PROFILE_SOFTWARE, /* program messages: gettext catalogues, UI strings */
  BITEXT_QA_PROFILE_DOCUMENT, /* running text */
} BitextQaProfile;

typedef struct
{
  guint version;
  const char *src_lang;     /* ISO 639-1 ("en", "ru"); NULL: the glossary's, else unknown */
  const char *tgt_lang;
  BitextGlossary *glossary; /* nullable; its stem cache is updated, so not shared across threads */
  const BitextQaIgnore *ignore;
  guint checks;             /* bit (1u << BitextCheck) per check to run; 0: all */
  double length_z;          /* |modified z| above which a length ratio is an outlier */
  guint length_min_units;   /* fewer 1-1 units: Gale & Church's published length model */
  guint n_threads;          /* per-unit checks on this many threads; 0: one per processor
                               when there are units enough to share (findings are the same) */
  BitextQaProfile profile;
} BitextQaOptions;

/* length_z: 3.5, the cut-off for the modified z-score of Iglewicz & Hoaglin (1993), "How to
** Detect and Handle Outliers", ASQC Basic References in Quality Control 16, p. 11.
** length_min_units: 10, below which a median and a MAD say little about the text. */
#define BITEXT_QA_OPTIONS_INIT                                                                     \
  { .version = 1, .src_lang = NULL, .tgt_lang = NULL, .glossary = NULL, .ignore = NULL,           \
    .checks = 0, .length_z = 3.5, .length_min_units = 10 }

BITEXT_API GPtrArray  *bitext_qa_run              (const BitextQaUnit *units, guint n_units,
                                                   const BitextQaOptions *options, GError **error);

BITEXT_API void        bitext_finding_free        (BitextFinding *finding);
BITEXT_API char       *bitext_finding_dup_ignore_key (const BitextFinding *finding);
BITEXT_API const char *bitext_check_get_id        (BitextCheck check);
BITEXT_API gboolean    bitext_check_from_id       (const char *id, BitextCheck *check);
BITEXT_API const char *bitext_severity_get_name   (BitextSeverity severity);
BITEXT_API gboolean    bitext_qa_can_spell        (const char *lang);
BITEXT_API char       *bitext_qa_dup_spelling_note (const char *src_lang, const char *tgt_lang);
BITEXT_API gboolean    bitext_severity_from_name  (const char *name, BitextSeverity *severity);
BITEXT_API gboolean    bitext_qa_profile_from_name (const char *name, BitextQaProfile *profile);

BITEXT_API BitextQaIgnore *bitext_qa_ignore_new       (void);
BITEXT_API void            bitext_qa_ignore_free      (BitextQaIgnore *ignore);
BITEXT_API gboolean        bitext_qa_ignore_load_file (BitextQaIgnore *ignore, const char *path,
                                                       GError **error);
BITEXT_API gboolean        bitext_qa_ignore_load_data (BitextQaIgnore *ignore, const char *name,
                                                       const char *data, gsize length,
                                                       GError **error);
BITEXT_API void            bitext_qa_ignore_add       (BitextQaIgnore *ignore, BitextCheck check,
                                                       const char *text, const char *counterpart);
BITEXT_API gboolean        bitext_qa_ignore_contains  (const BitextQaIgnore *ignore,
                                                       const BitextFinding *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextFinding, bitext_finding_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (BitextQaIgnore, bitext_qa_ignore_free)

G_END_DECLS
