/* fuzz-ndjson.c
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

/* libFuzzer target: the NDJSON splitter must never crash, leak or read out of bounds,
 * and must give the same lines however the input is split. */

#include <string.h>

#include "tandem-ndjson-parser.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
collect_cb (const char *line,
            gsize       len,
            gpointer    user_data)
{
  GString *out = user_data;

  g_assert (len > 0);
  g_assert (memchr (line, '\n', len) == NULL);
  g_string_append_len (out, line, len);
  g_string_append_c (out, '\x1e');
}

static char *
parse (const guint8 *data,
       size_t        size,
       size_t        step_seed)
{
  GString *out = g_string_new (NULL);
  TandemNdjsonParser *parser = tandem_ndjson_parser_new (collect_cb, out);
  gboolean ok = TRUE;
  size_t pos = 0;

  tandem_ndjson_parser_set_max_line (parser, 4096);
  while (pos < size && ok)
    {
      size_t n = step_seed == 0 ? size - pos : 1 + (data[pos] + step_seed) % 5;

      if (n > size - pos)
        n = size - pos;
      ok = tandem_ndjson_parser_feed (parser, (const char *) data + pos, n, NULL);
      pos += n;
    }
  if (ok)
    ok = tandem_ndjson_parser_finish (parser, NULL);
  if (!ok)
    g_string_append (out, "<too long>");
  tandem_ndjson_parser_free (parser);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  char *whole = parse (data, size, 0);
  char *split = parse (data, size, 2);

  if (strstr (whole, "<too long>") == NULL && strstr (split, "<too long>") == NULL)
    g_assert (strcmp (whole, split) == 0);

  g_free (whole);
  g_free (split);
  return 0;
}
