/* bitext — loading text: bytes -> UTF-8, NFC, LF newlines, with a map back to the source file.
 *
 * The reader is a pipeline over a window of input bytes: check (UTF-8) or
 * decode (UTF-16, whole input at once), split lines at LF, CRLF and CR, drop
 * the spaces of blank lines, apply NFC line by line and group non-blank lines
 * into paragraphs. The normalised text goes into one growing "store"; the
 * paragraph handed out is its tail, so it is NUL-terminated for free. Two
 * sorted arrays of marks map text offsets back to the file: a SourceMark
 * wherever the source/text delta changes, a PosMark at each paragraph start,
 * every POS_STRIDE bytes inside a paragraph, and after each paragraph.
 */
#include "bitext/document.h"
#include "bitext/error.h"
#include "document-private.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define READ_SIZE  262144 /* bytes per read(2), and the checking window over memory */
#define POS_STRIDE 4096   /* most text bytes a position query scans (a mark costs 24 bytes) */
#define NFC_RUN    65536  /* bytes per unorm2_isNormalized call */
#define NFC_MAX    (G_MAXINT32 / 16)  /* longest string given to ICU, whose lengths are int32_t */
#define U16_BLOCK  4096   /* decoded bytes per entry of the UTF-16 offset index */
#define NO_BUF     G_MAXSIZE

typedef enum { BAD_NONE, BAD_UTF8, BAD_UTF16, BAD_NUL } BadKind;

/* From text offset TEXT on (up to the next mark), text and source advance together. */
typedef struct
{
  gsize text;
  gsize source;
} SourceMark;

/*
** The character at text offset TEXT is at LINE:COLUMN of the source. BUF is
** the absolute store offset (store_dropped + index) of that character, or
** NO_BUF if TEXT starts a run of blank lines: one '\n' per line, no text kept.
*/
typedef struct
{
  gsize text;
  gsize buf;
  guint line;
  guint column;
} PosMark;

struct _BitextReader
{
  char *name;

  /* Input. buf is ibuf (filled by read(2)), the caller's data, or decoded UTF-16. */
  int fd;                   /* -1 when reading memory or once released */
  gboolean own_fd;
  gboolean regular;         /* fd is a regular file: its size and mtime at open are known */
  goffset size_at_open;
  goffset bytes_at_open;    /* from the file offset at open to its end (stdin may be past 0) */
  struct timespec mtime_at_open;
  void (*read_hook) (gpointer data);  /* tests: called after each read(2) that got bytes */
  gpointer read_hook_data;
  const char *buf;
  char *ibuf;
  gsize ibuf_size;          /* its bytes: READ_SIZE, or less for a smaller regular file (read_more) */
  gsize len;                /* bytes in buf */
  gsize pos;                /* next byte to scan */
  gsize valid_end;          /* buf[pos, valid_end) is valid UTF-8 without NUL */
  gsize buf_source;         /* source offset of buf[0] (decoded offset for UTF-16) */
  gboolean eof;             /* nothing follows buf[len) */
  gboolean started, finished;
  GError *failure;          /* sticky: every later call fails with it */
  gsize nl, cr;             /* next LF / CR in buf[pos, valid_end), or valid_end */
  gsize ni;                 /* no character before buf[ni) in the last window checked needs NFC */
  gboolean eol_cached;

  BadKind bad;              /* the first encoding error: at buf[bad_pos], source byte bad_source */
  gsize bad_pos, bad_source;

  GString *decoded;         /* UTF-16 input as UTF-8; NULL for UTF-8 input */
  GArray *u16_index;        /* gsize: file offset of decoded[i * U16_BLOCK] */

  /* The line being read. */
  guint line;
  gsize line_source;        /* source offset of its first byte */
  gsize line_idx;           /* store index of its first byte, once it has content */
  gboolean line_open;       /* part of it was read, its end was not */
  gboolean line_has_content;
  gboolean line_needs_nfc;  /* some of it came from after ni */
  GString *line_ws;         /* its spaces and tabs so far, while it may still be blank */
  gboolean skip_lf;         /* the previous line ended with a CR at the end of the window */
  gsize pending_nl;         /* '\n' owed to the text before the next non-blank line */
  guint last_content_line;

  /* The paragraph being read, and the last one completed. */
  gboolean in_para;
  gsize para_text, para_buf;
  guint n_paras;
  BitextParagraph cur;

  /* Normalised text kept for position queries: paragraphs since the last forget. */
  GString *store;
  gsize store_dropped;      /* bytes erased from the front of the store */
  gsize text_end;           /* text offset of the store's end */
  gboolean keep_text;       /* for a document: keep everything, blank lines included */

  GArray *src_marks;        /* SourceMark, sorted by text, never empty */
  GArray *pos_marks;        /* PosMark, sorted by text, never empty */

  /* The last position query, so that queries in increasing order (a segmenter
     asks for the start and end of each segment in turn) scan each byte once. */
  gsize memo_mark;          /* text offset of the PosMark it was measured from */
  gsize memo_text;          /* the offset asked about */
  BitextPosition memo_pos;  /* its answer; line 0: no memo */

  UChar *u16a, *u16b;       /* scratch for ICU */
  gsize u16a_cap, u16b_cap;

  /* An input that is not UTF-8 or UTF-16 text (another format, gzip, another encoding)
     is read whole into a document, whose paragraphs the reader then hands out. */
  gboolean raw;             /* text as it is: no detection (the document layer's own reader) */
  BitextDocumentOptions options;
  char *encoding;           /* options.encoding, owned */
  BitextDocument *doc;
  guint doc_next;
  char *hint;               /* advice added to an invalid UTF-8 error: the encoding was not told */
};


/* ---- Unicode tables ---------------------------------------------------- */

static guint64 inert_bits[0x10000 / 64];
static guint32 lead2_inert;  /* bit L: every 2-byte character with lead 0xC0 + L is inert */
/* The three longest runs of bits of lead2_inert, as SWAR addends (see check_word). */
#define LEAD_RUNS 3
static guint64 lead_run_lo[LEAD_RUNS], lead_run_hi[LEAD_RUNS];
/* The same runs as signed bytes for SSE2 (see check_block16): lead L is in
   run R iff lead_run_below[R] < L < lead_run_above[R]. */
static gint8 lead_run_below[LEAD_RUNS], lead_run_above[LEAD_RUNS];
static const UNormalizer2 *nfc;

/*
** TRUE if NFC leaves C alone and nothing before C can combine with it:
** NFC_Quick_Check=Yes and canonical combining class 0. Text splits into
** independent normalisation segments right before such a character.
*/
static gboolean
is_inert_slow (UChar32 c)
{
  return u_getIntPropertyValue (c, UCHAR_NFC_QUICK_CHECK) == UNORM_YES
         && u_getCombiningClass (c) == 0;
}

/*
** Find the LEAD_RUNS longest runs lo..hi of consecutive bits in lead2_inert
** (Latin, Greek and Cyrillic, Armenian... each lie in one) and store, for
** each, per-byte addends such that for a 5-bit value v in a byte,
** v + lo_addend has bit 5 set iff v >= lo, and v + hi_addend iff v > hi.
** An unused slot has addends that never say "in range".
*/
static void
init_lead_runs (void)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  guint lo[LEAD_RUNS] = { 0 }, len[LEAD_RUNS] = { 0 };

  for (guint b = 0; b < 32;)
    {
      if (!((lead2_inert >> b) & 1))
        {
          b++;
          continue;
        }
      guint e = b;
      while (e < 32 && ((lead2_inert >> e) & 1))
        e++;
      /* Insert run b..e-1 into the slots, longest first. */
      for (guint r = 0; r < LEAD_RUNS; r++)
        if (e - b > len[r])
          {
            for (guint k = LEAD_RUNS - 1; k > r; k--)
              lo[k] = lo[k - 1], len[k] = len[k - 1];
            lo[r] = b, len[r] = e - b;
            break;
          }
      b = e;
    }
  for (guint r = 0; r < LEAD_RUNS; r++)
    {
      lead_run_lo[r] = len[r] > 0 ? (0x20 - lo[r]) * ones : 0;
      lead_run_hi[r] = len[r] > 0 ? (0x1F - (lo[r] + len[r] - 1)) * ones : 0;
      /* Leads are 0xC2..0xDF, -62..-33 as signed bytes; an unused slot is above them all. */
      lead_run_below[r] = len[r] > 0 ? (gint8) (0xC0 + lo[r] - 1 - 256) : G_MAXINT8;
      lead_run_above[r] = len[r] > 0 ? (gint8) (0xC0 + lo[r] + len[r] - 256) : G_MININT8;
    }
}

/* Build the BMP bitmap of inert characters and fetch the NFC instance, once per process. */
static void
init_tables (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      UErrorCode err = U_ZERO_ERROR;
      for (UChar32 c = 0; c < 0x10000; c++)
        if (is_inert_slow (c))
          inert_bits[c >> 6] |= G_GUINT64_CONSTANT (1) << (c & 63);
      for (guint lead = 2; lead < 32; lead++)
        if (inert_bits[lead] == G_MAXUINT64)  /* lead 0xC0 + L covers U+L*64 .. U+L*64+63 */
          lead2_inert |= 1u << lead;
      init_lead_runs ();
      nfc = unorm2_getNFCInstance (&err);
      if (U_FAILURE (err))
        nfc = NULL;  /* no ICU data: text is passed through un-normalised */
      g_once_init_leave (&once, 1);
    }
}

static inline gboolean
is_inert (gunichar c)
{
  if (c < 0x10000)
    return (inert_bits[c >> 6] >> (c & 63)) & 1;
  return is_inert_slow ((UChar32) c);
}

static inline gboolean
is_continuation (char c)
{
  return ((guchar) c & 0xC0) == 0x80;
}

/* Number of code points in the valid UTF-8 P[0,N): its bytes that are not continuation bytes. */
static gsize
count_chars (const char *p, gsize n)
{
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  gsize k = n, i = 0;

  for (; i + 8 <= n; i += 8)
    {
      guint64 w;
      memcpy (&w, p + i, sizeof w);
      guint64 cont = (w & ~(w << 1) & highs) >> 7;  /* 1 in each byte 10xxxxxx */
      k -= (gsize) ((cont * G_GUINT64_CONSTANT (0x0101010101010101)) >> 56);
    }
  for (; i < n; i++)
    k -= is_continuation (p[i]);
  return k;
}

/* Length of the UTF-8 sequence that lead byte C announces. */
static inline gsize
utf8_lead_length (guchar c)
{
  return c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
}

/* TRUE if the eight bytes at P are ASCII and none is NUL. */
static inline gboolean
is_text8 (const char *p)
{
  guint64 w;
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);

  memcpy (&w, p, sizeof w);
  return ((w | ((w - ones) & ~w)) & highs) == 0;
}

/*
** Pass the eight bytes at S whole if they are ASCII without NUL and 2-byte
** characters with inert leads (most Latin, Cyrillic... text), testing all
** eight at once in a 64-bit word ("SWAR"). *PENDING says that the byte
** before S was a 2-byte lead, so the first byte here must continue it; it is
** updated for the last byte. Returns FALSE, changing nothing, if the bytes
** need the careful path.
*/
static inline gboolean
check_word (const char *s, gboolean *pending)
{
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  const guint64 highs = G_GUINT64_CONSTANT (0x8080808080808080);
  guint64 w;

  memcpy (&w, s, sizeof w);
  w = GUINT64_FROM_LE (w);
  guint64 high = w & highs;
  if (((w - ones) & ~w & highs) != 0)                /* a NUL */
    return FALSE;
  if (high == 0)
    return !*pending;
  guint64 b6 = (w << 1) & highs, b5 = (w << 2) & highs;
  guint64 cont = high & ~b6;                        /* 10xxxxxx */
  guint64 lead = high & b6;                         /* 11xxxxxx */
  if ((lead & b5) != 0 || cont != ((lead << 8) | (*pending ? 0x80 : 0)))
    return FALSE;
  /* lead2_inert has no bit for the overlong leads 0xC0 and 0xC1. First the
     common case in one go: every lead in one of the runs of inert leads. */
  guint64 v = w & G_GUINT64_CONSTANT (0x1F1F1F1F1F1F1F1F), lanes = lead >> 2;
  G_STATIC_ASSERT (LEAD_RUNS == 3);  /* written out: the compiler does not unroll it */
  guint64 in = ((v + lead_run_lo[0]) & ~(v + lead_run_hi[0]))
               | ((v + lead_run_lo[1]) & ~(v + lead_run_hi[1]))
               | ((v + lead_run_lo[2]) & ~(v + lead_run_hi[2]));
  if ((in & lanes) == lanes)
    {
      *pending = lead >> 63;
      return TRUE;
    }
  for (guint64 m = lead; m != 0; m &= m - 1)
    if (!((lead2_inert >> ((w >> (__builtin_ctzll (m) - 7)) & 0x1F)) & 1))
      return FALSE;
  *pending = lead >> 63;
  return TRUE;
}

#ifdef __SSE2__
/*
** check_word() for the sixteen bytes at S with SSE2 (every x86-64 has it):
** the same test, twice as wide and in fewer steps, as byte comparisons give
** the classes of all sixteen bytes at once.
*/
static inline gboolean
check_block16 (const char *s, gboolean *pending)
{
  __m128i v = _mm_loadu_si128 ((const __m128i *) (const void *) s);
  guint high = (guint) _mm_movemask_epi8 (v);
  if (_mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_setzero_si128 ())) != 0)  /* a NUL */
    return FALSE;
  if (high == 0)
    return !*pending;
  /* As signed bytes: 10xxxxxx is -128..-65, 110xxxxx -64..-33, 111xxxxx -32..-1. */
  guint cont = (guint) _mm_movemask_epi8 (_mm_cmplt_epi8 (v, _mm_set1_epi8 (-64)));
  guint lead = high & ~cont;
  guint longer = high & (guint) _mm_movemask_epi8 (_mm_cmpgt_epi8 (v, _mm_set1_epi8 (-33)));
  if (longer != 0 || cont != (((lead << 1) | (*pending ? 1u : 0u)) & 0xFFFFu))
    return FALSE;
  __m128i in = _mm_setzero_si128 ();
  for (guint r = 0; r < LEAD_RUNS; r++)
    in = _mm_or_si128 (in, _mm_and_si128 (_mm_cmpgt_epi8 (v, _mm_set1_epi8 (lead_run_below[r])),
                                          _mm_cmplt_epi8 (v, _mm_set1_epi8 (lead_run_above[r]))));
  if (((guint) _mm_movemask_epi8 (in) & lead) != lead)
    for (guint m = lead; m != 0; m &= m - 1)
      if (!((lead2_inert >> ((guchar) s[__builtin_ctz (m)] & 0x1F)) & 1))
        return FALSE;
  *pending = (lead >> 15) & 1;
  return TRUE;
}
#endif

/*
** Check the one character at S[0, N) (N > 0) that check_word() did not pass:
** its length, or 0 if it is not valid UTF-8 without NUL (RFC 3629: no
** overlongs, surrogates or code points above U+10FFFF) or is cut by N.
** Stores the code point in *U.
*/
static gsize
check_char (const char *s, gsize n, gunichar *u)
{
  const guchar *p = (const guchar *) s;
  gsize len = utf8_lead_length (p[0]);

  *u = p[0];
  if (p[0] < 0x80)
    return p[0] != 0;
  if (p[0] < 0xC2 || p[0] > 0xF4 || n < len)
    return 0;
  gunichar c = p[0] & (0x7Fu >> len);
  for (gsize k = 1; k < len; k++)
    {
      if (!is_continuation (s[k]))
        return 0;
      c = (c << 6) | (p[k] & 0x3Fu);
    }
  *u = c;
  if ((len == 3 && (c < 0x800 || (c >= 0xD800 && c < 0xE000)))
      || (len == 4 && (c < 0x10000 || c > 0x10FFFF)))
    return 0;
  return len;
}

/*
** Length of the longest prefix of S[0,N) that is valid UTF-8 without NUL;
** a character cut by N ends it too. Sets *NON_INERT to the offset of the
** first character in that prefix that is not inert, or to N. This one pass
** is all the checking and NFC work most text ever needs.
*/
static gsize
check_utf8 (const char *s, gsize n, gsize *non_inert)
{
  gboolean pending = FALSE;
  gsize i = 0;

  *non_inert = n;
  while (i < n)
    {
#ifdef __SSE2__
      if (i + 16 <= n && check_block16 (s + i, &pending))
        {
          i += 16;
          continue;
        }
#endif
      if (i + 8 <= n && check_word (s + i, &pending))
        {
          i += 8;
          continue;
        }
      if (pending)
        {
          i--;
          pending = FALSE;
        }
      gunichar u;
      gsize len = check_char (s + i, n - i, &u);
      if (len == 0)
        return i;
      if (*non_inert == n && !is_inert (u))
        *non_inert = i;
      i += len;
    }
  return pending ? n - 1 : n;
}

/* Offset of the first character of the valid UTF-8 P[0,N) that is not inert, or N. */
static gsize
first_non_inert (const char *p, gsize n)
{
  gsize i = 0;

  while (i < n)
    {
      while (i + 8 <= n && is_text8 (p + i))
        i += 8;
      gunichar u;
      gsize len = i < n ? check_char (p + i, n - i, &u) : 0;
      if (len == 0 || !is_inert (u))
        return i;
      i += len;
    }
  return n;
}

/* Offset of the first inert character after the one at X in the valid UTF-8 P[0,N), or N. */
static gsize
next_inert (const char *p, gsize n, gsize x)
{
  gunichar u;

  x += check_char (p + x, n - x, &u);
  while (x < n)
    {
      gsize len = check_char (p + x, n - x, &u);
      if (is_inert (u))
        break;
      x += len;
    }
  return x;
}

/* Start of the normalisation segment holding the character at X: the inert character before. */
static gsize
segment_start (const char *p, gsize x)
{
  while (x > 0)
    {
      gunichar u;
      gsize end = x;
      do
        x--;
      while (x > 0 && is_continuation (p[x]));
      check_char (p + x, end - x, &u);
      if (is_inert (u))
        break;
    }
  return x;
}

/* ---- NFC through ICU ---------------------------------------------------- */

static UChar *
uchar_scratch (UChar **buf, gsize *cap, gsize need)
{
  if (*cap < need)
    {
      *cap = MAX (need, 2 * *cap);
      *buf = g_renew (UChar, *buf, *cap);
    }
  return *buf;
}

/* Convert the valid UTF-8 P[0,N) to UTF-16 in r->u16a; its length, or -1 if ICU cannot. */
static int32_t
to_utf16 (BitextReader *r, const char *p, gsize n)
{
  if (nfc == NULL || n > NFC_MAX)
    return -1;
  UErrorCode err = U_ZERO_ERROR;
  int32_t len = 0;
  UChar *dst = uchar_scratch (&r->u16a, &r->u16a_cap, n + 1);
  u_strFromUTF8 (dst, (int32_t) n + 1, &len, p, (int32_t) n, &err);
  return U_SUCCESS (err) ? len : -1;
}

/* TRUE if P[0,N) is in NFC, or cannot be checked (then it is left alone). */
static gboolean
is_nfc (BitextReader *r, const char *p, gsize n)
{
  int32_t len = to_utf16 (r, p, n);
  if (len < 0)
    return TRUE;
  UErrorCode err = U_ZERO_ERROR;
  UBool yes = unorm2_isNormalized (nfc, r->u16a, len, &err);
  return U_FAILURE (err) || yes;
}

static void
store_append (BitextReader *r, const char *p, gsize n)
{
  g_string_append_len (r->store, p, (gssize) n);
  r->text_end += n;
}

static void
store_truncate (BitextReader *r, gsize idx)
{
  r->text_end -= r->store->len - idx;
  g_string_truncate (r->store, idx);
}

/* Append the NFC form of r->u16a[0,LEN) to the store; FALSE (store unchanged) if ICU fails. */
static gboolean
append_nfc16 (BitextReader *r, int32_t len)
{
  UErrorCode err = U_ZERO_ERROR;
  gsize cap = (gsize) len + 16;
  UChar *out = uchar_scratch (&r->u16b, &r->u16b_cap, cap);
  int32_t n16 = unorm2_normalize (nfc, r->u16a, len, out, (int32_t) cap, &err);

  if (err == U_BUFFER_OVERFLOW_ERROR && n16 <= NFC_MAX)
    {
      err = U_ZERO_ERROR;
      out = uchar_scratch (&r->u16b, &r->u16b_cap, (gsize) n16);
      n16 = unorm2_normalize (nfc, r->u16a, len, out, n16, &err);
    }
  if (U_FAILURE (err) || n16 > NFC_MAX)
    return FALSE;
  /* A UTF-16 code unit takes at most three bytes of UTF-8. */
  gsize at = r->store->len;
  int32_t n8 = 0;
  g_string_set_size (r->store, at + 3 * (gsize) n16);
  u_strToUTF8 (r->store->str + at, 3 * n16, &n8, out, n16, &err);
  g_string_set_size (r->store, U_SUCCESS (err) ? at + (gsize) n8 : at);
  if (U_FAILURE (err))
    return FALSE;
  r->text_end += (gsize) n8;
  return TRUE;
}

/* Append the NFC form of the valid UTF-8 P[0,N) to the store (P itself if ICU cannot). */
static void
append_nfc (BitextReader *r, const char *p, gsize n)
{
  int32_t len = to_utf16 (r, p, n);

  if (len < 0 || !append_nfc16 (r, len))
    store_append (r, p, n);
}

/* ---- Maps --------------------------------------------------------------- */

/* Index of the last mark (SourceMark or PosMark: TEXT first) with text <= T, or 0. */
static guint
find_mark (const GArray *marks, gsize t)
{
  gsize size = g_array_get_element_size ((GArray *) marks);
  guint lo = 0, hi = marks->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gsize text;
      memcpy (&text, marks->data + mid * size, sizeof text);
      if (text <= t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 ? lo - 1 : 0;
}

/*
** Record that text offset TEXT corresponds to source offset SOURCE. Adds a
** mark only if the delta changed; a second call for the same TEXT (a CRLF cut
** by the read window) corrects the mark instead.
*/
static void
map_sync (BitextReader *r, gsize text, gsize source)
{
  GArray *a = r->src_marks;
  SourceMark *last = &g_array_index (a, SourceMark, a->len - 1);

  if (last->text == text)
    {
      last->source = source;
      if (a->len >= 2 && last[-1].source - last[-1].text == source - text)
        g_array_set_size (a, a->len - 1);
      return;
    }
  if (last->source - last->text == source - text)
    return;
  SourceMark m = { text, source };
  g_array_append_val (a, m);
}

/* Move LINE:COLUMN over the valid UTF-8 P[0,N). */
static void
advance_position (guint *line, guint *column, const char *p, gsize n)
{
  const char *end = p + n, *nl;

  while ((nl = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      (*line)++;
      *column = 1;
      p = nl + 1;
    }
  *column += (guint) count_chars (p, (gsize) (end - p));
}

/*
** Add a position mark every POS_STRIDE bytes of the paragraph just completed
** (P[0,N), whose start mark is the last one), so that a position query scans
** at most POS_STRIDE bytes even in a paragraph of 200 MB.
*/
static void
add_interior_marks (BitextReader *r, const char *p, gsize n)
{
  PosMark m = g_array_index (r->pos_marks, PosMark, r->pos_marks->len - 1);
  gsize done = 0;

  while (n - done > POS_STRIDE)
    {
      gsize next = done + POS_STRIDE;
      while (is_continuation (p[next]))
        next++;
      advance_position (&m.line, &m.column, p + done, next - done);
      m.text += next - done;
      m.buf += next - done;
      g_array_append_val (r->pos_marks, m);
      done = next;
    }
}

/* UTF-16 bytes that the UTF-8 byte C adds, counted at the lead byte of a character. */
static inline gsize
utf16_width (char c)
{
  return is_continuation (c) ? 0 : (guchar) c >= 0xF0 ? 4 : 2;
}

/* File offset of the decoded UTF-16 text at decoded offset D (a character boundary). */
static gsize
utf16_offset (const BitextReader *r, gsize d)
{
  d = MIN (d, r->decoded->len);
  gsize block = d / U16_BLOCK;
  gsize f = g_array_index (r->u16_index, gsize, block);
  for (gsize i = block * U16_BLOCK; i < d; i++)
    f += utf16_width (r->decoded->str[i]);
  return f;
}

static void
build_u16_index (BitextReader *r)
{
  gsize f = 2, n = r->decoded->len;

  r->u16_index = g_array_new (FALSE, FALSE, sizeof (gsize));
  for (gsize i = 0; i < n; i++)
    {
      if (i % U16_BLOCK == 0)
        g_array_append_val (r->u16_index, f);
      f += utf16_width (r->decoded->str[i]);
    }
  if (n % U16_BLOCK == 0)
    g_array_append_val (r->u16_index, f);
}

/* ---- Input -------------------------------------------------------------- */

static void
set_io_error (GError **error, const char *name, int errsv)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), "%s: %s", name,
               g_strerror (errsv));
}

/* Close the file and free the buffers for reading: at the end of input, or on error. */
static void
release_input (BitextReader *r)
{
  if (r->own_fd && r->fd >= 0)
    close (r->fd);
  r->fd = -1;
  g_clear_pointer (&r->ibuf, g_free);
  r->buf = r->decoded != NULL ? r->decoded->str : NULL;
  g_clear_pointer (&r->u16a, g_free);
  g_clear_pointer (&r->u16b, g_free);
  r->u16a_cap = r->u16b_cap = 0;
}

/*
** At the end of a regular file: were as many bytes read as it had when it
** was opened, and are its size and modification time still those? A file
** truncated, extended or rewritten while it was read would otherwise give
** a text that is part old, part new, or cut short without a word.
*/
static gboolean
check_unchanged (BitextReader *r, GError **error)
{
  if (!r->regular)
    return TRUE;
  struct stat st;
  if (fstat (r->fd, &st) != 0)
    {
      set_io_error (error, r->name, errno);
      return FALSE;
    }
  if ((goffset) (r->buf_source + r->len) == r->bytes_at_open && st.st_size == r->size_at_open
      && st.st_mtim.tv_sec == r->mtime_at_open.tv_sec
      && st.st_mtim.tv_nsec == r->mtime_at_open.tv_nsec)
    return TRUE;
  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: changed while being read", r->name);
  return FALSE;
}

/*
** Read more of the file into ibuf, after moving the unscanned bytes
** buf[pos, len) (at most a cut UTF-8 character, or the first bytes while
** looking for a BOM) to its front. Sets eof when read(2) returns 0.
*/
static gboolean
read_more (BitextReader *r, GError **error)
{
  gsize keep = r->len - r->pos;
  gssize n;

  memmove (r->ibuf, r->ibuf + r->pos, keep);
  if (keep == r->ibuf_size && r->ibuf_size < READ_SIZE)
    {
      /* The file has grown past its size at open, or a window is being filled (start_input). */
      r->ibuf_size = MIN (2 * r->ibuf_size, READ_SIZE);
      r->ibuf = g_realloc (r->ibuf, r->ibuf_size);
      r->buf = r->ibuf;
    }
  r->buf_source += r->pos;
  r->valid_end -= r->pos;
  r->len = keep;
  r->pos = 0;
  r->eol_cached = FALSE;
  do
    n = read (r->fd, r->ibuf + keep, r->ibuf_size - keep);
  while (n < 0 && errno == EINTR);
  if (n < 0)
    {
      set_io_error (error, r->name, errno);
      return FALSE;
    }
  r->len += (gsize) n;
  r->eof = n == 0;
  if (n > 0 && r->read_hook != NULL)
    r->read_hook (r->read_hook_data);
  return !r->eof || check_unchanged (r, error);
}

/*
** Check buf[valid_end, limit) as UTF-8 without NUL and move valid_end past
** the good bytes; note the first character that is not NFC-inert in ni. A
** character cut by LIMIT waits for the next window unless the input ends
** there; any other bad byte is recorded in r->bad, to be raised once the
** text before it has been scanned.
*/
static void
validate (BitextReader *r, gsize limit)
{
  gsize ni;
  gsize e = r->valid_end + check_utf8 (r->buf + r->valid_end, limit - r->valid_end, &ni);

  r->ni = r->valid_end + ni;
  r->eol_cached = FALSE;
  r->valid_end = e;
  if (e == limit)
    return;
  guchar c = (guchar) r->buf[e];
  gboolean final = limit == r->len && r->eof;
  if (c != 0 && !final && limit - e < utf8_lead_length (c))
    return;
  r->bad = c == 0 ? BAD_NUL : BAD_UTF8;
  r->bad_pos = e;
  r->bad_source = r->buf_source + e;
}

/*
** Make more checked bytes available at buf[pos], once pos reached valid_end.
** Returns 1 if it did (or an encoding error is next), 0 at the end of input,
** -1 with ERROR set if read(2) failed.
*/
static int
more_input (BitextReader *r, GError **error)
{
  /* Read only when what is left unchecked is at most a cut character. */
  if (r->fd >= 0 && !r->eof && r->len - r->valid_end < 4 && !read_more (r, error))
    return -1;
  if (r->valid_end == r->len)
    return r->eof ? 0 : 1;
  validate (r, r->fd >= 0 ? r->len : MIN (r->len, r->valid_end + READ_SIZE));
  return 1;
}

/*
** Decode UTF-16 P[0,N) (after the BOM) into r->decoded. Stops at the first
** unpaired surrogate, U+0000 or odd last byte and records it in r->bad, so
** that the text before it is still read.
*/
static void
decode_utf16 (BitextReader *r, const guchar *p, gsize n, gboolean big_endian)
{
  gsize i = 0;

  r->decoded = g_string_sized_new (n + n / 2 + 1);
  for (; i + 1 < n; i += 2)
    {
      gunichar u = big_endian ? (p[i] << 8u) | p[i + 1] : p[i] | (p[i + 1] << 8u);
      gunichar lo = 0;
      if (u >= 0xD800 && u < 0xDC00 && i + 3 < n)
        lo = big_endian ? (p[i + 2] << 8u) | p[i + 3] : p[i + 2] | (p[i + 3] << 8u);
      if (u == 0 || (u >= 0xD800 && u < 0xE000 && !(lo >= 0xDC00 && lo < 0xE000)))
        break;
      if (lo != 0)
        {
          u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
          i += 2;
        }
      g_string_append_unichar (r->decoded, u);
    }
  if (i < n)
    {
      gboolean nul = i + 1 < n && p[i] == 0 && p[i + 1] == 0;
      r->bad = nul ? BAD_NUL : BAD_UTF16;
      r->bad_pos = r->decoded->len;
      r->bad_source = 2 + i;
    }
}

/* Read everything left in the file into ALL (for UTF-16, decoded whole). */
static gboolean
read_all (BitextReader *r, GString *all, GError **error)
{
  g_string_append_len (all, r->buf, (gssize) r->len);
  while (!r->eof)
    {
      r->pos = r->len;
      if (!read_more (r, error))
        return FALSE;
      g_string_append_len (all, r->buf, (gssize) r->len);
    }
  return TRUE;
}

/* The input starts with a UTF-16 BOM: decode it all and read the result as memory. */
static gboolean
start_utf16 (BitextReader *r, gboolean big_endian, GError **error)
{
  g_autoptr(GString) all = NULL;
  const char *p = r->buf;
  gsize n = r->len;

  if (r->fd >= 0)
    {
      all = g_string_new (NULL);
      if (!read_all (r, all, error))
        return FALSE;
      p = all->str;
      n = all->len;
    }
  decode_utf16 (r, (const guchar *) p + 2, n - 2, big_endian);
  release_input (r);
  build_u16_index (r);
  r->len = r->valid_end = r->decoded->len;
  r->pos = r->buf_source = r->ni = 0;  /* not checked: every line goes through NFC */
  r->eof = TRUE;
  return TRUE;
}

static gboolean start_input (BitextReader *r, GError **error);

/*
** Whether the input, whose first window is buf[0, len), is for the document
** layer rather than this reader: a format was forced or an encoding given,
** or it is gzip, a structured format, or a text that needs decoding.
*/
static gboolean
needs_document (const BitextReader *r)
{
  if ((r->options.format != BITEXT_FORMAT_AUTO && r->options.format != BITEXT_FORMAT_TEXT)
      || r->options.encoding != NULL)
    return TRUE;
  if (r->len >= 2 && (guchar) r->buf[0] == 0x1F && (guchar) r->buf[1] == 0x8B)
    return TRUE;
  BitextFormat f = r->options.format == BITEXT_FORMAT_TEXT ? BITEXT_FORMAT_TEXT
                   : bitext_format_detect (r->buf, r->len);
  if (f == BITEXT_FORMAT_BINARY)
    return FALSE;  /* this reader says where its first NUL byte is */
  return f != BITEXT_FORMAT_TEXT || !bitext_doc__reads_as_is (r->buf, r->len);
}

/* Read the whole input into a document (bitext_doc__load()); the reader then serves its paragraphs. */
static gboolean
start_document (BitextReader *r, GError **error)
{
  g_autoptr(GString) all = g_string_new (NULL);
  if (r->fd < 0)
    g_string_append_len (all, r->buf, (gssize) r->len);
  else if (!read_all (r, all, error))
    return FALSE;
  release_input (r);
  gsize max = r->options.max_input != 0 ? r->options.max_input : BITEXT_DOCUMENT_MAX_INPUT;
  if (all->len > max)
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: larger than %" G_GSIZE_FORMAT
                   " bytes; not read", r->name, max);
      return FALSE;
    }
  gsize n = all->len;
  gboolean gzip = n >= 2 && (guchar) all->str[0] == 0x1F && (guchar) all->str[1] == 0x8B;
  if (r->options.format != BITEXT_FORMAT_AUTO || r->options.encoding != NULL || gzip
      || bitext_format_detect (all->str, n) != BITEXT_FORMAT_TEXT)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&all), FALSE), n);
      r->doc = bitext_doc__load (r->name, bytes, &r->options, error);
      return r->doc != NULL;
    }
  /* A text that is not UTF-8: decoded if its encoding can be told, else read as it is,
     to report its first bad byte (after the paragraphs before it) with the advice. */
  BitextDecoded *decoded = bitext_doc__decode (r->name, all->str, n, BITEXT_FORMAT_TEXT, NULL,
                                               &r->hint, NULL);
  if (decoded == NULL)
    {
      r->ibuf = g_string_free (g_steal_pointer (&all), FALSE);
      r->ibuf_size = n;
      r->buf = r->ibuf;
      r->len = n;
      r->eof = TRUE;
      r->raw = TRUE;
      return start_input (r, error);
    }
  g_autoptr(GBytes) bytes = g_bytes_new_take (g_string_free (g_steal_pointer (&all), FALSE), n);
  r->doc = bitext_doc__load_decoded (r->name, bytes, decoded, error);
  return r->doc != NULL;
}

/* First call: look at the first bytes for a BOM, or at a window for the document layer. */
static gboolean
start_input (BitextReader *r, GError **error)
{
  r->started = TRUE;
  if (!r->raw)
    {
      while (r->fd >= 0 && !r->eof && r->len < READ_SIZE)
        if (!read_more (r, error))
          return FALSE;
      if (needs_document (r))
        return start_document (r, error);
    }
  while (r->fd >= 0 && !r->eof && r->len < 3)
    if (!read_more (r, error))
      return FALSE;
  if (r->len >= 3 && memcmp (r->buf, "\xEF\xBB\xBF", 3) == 0)
    {
      r->pos = r->valid_end = 3;
      r->line_source = 3;
      map_sync (r, 0, 3);
    }
  else if (r->len >= 2
           && (memcmp (r->buf, "\xFF\xFE", 2) == 0 || memcmp (r->buf, "\xFE\xFF", 2) == 0))
    return start_utf16 (r, r->buf[0] == '\xFE', error);
  return TRUE;
}

/* ---- Lines and paragraphs ----------------------------------------------- */

/* Number of leading spaces and tabs in P[0,N). */
static gsize
blank_prefix (const char *p, gsize n)
{
  gsize i = 0;

  while (i < n && (p[i] == ' ' || p[i] == '\t'))
    i++;
  return i;
}

static void
store_append_newlines (BitextReader *r, gsize k)
{
  gsize at = r->store->len;

  g_string_set_size (r->store, at + k);
  memset (r->store->str + at, '\n', k);
  r->text_end += k;
}

/*
** Drop the front of the store that no position mark needs any more: all of
** it, or a prefix larger than half (so each byte is moved at most once on average).
*/
static void
compact_store (BitextReader *r)
{
  gsize need = r->store_dropped + r->store->len;

  for (guint i = 0; i < r->pos_marks->len; i++)
    {
      const PosMark *m = &g_array_index (r->pos_marks, PosMark, i);
      if (m->buf != NO_BUF)
        {
          need = m->buf;
          break;
        }
    }
  gsize drop = need - r->store_dropped;
  if (drop == r->store->len)
    g_string_truncate (r->store, 0);
  else if (drop > r->store->len / 2)
    g_string_erase (r->store, 0, (gssize) drop);
  else
    return;
  r->store_dropped += drop;
}

/*
** A paragraph starts with the current line. A document stores the blank
** lines before it as '\n'; a reader stores no blank lines at all.
*/
static void
start_paragraph (BitextReader *r)
{
  gsize start = r->text_end + r->pending_nl;

  if (r->keep_text)
    store_append_newlines (r, r->pending_nl);
  else
    {
      compact_store (r);
      r->text_end = start;
    }
  r->in_para = TRUE;
  r->para_text = start;
  r->para_buf = r->store_dropped + r->store->len;
  PosMark m = { start, r->para_buf, r->line, 1 };
  g_array_append_val (r->pos_marks, m);
}

/* The current line is not blank: start or continue a paragraph with it. */
static void
begin_line_content (BitextReader *r)
{
  if (r->in_para)
    store_append (r, "\n", 1);  /* pending_nl is 1: the end of the previous line */
  else
    start_paragraph (r);
  r->pending_nl = 0;
  r->line_idx = r->store->len;
  r->last_content_line = r->line;
}

static void
complete_paragraph (BitextReader *r)
{
  r->cur.text = r->store->str + (r->para_buf - r->store_dropped);
  r->cur.length = r->text_end - r->para_text;
  r->cur.text_offset = r->para_text;
  r->cur.index = r->n_paras++;
  r->in_para = FALSE;
  add_interior_marks (r, r->cur.text, r->cur.length);
  PosMark gap = { r->text_end + 1, NO_BUF, r->last_content_line + 1, 1 };
  g_array_append_val (r->pos_marks, gap);
}

/*
** Replace store[line_idx + FROM, end) by its NFC form, one normalisation
** segment (an inert character and the non-inert ones after it) at a time, so
** that a source mark after each changed segment keeps the map exact at every
** segment boundary.
*/
static void
rewrite_line (BitextReader *r, gsize from)
{
  gsize n = r->store->len - r->line_idx - from;
  g_autofree char *raw = g_memdup2 (r->store->str + r->line_idx + from, n);
  gsize source = r->line_source + from;

  store_truncate (r, r->line_idx + from);
  for (gsize i = 0; i < n;)
    {
      gsize x = i + first_non_inert (raw + i, n - i);
      if (x == n)
        {
          store_append (r, raw + i, n - i);
          break;
        }
      gsize s = x > i ? segment_start (raw, x) : x;
      gsize e = next_inert (raw, n, x);
      store_append (r, raw + i, s - i);
      append_nfc (r, raw + s, e - s);
      map_sync (r, r->text_end, source + e);
      i = e;
    }
}

/*
** Apply NFC to the line just completed, store[line_idx, end). Most lines
** pass with one scan (every character inert); a line with other characters
** is checked with unorm2_isNormalized in runs of about NFC_RUN bytes and
** rewritten from the first run that is not in NFC.
*/
static void
normalize_line (BitextReader *r)
{
  const char *line = r->store->str + r->line_idx;
  gsize n = r->store->len - r->line_idx;

  for (gsize x = first_non_inert (line, n); x < n;)
    {
      gsize a = segment_start (line, x);
      gsize b = MIN (n, x + NFC_RUN);
      while (b < n && is_continuation (line[b]))
        b++;
      if (!is_nfc (r, line + a, b - a))
        {
          rewrite_line (r, a);
          return;
        }
      x = b + first_non_inert (line + b, n - b);
    }
}

/* The current line was blank. Returns TRUE if that completed a paragraph. */
static gboolean
blank_line (BitextReader *r)
{
  if (!r->in_para)
    return FALSE;
  complete_paragraph (r);
  return TRUE;
}

/*
** Add P[0,N) to the current line, whose end is not in the window. Spaces
** and tabs wait in line_ws until something else shows the line is not blank.
*/
static void
append_partial (BitextReader *r, const char *p, gsize n)
{
  r->line_open = TRUE;
  if (!r->line_has_content)
    {
      if (blank_prefix (p, n) == n)
        {
          g_string_append_len (r->line_ws, p, (gssize) n);
          return;
        }
      begin_line_content (r);
      store_append (r, r->line_ws->str, r->line_ws->len);
      g_string_truncate (r->line_ws, 0);
      r->line_has_content = TRUE;
    }
  store_append (r, p, n);
}

/* The current line ends with P[0,N). Returns TRUE if a paragraph was completed. */
static gboolean
end_line (BitextReader *r, const char *p, gsize n)
{
  gboolean needs_nfc = r->line_needs_nfc;

  r->line_needs_nfc = FALSE;
  if (!r->line_open)
    {
      if (blank_prefix (p, n) == n)
        return blank_line (r);
      begin_line_content (r);
      store_append (r, p, n);
    }
  else
    {
      append_partial (r, p, n);
      r->line_open = FALSE;
      if (!r->line_has_content)
        {
          g_string_truncate (r->line_ws, 0);
          return blank_line (r);
        }
      r->line_has_content = FALSE;
    }
  if (needs_nfc)
    normalize_line (r);
  return FALSE;
}

/* A line terminator ends just before buf[pos]: the next line starts there. */
static void
start_next_line (BitextReader *r)
{
  r->line++;
  r->pending_nl++;
  r->line_source = r->buf_source + r->pos;
  map_sync (r, r->text_end + r->pending_nl, r->line_source);
}

static gsize
find_byte (const BitextReader *r, char c)
{
  const char *p = memchr (r->buf + r->pos, c, r->valid_end - r->pos);
  return p != NULL ? (gsize) (p - r->buf) : r->valid_end;
}

/* Offset of the next LF or CR in buf[pos, valid_end), or valid_end. */
static gsize
find_eol (BitextReader *r)
{
  if (!r->eol_cached || r->nl < r->pos)
    r->nl = find_byte (r, '\n');
  if (!r->eol_cached || r->cr < r->pos)
    r->cr = find_byte (r, '\r');
  r->eol_cached = TRUE;
  return MIN (r->nl, r->cr);
}

/*
** Scan the checked bytes buf[pos, valid_end) line by line. Returns TRUE as
** soon as a paragraph is complete (in r->cur), FALSE once they are used up.
*/
static gboolean
scan_lines (BitextReader *r)
{
  while (r->pos < r->valid_end)
    {
      const char *b = r->buf;
      if (G_UNLIKELY (r->skip_lf))
        {
          r->skip_lf = FALSE;
          if (b[r->pos] == '\n')
            {
              r->pos++;
              r->line_source++;
              map_sync (r, r->text_end + r->pending_nl, r->line_source);
              continue;
            }
        }
      gsize eol = find_eol (r);
      r->line_needs_nfc |= eol > r->ni;
      if (eol == r->valid_end)
        {
          append_partial (r, b + r->pos, eol - r->pos);
          r->pos = eol;
          return FALSE;
        }
      gboolean complete = end_line (r, b + r->pos, eol - r->pos);
      r->pos = eol + 1;
      if (b[eol] == '\r' && r->pos == r->valid_end)
        r->skip_lf = TRUE;
      else if (b[eol] == '\r' && b[r->pos] == '\n')
        r->pos++;
      start_next_line (r);
      if (complete)
        return TRUE;
    }
  return FALSE;
}

/* The input ended: end its last line. Returns TRUE if a paragraph was completed. */
static gboolean
finish_input (BitextReader *r)
{
  r->finished = TRUE;
  release_input (r);
  if (r->line_open && end_line (r, "", 0))
    return TRUE;
  if (!r->in_para)
    return FALSE;
  complete_paragraph (r);
  return TRUE;
}

static gboolean
set_encoding_error (BitextReader *r, GError **error)
{
  static const char *const what[] = {
    [BAD_UTF8] = "invalid UTF-8",
    [BAD_UTF16] = "invalid UTF-16",
    [BAD_NUL] = "NUL byte: not a text file",
  };
  gsize column = 1 + (r->line_has_content
                      ? count_chars (r->store->str + r->line_idx, r->store->len - r->line_idx)
                      : r->line_ws->len);

  g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_ENCODING,
               "%s:%u:%" G_GSIZE_FORMAT ": %s (byte offset %" G_GSIZE_FORMAT ")%s%s", r->name,
               r->line, column, what[r->bad], r->bad_source,
               r->hint != NULL && r->bad == BAD_UTF8 ? "; " : "",
               r->hint != NULL && r->bad == BAD_UTF8 ? r->hint : "");
  return FALSE;
}

/*
** Scan until a paragraph is complete (TRUE, in r->cur), the input ends
** (FALSE) or fails (FALSE, ERROR set). Encoding errors are raised only once
** everything before them has been scanned.
*/
static gboolean
read_paragraph (BitextReader *r, GError **error)
{
  if (!r->started && !start_input (r, error))
    return FALSE;
  if (r->doc != NULL)
    {
      if (r->doc_next >= bitext_document_get_n_paragraphs (r->doc))
        {
          r->finished = TRUE;
          return FALSE;
        }
      BitextSpan span = bitext_document_get_paragraph (r->doc, r->doc_next);
      g_string_assign (r->store, "");
      g_string_append_len (r->store, bitext_document_get_text (r->doc, NULL) + span.offset,
                           (gssize) span.length);
      r->cur.text = r->store->str;
      r->cur.length = span.length;
      r->cur.text_offset = span.offset;
      r->cur.index = r->doc_next++;
      return TRUE;
    }
  for (;;)
    {
      if (scan_lines (r))
        return TRUE;
      if (r->bad != BAD_NONE && r->pos == r->bad_pos)
        return set_encoding_error (r, error);
      int more = more_input (r, error);
      if (more < 0)
        return FALSE;
      if (more == 0)
        return finish_input (r);
    }
}

/* ---- Reader API --------------------------------------------------------- */

static BitextReader *
reader_new (const char *name)
{
  init_tables ();
  BitextReader *r = g_new0 (BitextReader, 1);
  r->name = g_strdup (name);
  r->fd = -1;
  r->line = 1;
  r->line_ws = g_string_new (NULL);
  r->store = g_string_new (NULL);
  r->src_marks = g_array_new (FALSE, FALSE, sizeof (SourceMark));
  r->pos_marks = g_array_new (FALSE, FALSE, sizeof (PosMark));
  SourceMark s = { 0, 0 };
  PosMark p = { 0, NO_BUF, 1, 1 };
  g_array_append_val (r->src_marks, s);
  g_array_append_val (r->pos_marks, p);
  return r;
}

/* Accept a regular file, a pipe or a character device; refuse anything else. */
static gboolean
check_file_type (int fd, const char *path, const char *name, GError **error)
{
  struct stat st;

  if ((fd >= 0 ? fstat (fd, &st) : stat (path, &st)) != 0)
    {
      set_io_error (error, name, errno);
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: is a directory", name);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode) && !S_ISFIFO (st.st_mode) && !S_ISCHR (st.st_mode))
    {
      g_set_error (error, BITEXT_ERROR, BITEXT_ERROR_INPUT, "%s: not a regular file", name);
      return FALSE;
    }
  return TRUE;
}

/* Open PATH, or take standard input for "-"; -1 with ERROR set if it cannot be read. */
static int
open_input (const char *path, const char *name, GError **error)
{
  if (strcmp (path, "-") == 0)
    return check_file_type (STDIN_FILENO, NULL, name, error) ? STDIN_FILENO : -1;
  /* stat(2) first: open(2) fails on a socket with a less helpful ENXIO. */
  if (!check_file_type (-1, path, name, error))
    return -1;
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    set_io_error (error, name, errno);
  else if (!check_file_type (fd, NULL, name, error))  /* replaced since stat(2) */
    {
      close (fd);
      return -1;
    }
  return fd;
}

/* Keep a copy of @options (NULL: the defaults) in @r. */
static void
set_options (BitextReader *r, const BitextDocumentOptions *options)
{
  BitextDocumentOptions defaults = BITEXT_DOCUMENT_OPTIONS_INIT;
  r->options = options != NULL ? *options : defaults;
  r->encoding = g_strdup (r->options.encoding);
  r->options.encoding = r->encoding;
}

/**
 * bitext_reader_new_for_path_with_options:
 * @path: (type filename): the file to read, or "-" for standard input
 * @options: (nullable): the format and encoding, if not detected
 * @error: return location for a #GError
 *
 * Opens @path for reading paragraph by paragraph. Only opening can fail
 * here (%G_FILE_ERROR, or %BITEXT_ERROR_INPUT for a directory or another
 * file that is not regular, a pipe or a character device); reading and
 * encoding errors come from bitext_reader_next_paragraph(). Standard input
 * is named "<stdin>" in messages and is not closed.
 *
 * UTF-8 and UTF-16 (with a BOM) text is read as a stream, in bounded
 * memory. Any other input (gzip, HTML, a man page, a text in another
 * encoding... as bitext_format_detect() tells from the first 256 KiB, or
 * @options force) is read whole into a document first
 * (bitext_document_load_with_options()) and its paragraphs handed out;
 * source offsets then count the bytes of the decompressed input.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
BitextReader *
bitext_reader_new_for_path_with_options (const char *path, const BitextDocumentOptions *options,
                                         GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gboolean is_stdin = strcmp (path, "-") == 0;
  const char *name = is_stdin ? "<stdin>" : path;
  int fd = open_input (path, name, error);
  if (fd < 0)
    return NULL;
  BitextReader *r = reader_new (name);
  set_options (r, options);
  r->fd = fd;
  r->own_fd = !is_stdin;
  struct stat st;
  off_t at = lseek (fd, 0, SEEK_CUR);
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && at >= 0 && at <= st.st_size)
    {
      r->regular = TRUE;
      r->size_at_open = st.st_size;
      r->bytes_at_open = st.st_size - at;
      r->mtime_at_open = st.st_mtim;
    }
  /* A file smaller than a read gets a buffer its size (and a page at least, a read's worth
     for a file that grows): a short file does not cost a 256 KiB allocation. */
  r->ibuf_size = r->regular ? (gsize) MIN ((goffset) READ_SIZE, MAX (r->bytes_at_open + 1, 4096))
                            : READ_SIZE;
  r->ibuf = g_malloc (r->ibuf_size);
  r->buf = r->ibuf;
  return r;
}

/**
 * bitext_reader_new_for_path:
 * @path: (type filename): the file to read, or "-" for standard input
 * @error: return location for a #GError
 *
 * bitext_reader_new_for_path_with_options() with the defaults: the format
 * and the encoding are detected.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with @error set
 */
BitextReader *
bitext_reader_new_for_path (const char *path, GError **error)
{
  return bitext_reader_new_for_path_with_options (path, NULL, error);
}

static BitextReader *
reader_new_for_data (const char *name, const void *data, gsize length,
                     const BitextDocumentOptions *options)
{
  BitextReader *r = reader_new (name != NULL ? name : "<data>");
  set_options (r, options);
  r->buf = data != NULL ? data : "";
  r->len = length;
  r->eof = TRUE;
  return r;
}

/**
 * bitext_reader_new_for_data:
 * @name: (nullable): the name used in error messages ("<data>" if %NULL)
 * @data: (array length=length): the bytes; borrowed, must outlive the reader
 * @length: the number of bytes
 *
 * Returns: (transfer full): a reader over @data, which behaves exactly like
 *   one over a file holding the same bytes
 */
BitextReader *
bitext_reader_new_for_data (const char *name, const void *data, gsize length)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  return reader_new_for_data (name, data, length, NULL);
}

/**
 * bitext_reader_free:
 * @reader: (nullable) (transfer full): a reader
 *
 * Closes the file (not standard input) and frees everything.
 */
void
bitext_reader_free (BitextReader *reader)
{
  if (reader == NULL)
    return;
  release_input (reader);
  g_free (reader->name);
  g_clear_error (&reader->failure);
  if (reader->decoded != NULL)
    g_string_free (reader->decoded, TRUE);
  g_clear_pointer (&reader->u16_index, g_array_unref);
  g_string_free (reader->line_ws, TRUE);
  g_string_free (reader->store, TRUE);
  g_array_unref (reader->src_marks);
  g_array_unref (reader->pos_marks);
  g_free (reader->encoding);
  g_free (reader->hint);
  bitext_document_free (reader->doc);
  g_free (reader);
}

/**
 * bitext_reader_get_name:
 * @reader: a reader
 *
 * Returns: (transfer none): the name used in messages: the path, "<stdin>"
 *   or the name given to bitext_reader_new_for_data()
 */
const char *
bitext_reader_get_name (const BitextReader *reader)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return reader->name;
}

/**
 * bitext_reader_get_format:
 * @reader: a reader
 *
 * Returns: the format the input is read as: %BITEXT_FORMAT_TEXT until the
 *   first paragraph has been asked for, then the format detected or forced
 */
BitextFormat
bitext_reader_get_format (const BitextReader *reader)
{
  g_return_val_if_fail (reader != NULL, BITEXT_FORMAT_TEXT);
  return reader->doc != NULL ? bitext_document_get_format (reader->doc) : BITEXT_FORMAT_TEXT;
}

/**
 * bitext_reader_next_paragraph:
 * @reader: a reader
 * @para: (out caller-allocates): the next paragraph
 * @error: return location for a #GError
 *
 * Reads the next paragraph. Its text is borrowed, NUL-terminated and valid
 * until the next call. An encoding error (%BITEXT_ERROR_ENCODING, with
 * "NAME:LINE:COLUMN:" and the byte offset) is reported once the paragraphs
 * before it have been returned; after an error every call fails with it.
 *
 * The reader keeps the text of the paragraphs returned since the last
 * bitext_reader_forget() to answer position queries, so a streaming caller
 * should call bitext_reader_forget() once it is done with a paragraph;
 * memory then stays bounded by the longest paragraph (two at most).
 *
 * Returns: %TRUE with @para filled, %FALSE at the end of input (@error
 *   unset) or on error (@error set)
 */
gboolean
bitext_reader_next_paragraph (BitextReader *reader, BitextParagraph *para, GError **error)
{
  g_return_val_if_fail (reader != NULL && para != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (reader->failure != NULL)
    {
      g_propagate_error (error, g_error_copy (reader->failure));
      return FALSE;
    }
  GError *local = NULL;
  if (!reader->finished && read_paragraph (reader, &local))
    {
      *para = reader->cur;
      return TRUE;
    }
  if (local != NULL)
    {
      release_input (reader);
      reader->failure = g_error_copy (local);
      g_propagate_error (error, local);
      return FALSE;
    }
  if (reader->keep_text)
    store_append_newlines (reader, reader->pending_nl);
  reader->pending_nl = 0;
  return FALSE;
}

/**
 * bitext_reader_get_source_offset:
 * @reader: a reader
 * @text_offset: a text offset at a character boundary, at least the last
 *   value given to bitext_reader_forget() and at most the end of the last
 *   paragraph returned
 *
 * Maps a text offset back to the input as it is on disk: the BOM, CRLF, the
 * spaces of blank lines, NFC and UTF-16 are accounted for. The end of a
 * paragraph maps to the byte just after its last byte.
 *
 * Returns: the byte offset in the input
 */
gsize
bitext_reader_get_source_offset (const BitextReader *reader, gsize text_offset)
{
  g_return_val_if_fail (reader != NULL, 0);

  if (reader->doc != NULL)
    return bitext_document_get_source_offset (reader->doc, text_offset);
  const SourceMark *m = &g_array_index (reader->src_marks, SourceMark,
                                        find_mark (reader->src_marks, text_offset));
  gsize source = m->source + (MAX (text_offset, m->text) - m->text);
  return reader->decoded != NULL ? utf16_offset (reader, source) : source;
}

/**
 * bitext_reader_get_position:
 * @reader: a reader
 * @text_offset: as for bitext_reader_get_source_offset()
 *
 * Returns: the 1-based line and column of @text_offset in the input. Lines
 *   are those of the input (a lone CR ends one too); the column counts code
 *   points of the normalised line, which differs from the input only where
 *   NFC changed the line.
 */
BitextPosition
bitext_reader_get_position (const BitextReader *reader, gsize text_offset)
{
  BitextPosition pos = { 0, 0 };
  g_return_val_if_fail (reader != NULL, pos);

  if (reader->doc != NULL)
    return bitext_document_get_position (reader->doc, text_offset);
  const PosMark *m = &g_array_index (reader->pos_marks, PosMark,
                                     find_mark (reader->pos_marks, text_offset));
  gsize t = MAX (text_offset, m->text) - m->text;
  pos.line = m->line;
  pos.column = m->column;
  if (m->buf == NO_BUF)
    {
      pos.line += (guint) t;
      return pos;
    }
  gsize idx = m->buf - reader->store_dropped;
  gsize from = 0;
  if (reader->memo_pos.line != 0 && reader->memo_mark == m->text
      && reader->memo_text >= m->text && reader->memo_text - m->text <= t)
    {
      from = reader->memo_text - m->text;
      pos = reader->memo_pos;
    }
  gsize avail = reader->store->len - idx;
  if (from < avail)
    advance_position (&pos.line, &pos.column, reader->store->str + idx + from,
                      MIN (t, avail) - from);
  /* A memo, not a change of state: the answers are the same with or without it. */
  BitextReader *memo = (BitextReader *) reader;
  memo->memo_mark = m->text;
  memo->memo_text = m->text + MAX (from, MIN (t, avail));
  memo->memo_pos = pos;
  return pos;
}

/**
 * bitext_reader_forget:
 * @reader: a reader
 * @text_offset: no offset below this will be asked about again
 *
 * Lets @reader drop the maps and the text it keeps for offsets below
 * @text_offset.
 */
void
bitext_reader_forget (BitextReader *reader, gsize text_offset)
{
  g_return_if_fail (reader != NULL);

  if (reader->doc != NULL)
    return;
  guint i = find_mark (reader->src_marks, text_offset);
  if (i > 0)
    g_array_remove_range (reader->src_marks, 0, i);
  i = find_mark (reader->pos_marks, text_offset);
  if (i > 0)
    g_array_remove_range (reader->pos_marks, 0, i);
}

/*
** The text [@text_offset, +@length) of a paragraph returned since the last
** bitext_reader_forget(), where it is kept: in the store, or in the document
** the reader serves. Borrowed until the next bitext_reader_next_paragraph(),
** which may move the store; NULL if that text is no longer kept. Lets a
** caller keep a paragraph by its offset rather than copy it.
*/
const char *
bitext_reader__peek_text (const BitextReader *r, gsize text_offset, gsize length)
{
  if (r->doc != NULL)
    return bitext_document_get_text (r->doc, NULL) + text_offset;
  const PosMark *m = &g_array_index (r->pos_marks, PosMark,
                                     find_mark (r->pos_marks, text_offset));
  if (m->text > text_offset || m->buf == NO_BUF || m->buf < r->store_dropped)
    return NULL;
  gsize idx = m->buf - r->store_dropped + (text_offset - m->text);
  if (idx > r->store->len || r->store->len - idx < length)
    return NULL;
  return r->store->str + idx;
}

/* For tests: call @hook after each read(2) of the file that got bytes. */
void
bitext_reader__set_read_hook (BitextReader *r, void (*hook) (gpointer data), gpointer data)
{
  r->read_hook = hook;
  r->read_hook_data = data;
}

/* ---- Document ----------------------------------------------------------- */

/* Read all of READER (taken) into a new document, or take the document it made. */
static BitextDocument *
document_read (BitextReader *reader, GError **error)
{
  g_autoptr(BitextReader) r = reader;
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (BitextSpan));
  BitextParagraph para;
  GError *local = NULL;

  r->keep_text = TRUE;
  if (!r->started && !start_input (r, &local))
    {
      release_input (r);
      g_propagate_error (error, local);
      return NULL;
    }
  if (r->doc != NULL)
    return g_steal_pointer (&r->doc);
  while (bitext_reader_next_paragraph (r, &para, &local))
    {
      BitextSpan span = { para.text_offset, para.length };
      g_array_append_val (spans, span);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  BitextDocument *doc = g_new0 (BitextDocument, 1);
  doc->format = BITEXT_FORMAT_TEXT;
  doc->reader = g_steal_pointer (&r);
  doc->paragraphs = g_steal_pointer (&spans);
  return doc;
}

/* A reader of @data as UTF-8 or UTF-16 text, without detection (tests of the UTF-8 checks). */
BitextReader *
bitext_reader__new_raw (const char *name, const char *data, gsize length)
{
  BitextReader *r = reader_new_for_data (name, data, length, NULL);
  r->raw = TRUE;
  return r;
}

/* A plain UTF-8 or UTF-16 text, read as it is (the document layer has looked at it). */
BitextDocument *
bitext_document__read_text (const char *name, const char *data, gsize length, GError **error)
{
  return document_read (bitext_reader__new_raw (name, data, length), error);
}

/**
 * bitext_document_load_with_options:
 * @path: (type filename): the file to load, or "-" for standard input
 * @options: (nullable): the format and encoding, if not detected
 * @error: return location for a #GError
 *
 * Loads a whole input of any format bitext reads (gzip'd or not): its
 * text, paragraphs, inline codes and map back to the file. A format bitext
 * cannot read fails with one line saying what the file is and what to do
 * (%BITEXT_ERROR_INPUT); a text whose encoding is unclear with
 * %BITEXT_ERROR_ENCODING naming the likely encodings.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
BitextDocument *
bitext_document_load_with_options (const char *path, const BitextDocumentOptions *options,
                                   GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  BitextReader *reader = bitext_reader_new_for_path_with_options (path, options, error);
  return reader != NULL ? document_read (reader, error) : NULL;
}

/**
 * bitext_document_load:
 * @path: (type filename): the file to load, or "-" for standard input
 * @error: return location for a #GError
 *
 * Loads and normalises a whole file, detecting its format and encoding;
 * see bitext_document_load_with_options() and bitext_document_new_for_data().
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   set as by bitext_reader_new_for_path() and bitext_reader_next_paragraph()
 */
BitextDocument *
bitext_document_load (const char *path, GError **error)
{
  return bitext_document_load_with_options (path, NULL, error);
}

/**
 * bitext_document_new_for_data_with_options:
 * @name: (nullable): the name used in error messages
 * @data: (array length=length): the bytes; only read during the call
 * @length: the number of bytes
 * @options: (nullable): the format and encoding, if not detected
 * @error: return location for a #GError
 *
 * As bitext_document_load_with_options(), for an input in memory.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
BitextDocument *
bitext_document_new_for_data_with_options (const char *name, const void *data, gsize length,
                                           const BitextDocumentOptions *options, GError **error)
{
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return document_read (reader_new_for_data (name, data, length, options), error);
}

/**
 * bitext_document_new_for_data:
 * @name: (nullable): the name used in error messages
 * @data: (array length=length): the bytes; only read during the call
 * @length: the number of bytes
 * @error: return location for a #GError
 *
 * Normalises a whole input in memory. The document's text is the complete
 * normalised text, trailing newlines included: paragraphs at their text
 * offsets, one '\n' per line break between them. Empty input gives an empty
 * text and no paragraphs. Other formats than text are detected as by
 * bitext_document_load().
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error set
 */
BitextDocument *
bitext_document_new_for_data (const char *name, const void *data, gsize length, GError **error)
{
  return bitext_document_new_for_data_with_options (name, data, length, NULL, error);
}

/**
 * bitext_document_free:
 * @doc: (nullable) (transfer full): a document
 */
void
bitext_document_free (BitextDocument *doc)
{
  if (doc == NULL)
    return;
  bitext_reader_free (doc->reader);
  g_clear_pointer (&doc->paragraphs, g_array_unref);
  DocConverted *c = &doc->conv;
  g_free (c->name);
  if (c->text != NULL)
    g_string_free (c->text, TRUE);
  g_clear_pointer (&c->paragraphs, g_array_unref);
  g_clear_pointer (&c->marks, g_array_unref);
  g_clear_pointer (&c->codes, g_array_unref);
  g_clear_pointer (&c->strings, g_string_chunk_free);
  g_clear_pointer (&c->line_starts, g_array_unref);
  bitext_doc__decoded_free (doc->decoded);
  g_clear_pointer (&doc->input, g_bytes_unref);
  g_free (doc);
}

/**
 * bitext_document_get_name:
 * @doc: a document
 *
 * Returns: (transfer none): the name used in messages
 */
const char *
bitext_document_get_name (const BitextDocument *doc)
{
  g_return_val_if_fail (doc != NULL, NULL);
  return doc->reader != NULL ? doc->reader->name : doc->conv.name;
}

/**
 * bitext_document_get_format:
 * @doc: a document
 *
 * Returns: the format it was read as (never %BITEXT_FORMAT_AUTO)
 */
BitextFormat
bitext_document_get_format (const BitextDocument *doc)
{
  g_return_val_if_fail (doc != NULL, BITEXT_FORMAT_TEXT);
  return doc->format;
}

/**
 * bitext_document_get_text:
 * @doc: a document
 * @length: (out) (optional): the length of the text in bytes
 *
 * Returns: (transfer none): the normalised text, NUL-terminated
 */
const char *
bitext_document_get_text (const BitextDocument *doc, gsize *length)
{
  g_return_val_if_fail (doc != NULL, NULL);
  const GString *text = doc->reader != NULL ? doc->reader->store : doc->conv.text;
  if (length != NULL)
    *length = text->len;
  return text->str;
}

static const GArray *
paragraphs (const BitextDocument *doc)
{
  return doc->reader != NULL ? doc->paragraphs : doc->conv.paragraphs;
}

/**
 * bitext_document_get_n_paragraphs:
 * @doc: a document
 *
 * Returns: the number of paragraphs
 */
guint
bitext_document_get_n_paragraphs (const BitextDocument *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return paragraphs (doc)->len;
}

/**
 * bitext_document_get_paragraph:
 * @doc: a document
 * @index: less than bitext_document_get_n_paragraphs()
 *
 * Returns: the span of paragraph @index in the text
 */
BitextSpan
bitext_document_get_paragraph (const BitextDocument *doc, guint index)
{
  BitextSpan none = { 0, 0 };
  g_return_val_if_fail (doc != NULL && index < paragraphs (doc)->len, none);
  return g_array_index (paragraphs (doc), BitextSpan, index);
}

/* The offset in the decoded input (the converter's, or the reader's) of @text_offset. */
static gsize
decoded_offset (const BitextDocument *doc, gsize text_offset)
{
  if (doc->reader != NULL)
    return bitext_reader_get_source_offset (doc->reader, text_offset);
  return bitext_doc__converted_source (&doc->conv, text_offset);
}

/**
 * bitext_document_get_source_offset:
 * @doc: a document
 * @text_offset: any offset of the text, at a character boundary
 *
 * Returns: the byte offset of @text_offset in the input, as for
 *   bitext_reader_get_source_offset(). For a gzip'd input it counts the
 *   decompressed bytes; for DOCX, ODT and PDF, see their converters.
 */
gsize
bitext_document_get_source_offset (const BitextDocument *doc, gsize text_offset)
{
  g_return_val_if_fail (doc != NULL, 0);
  gsize d = decoded_offset (doc, text_offset);
  return doc->decoded != NULL ? bitext_doc__decoded_to_input (doc->decoded, d) : d;
}

/* Line and column of decoded offset @d of a converted document (0:0 if it has no lines). */
static BitextPosition
converted_position (const BitextDocument *doc, gsize d)
{
  BitextPosition pos = { 0, 0 };
  const GArray *starts = doc->conv.line_starts;
  if (starts == NULL)
    return pos;
  guint lo = bitext_doc__find_floor (starts, d);
  gsize length;
  const char *text = doc->decoded != NULL ? bitext_doc__decoded_get_text (doc->decoded, &length)
                                          : g_bytes_get_data (doc->input, &length);
  gsize start = g_array_index (starts, gsize, lo);
  pos.line = lo + 1;
  pos.column = 1 + (guint) g_utf8_strlen (text + start, (gssize) (MIN (d, length) - start));
  return pos;
}

/**
 * bitext_document_get_position:
 * @doc: a document
 * @text_offset: any offset of the text, at a character boundary
 *
 * Returns: the line and column of @text_offset in the input, as for
 *   bitext_reader_get_position(); {0, 0} for binary formats (DOCX, ODT, PDF)
 */
BitextPosition
bitext_document_get_position (const BitextDocument *doc, gsize text_offset)
{
  BitextPosition none = { 0, 0 };
  g_return_val_if_fail (doc != NULL, none);
  if (doc->reader != NULL)
    return bitext_reader_get_position (doc->reader, text_offset);
  return converted_position (doc, decoded_offset (doc, text_offset));
}

/**
 * bitext_document_get_codes:
 * @doc: a document
 * @n_codes: (out): the number of codes
 *
 * Returns: (transfer none) (array length=n_codes): the inline codes, sorted
 *   by text offset; none for a plain text
 */
const BitextCode *
bitext_document_get_codes (const BitextDocument *doc, guint *n_codes)
{
  g_return_val_if_fail (doc != NULL && n_codes != NULL, NULL);
  const GArray *codes = doc->reader != NULL ? NULL : doc->conv.codes;
  *n_codes = codes != NULL ? codes->len : 0;
  return codes != NULL ? (const BitextCode *) (void *) codes->data : NULL;
}

/**
 * bitext_document_dup_markup:
 * @doc: a document
 * @offset: the start of a span of the text (a segment's)
 * @length: its length in bytes
 *
 * The span as TMX 1.4b inline markup (the content of a <seg>): its text
 * escaped, and the inline codes that belong to it as <bpt>/<ept> (an
 * OPEN and CLOSE both in the span), <it> (one of them only) or <ph>,
 * numbered from 1 in the span, their native markup as content. Codes that
 * wrap the whole span or stand alone at one of its edges are left out, as
 * CAT tools leave them out of a segment.
 *
 * Returns: (transfer full) (nullable): the markup, or %NULL for a plain
 *   text (the caller makes markup of its text as it does of any text)
 */
char *
bitext_document_dup_markup (const BitextDocument *doc, gsize offset, gsize length)
{
  g_return_val_if_fail (doc != NULL, NULL);
  if (doc->reader != NULL)
    return NULL;
  g_return_val_if_fail (offset + length <= doc->conv.text->len, NULL);
  return bitext_doc__converted_markup (&doc->conv, offset, offset + length);
}
