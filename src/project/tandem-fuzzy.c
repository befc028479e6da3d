/* tandem-fuzzy.c
 *
 * Copyright 2026 The Tandem authors
 *
 * This program is free software: you can redistribute it and/or modify
 * it under the terms of the GNU General Public License as published by
 * the Free Software Foundation, either version 3 of the License, or
 * (at your option) any later version.
 *
 * This program is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; without even the implied warranty of
 * MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 * GNU General Public License for more details.
 *
 * You should have received a copy of the GNU General Public License
 * along with this program.  If not, see <http://www.gnu.org/licenses/>.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "tandem-fuzzy"

#include "config.h"

#include <string.h>

#include "tandem-fuzzy.h"

#define SCORE_MATCH            16
#define BONUS_BOUNDARY         24
#define BONUS_CONSECUTIVE      20
#define BONUS_BASENAME         12
#define BONUS_FIRST_CHAR       16
#define PENALTY_GAP_START      3
#define PENALTY_GAP_EXTENSION  1
#define MAX_LEN                1024

static gboolean
is_boundary (const char *candidate,
             gsize       i)
{
  char prev, cur;

  if (i == 0)
    return TRUE;

  prev = candidate[i - 1];
  cur = candidate[i];

  if (prev == '/' || prev == '_' || prev == '-' || prev == '.' || prev == ' ')
    return TRUE;

  /* fooBar: the B starts a word. */
  return g_ascii_islower (prev) && g_ascii_isupper (cur);
}

/*
 * Dynamic programming over (query index, candidate index) like fzf's v2 algorithm, kept
 * small: M[i][j] is the best score of matching query[0..i] with query[i] at candidate[j].
 * Work is bounded by MAX_LEN × query length; longer candidates are matched greedily.
 */
int
tandem_fuzzy_score (const char *query,
                    const char *candidate,
                    GArray     *positions)
{
  g_autofree int *score = NULL;
  g_autofree int *from = NULL;
  const char *basename;
  gsize qlen, clen, base_offset;
  int best = -1;
  gsize best_j = 0;

  g_return_val_if_fail (query != NULL, -1);
  g_return_val_if_fail (candidate != NULL, -1);

  if (positions != NULL)
    g_array_set_size (positions, 0);

  qlen = strlen (query);
  clen = strlen (candidate);
  if (qlen == 0)
    return 0;
  if (qlen > clen || clen > MAX_LEN)
    {
      /* Greedy fallback for very long strings: still a correct subsequence test. */
      gsize j = 0;

      for (gsize i = 0; i < qlen; i++)
        {
          while (j < clen && g_ascii_tolower (candidate[j]) != g_ascii_tolower (query[i]))
            j++;
          if (j == clen)
            return -1;
          if (positions != NULL)
            {
              guint pos = j;
              g_array_append_val (positions, pos);
            }
          j++;
        }
      return (int)qlen;
    }

  basename = strrchr (candidate, '/');
  base_offset = basename ? (gsize)(basename - candidate) + 1 : 0;

  score = g_new (int, qlen * clen);
  from = g_new (int, qlen * clen);

  for (gsize i = 0; i < qlen; i++)
    {
      char q = g_ascii_tolower (query[i]);

      for (gsize j = 0; j < clen; j++)
        {
          int s = -1;
          int origin = -1;

          if (g_ascii_tolower (candidate[j]) == q && j >= i)
            {
              int bonus = SCORE_MATCH;

              if (is_boundary (candidate, j))
                bonus += BONUS_BOUNDARY;
              if (j >= base_offset)
                bonus += BONUS_BASENAME;
              if (candidate[j] == query[i])
                bonus += 1;

              if (i == 0)
                {
                  s = bonus - (int)MIN (j, 20) * PENALTY_GAP_EXTENSION;
                  if (j == 0 || j == base_offset)
                    s += BONUS_FIRST_CHAR;
                }
              else
                {
                  /* Best predecessor: the previous query char at some k < j. */
                  for (gsize k = i - 1; k < j; k++)
                    {
                      int prev = score[(i - 1) * clen + k];
                      int candidate_score;

                      if (prev < 0)
                        continue;

                      if (k + 1 == j)
                        candidate_score = prev + bonus + BONUS_CONSECUTIVE;
                      else
                        candidate_score = prev + bonus - PENALTY_GAP_START -
                                          (int)MIN (j - k - 1, 30) * PENALTY_GAP_EXTENSION;

                      if (candidate_score > s)
                        {
                          s = candidate_score;
                          origin = (int)k;
                        }
                    }
                }
            }

          score[i * clen + j] = s;
          from[i * clen + j] = origin;
        }
    }

  for (gsize j = 0; j < clen; j++)
    if (score[(qlen - 1) * clen + j] > best)
      {
        best = score[(qlen - 1) * clen + j];
        best_j = j;
      }

  if (best < 0)
    return -1;

  /* Shorter candidates win ties: "main.c" before "src/domain.c". */
  best = MAX (best - (int)(clen / 8), 1);

  if (positions != NULL)
    {
      int j = (int)best_j;

      g_array_set_size (positions, qlen);
      for (int i = (int)qlen - 1; i >= 0 && j >= 0; i--)
        {
          g_array_index (positions, guint, i) = (guint)j;
          j = from[i * clen + j];
        }
    }

  return best;
}
