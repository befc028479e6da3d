/* fuzz-sse.c
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

/* libFuzzer target: the SSE parser must never crash, leak or read out of bounds, and
 * must give the same events however the input is split. */

#include <string.h>

#include "tandem-sse-parser.h"

int LLVMFuzzerTestOneInput (const guint8 *data,
                            size_t        size);

static void
collect_cb (const char *event_type,
            const char *data,
            gsize       data_len,
            const char *last_event_id,
            gpointer    user_data)
{
  GString *out = user_data;

  g_assert (strlen (data) == data_len);
  g_assert (g_utf8_validate (data, data_len, NULL));
  g_string_append_printf (out, "%s\x1f%s\x1f%s\x1e", event_type, data, last_event_id ? last_event_id : "");
}

static char *
parse (const guint8 *data,
       size_t        size,
       size_t        step_seed)
{
  GString *out = g_string_new (NULL);
  TandemSseParser *parser = tandem_sse_parser_new (collect_cb, out);
  size_t pos = 0;

  tandem_sse_parser_set_max_size (parser, 4096);
  while (pos < size)
    {
      /* Split sizes derived from the input so that the fuzzer explores them. */
      size_t n = step_seed == 0 ? size - pos : 1 + (data[pos] + step_seed) % 7;

      if (n > size - pos)
        n = size - pos;
      if (!tandem_sse_parser_feed (parser, (const char *) data + pos, n, NULL))
        {
          g_string_append (out, "<too long>");
          break;
        }
      pos += n;
    }
  tandem_sse_parser_finish (parser);
  tandem_sse_parser_free (parser);
  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  char *whole = parse (data, size, 0);
  char *split = parse (data, size, 3);

  /* Splitting must not change the events, unless the size cap cut the stream short. */
  if (strstr (whole, "<too long>") == NULL && strstr (split, "<too long>") == NULL)
    g_assert (strcmp (whole, split) == 0);

  g_free (whole);
  g_free (split);
  return 0;
}
