/* bitext — statistics over a stream of translation units (bitext tm stats).
 *
 * Everything is counted in one pass with constant memory, except the
 * duplicate count, which keeps 64-bit hashes of sources and pairs in two
 * open-addressing tables of bounded size (see HashMap below). With 64-bit
 * hashes the chance of one false duplicate among a million units is about
 * 3e-8 (birthday bound n^2 / 2^65).
 */
#include "bitext/tm.h"

#include <string.h>

#include "tmx-private.h"

#define LENGTH_BUCKETS 65536

/*
** Duplicates are found with one table keyed by the source's hash, holding
** 32 bits of the hash of the first pair seen with it: a new unit costs one
** lookup (one cache miss) unless its source came before with another target;
** only those extra pairs go to a second table. The source table stops
** growing at 2^21 slots (24 MiB: about 1.5 million distinct sources), the
** other at 2^19 (6 MiB): with the 12 MiB table that a last doubling frees,
** `bitext tm stats` stays under 64 MiB whatever the file's size. Past it, new keys are no longer stored, and the duplicate counts
** become lower bounds (BitextTmSummary.duplicates_exact).
*/
typedef struct __attribute__ ((packed))
{
  guint64 key;                /* 0 = empty; a hash of 0 is stored as 1 */
  guint32 value;              /* low half of the first pair's hash: 12-byte slots */
} Slot;

typedef struct
{
  Slot *slots;
  gsize mask;
  gsize n;
  gsize max_slots;
  gboolean full;
} HashMap;

typedef struct
{
  BitextTmLengths lengths;
  guint64 *histogram;         /* LENGTH_BUCKETS counts, the last one for "longer" */
} LengthAcc;

struct _BitextTmStats
{
  char *want_src;             /* as asked; NULL: from the file */
  char *want_tgt;
  char *src_lang;             /* as found */
  char *tgt_lang;
  BitextTmSummary summary;
  LengthAcc src, tgt;
  HashMap sources;            /* source hash -> hash of its first pair */
  HashMap pairs;              /* the other pairs of sources seen before */
  GHashTable *languages;      /* tag (case-insensitive) -> guint64 count */
};

/*
** A 64-bit hash of @length bytes, eight at a time. The mixing constants and
** the finaliser are splitmix64's (Steele, Lea & Flood, "Fast splittable
** pseudorandom number generators", OOPSLA 2014).
*/
static guint64
hash_bytes (const char *data, gsize length)
{
  guint64 h = 0x9E3779B97F4A7C15ull ^ (length * 0xBF58476D1CE4E5B9ull);
  gsize i = 0;
  for (; i + 8 <= length; i += 8)
    {
      guint64 w;
      memcpy (&w, data + i, 8);
      h = (h ^ w) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 32;
    }
  guint64 tail = 0;
  memcpy (&tail, data + i, length - i);
  h = (h ^ tail) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 30;
  h *= 0xBF58476D1CE4E5B9ull;
  h ^= h >> 27;
  h *= 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

static Slot *
map_slot (HashMap *map, guint64 key)
{
  gsize i = (gsize) key & map->mask;
  while (map->slots[i].key != 0 && map->slots[i].key != key)
    i = (i + 1) & map->mask;
  return &map->slots[i];
}

/* Grow at 3/4 load: linear probing stays short (Knuth, TAOCP 3, 6.4). */
static void
map_grow (HashMap *map)
{
  gsize old_size = map->slots != NULL ? map->mask + 1 : 0;
  Slot *old = map->slots;
  gsize size = old_size != 0 ? old_size * 2 : 1024;
  map->slots = g_new0 (Slot, size);
  map->mask = size - 1;
  for (gsize i = 0; i < old_size; i++)
    if (old[i].key != 0)
      *map_slot (map, old[i].key) = old[i];
  g_free (old);
}

/*
** The slot of @key: found (key set), or empty where it may be stored
** (key 0), or NULL when it is absent and the map is full.
*/
static Slot *
map_lookup (HashMap *map, guint64 key)
{
  gboolean crowded = map->slots == NULL || (map->n + 1) * 4 > (map->mask + 1) * 3;
  if (crowded && (map->slots == NULL || map->mask + 1 < map->max_slots))
    map_grow (map);
  else if (crowded)
    map->full = TRUE;
  Slot *slot = map_slot (map, key);
  return slot->key == 0 && map->full ? NULL : slot;
}

/* Insert @key; returns TRUE if it was there already. */
static gboolean
map_add (HashMap *map, guint64 key, guint32 value)
{
  key = key != 0 ? key : 1;
  Slot *slot = map_lookup (map, key);
  if (slot == NULL || slot->key != 0)
    return slot != NULL;
  slot->key = key;
  slot->value = value;
  map->n++;
  return FALSE;
}

static guint
lang_hash (gconstpointer key)
{
  guint h = 5381;
  for (const char *p = key; *p != '\0'; p++)
    h = h * 33 + (guchar) g_ascii_tolower (*p);
  return h;
}

static gboolean
lang_equal (gconstpointer a, gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

/**
 * bitext_tm_stats_new:
 * @src_lang: (nullable): the source language; %NULL: each unit's srclang, else the header's
 * @tgt_lang: (nullable): the target language; %NULL: the first other language of the first unit
 *
 * Returns: (transfer full): an empty accumulator
 */
BitextTmStats *
bitext_tm_stats_new (const char *src_lang, const char *tgt_lang)
{
  BitextTmStats *stats = g_new0 (BitextTmStats, 1);
  stats->want_src = g_strdup (src_lang);
  stats->want_tgt = g_strdup (tgt_lang);
  stats->languages = g_hash_table_new_full (lang_hash, lang_equal, g_free, g_free);
  stats->src.lengths.min = stats->tgt.lengths.min = G_MAXUINT;
  stats->sources.max_slots = (gsize) 1 << 21;
  stats->pairs.max_slots = (gsize) 1 << 19;
  return stats;
}

void
bitext_tm_stats_free (BitextTmStats *stats)
{
  if (stats == NULL)
    return;
  g_free (stats->want_src);
  g_free (stats->want_tgt);
  g_free (stats->src_lang);
  g_free (stats->tgt_lang);
  g_free (stats->src.histogram);
  g_free (stats->tgt.histogram);
  g_free (stats->pairs.slots);
  g_free (stats->sources.slots);
  g_hash_table_unref (stats->languages);
  g_free (stats);
}

/**
 * bitext_tm_unit_choose_source:
 * @header: (nullable): the memory the unit belongs to (for the header's srclang)
 * @src_lang: (nullable): the language wanted, or %NULL for the unit's srclang, else
 *   the header's; when that is "*all*" or names no variant, the first variant
 *
 * Returns: (transfer none) (nullable): the source variant
 */
BitextTmVariant *
bitext_tm_unit_choose_source (const BitextTmUnit *unit, const BitextTm *header,
                              const char *src_lang)
{
  g_return_val_if_fail (unit != NULL, NULL);
  if (src_lang != NULL)
    return bitext_tm_unit_lookup_variant (unit, src_lang);
  src_lang = bitext_tm_unit_get_attr (unit, "srclang");
  if (src_lang == NULL && header != NULL)
    src_lang = bitext_tm_get_src_lang (header);
  BitextTmVariant *v = src_lang != NULL ? bitext_tm_unit_lookup_variant (unit, src_lang) : NULL;
  /* "*all*", or a file's srclang that names no variant (Olifant writes "all"). */
  if (v == NULL && unit->variants->len > 0)
    v = g_ptr_array_index (unit->variants, 0);
  return v;
}

/**
 * bitext_tm_unit_choose_target:
 * @source: the source variant
 * @tgt_lang: (nullable): the language wanted, or %NULL for the first variant in
 *   another language than @source's
 *
 * Returns: (transfer none) (nullable): the target variant, never @source
 */
BitextTmVariant *
bitext_tm_unit_choose_target (const BitextTmUnit *unit, const BitextTmVariant *source,
                              const char *tgt_lang)
{
  g_return_val_if_fail (unit != NULL && source != NULL, NULL);
  if (tgt_lang != NULL)
    {
      BitextTmVariant *v = bitext_tm_unit_lookup_variant (unit, tgt_lang);
      return v != source ? v : NULL;
    }
  for (guint i = 0; i < unit->variants->len; i++)
    {
      BitextTmVariant *v = g_ptr_array_index (unit->variants, i);
      if (bitext_tm_lang_match (source->lang->str, v->lang->str) < 2)
        return v;
    }
  return NULL;
}

/* A 64-bit hash of @length bytes (hash_bytes), for the other modules of the memory. */
guint64
bitext_tm__hash (const char *data, gsize length)
{
  return hash_bytes (data, length);
}

/*
** Characters in valid UTF-8: the bytes that are not continuation bytes
** (10xxxxxx), counted eight at a time: bit 7 set and bit 6 clear in a byte
** leaves a 1 in its low bit; a multiply sums the eight bytes.
*/
static gsize
utf8_length (const char *text, gsize length)
{
  const guint64 ones = 0x0101010101010101ull;
  gsize continuation = 0, i = 0;
  for (; i + 8 <= length; i += 8)
    {
      guint64 w;
      memcpy (&w, text + i, 8);
      guint64 m = (w >> 7) & ~(w >> 6) & ones;
      continuation += (gsize) ((m * ones) >> 56);
    }
  for (; i < length; i++)
    continuation += ((guchar) text[i] & 0xC0) == 0x80;
  return length - continuation;
}

static guint
length_add (LengthAcc *acc, const BitextTmVariant *v)
{
  guint n = (guint) MIN (utf8_length (v->text->str, v->text->len), G_MAXUINT);
  BitextTmLengths *l = &acc->lengths;
  l->n_variants++;
  l->n_chars += n;
  l->min = MIN (l->min, n);
  l->max = MAX (l->max, n);
  if (acc->histogram == NULL)
    acc->histogram = g_new0 (guint64, LENGTH_BUCKETS);
  acc->histogram[MIN (n, LENGTH_BUCKETS - 1)]++;
  return n;
}

static void
count_languages (BitextTmStats *stats, const BitextTmUnit *unit)
{
  for (guint i = 0; i < unit->variants->len; i++)
    {
      const BitextTmVariant *v = g_ptr_array_index (unit->variants, i);
      guint64 *count = g_hash_table_lookup (stats->languages, v->lang->str);
      if (count == NULL)
        {
          count = g_new0 (guint64, 1);
          g_hash_table_insert (stats->languages, g_strdup (v->lang->str), count);
        }
      (*count)++;
    }
}

/* Add one unit (read with bitext_tmx_foreach_unit(), say) to the figures. */
void
bitext_tm_stats_add_unit (BitextTmStats *stats, const BitextTm *header, const BitextTmUnit *unit)
{
  g_return_if_fail (stats != NULL && unit != NULL);
  stats->summary.n_units++;
  count_languages (stats, unit);
  BitextTmVariant *src = bitext_tm_unit_choose_source (unit, header, stats->want_src);
  if (src == NULL)
    return;
  BitextTmVariant *tgt = bitext_tm_unit_choose_target (unit, src, stats->want_tgt != NULL
                                                                      ? stats->want_tgt
                                                                      : stats->tgt_lang);
  if (tgt == NULL)
    return;
  if (stats->src_lang == NULL)
    stats->src_lang = g_strdup (src->lang->str);
  if (stats->tgt_lang == NULL)
    stats->tgt_lang = g_strdup (tgt->lang->str);
  stats->summary.n_pairs++;
  guint src_len = length_add (&stats->src, src);
  guint tgt_len = length_add (&stats->tgt, tgt);
  if (src_len == 0 || tgt_len == 0)
    stats->summary.n_empty++;
  guint64 hs = hash_bytes (src->text->str, src->text->len);
  guint64 ht = hash_bytes (tgt->text->str, tgt->text->len);
  guint64 pair = hs ^ (ht * 0x9E3779B97F4A7C15ull + 0x632BE59BD9B4E019ull + (hs << 6) + (hs >> 2));
  guint64 key = hs != 0 ? hs : 1;
  Slot *slot = map_lookup (&stats->sources, key);
  if (slot != NULL && slot->key == 0)
    {
      *slot = (Slot) { key, (guint32) pair };
      stats->sources.n++;
    }
  else if (slot != NULL && slot->value == (guint32) pair)
    stats->summary.n_duplicates++;
  else if (map_add (&stats->pairs, pair, 0))
    stats->summary.n_duplicates++;
  else if (slot != NULL)
    stats->summary.n_conflicts++;
}

static BitextTmLengths
length_finish (const LengthAcc *acc)
{
  BitextTmLengths l = acc->lengths;
  if (l.n_variants == 0)
    {
      l.min = 0;
      return l;
    }
  l.mean = (double) l.n_chars / (double) l.n_variants;
  guint64 half = (l.n_variants + 1) / 2, seen = 0;
  for (guint i = 0; i < LENGTH_BUCKETS; i++)
    {
      seen += acc->histogram[i];
      if (seen >= half)
        {
          l.median = i;
          break;
        }
    }
  return l;
}

/* Returns: (transfer none): the figures so far; valid until the next call on @stats */
const BitextTmSummary *
bitext_tm_stats_get_summary (BitextTmStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);
  BitextTmSummary *s = &stats->summary;
  s->src = length_finish (&stats->src);
  s->tgt = length_finish (&stats->tgt);
  s->src_lang = stats->src_lang;
  s->tgt_lang = stats->tgt_lang;
  s->duplicates_exact = !stats->pairs.full && !stats->sources.full;
  return s;
}

static int
compare_lang (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const char *x = *(const char *const *) a, *y = *(const char *const *) b;
  guint64 cx = bitext_tm_stats_get_lang_count (user_data, x);
  guint64 cy = bitext_tm_stats_get_lang_count (user_data, y);
  if (cx != cy)
    return cx > cy ? -1 : 1;
  return strcmp (x, y);
}

/* Returns: (transfer full) (element-type utf8): the languages seen, most frequent first */
GPtrArray *
bitext_tm_stats_dup_languages (const BitextTmStats *stats)
{
  g_return_val_if_fail (stats != NULL, NULL);
  GPtrArray *langs = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, stats->languages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (langs, g_strdup (key));
  g_ptr_array_sort_with_data (langs, compare_lang, (gpointer) stats);
  return langs;
}

/* Returns: how many variants had the language @lang (compared case-insensitively) */
guint64
bitext_tm_stats_get_lang_count (const BitextTmStats *stats, const char *lang)
{
  g_return_val_if_fail (stats != NULL && lang != NULL, 0);
  const guint64 *count = g_hash_table_lookup (stats->languages, lang);
  return count != NULL ? *count : 0;
}
