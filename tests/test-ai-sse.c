/* test-ai-sse.c
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

#include "config.h"

#include <string.h>

#include "tandem-sse-parser.h"
#include "tandem-test.h"

static void
collect_cb (const char *event_type,
            const char *data,
            gsize       data_len,
            const char *last_event_id,
            gpointer    user_data)
{
  GString *out = user_data;

  g_assert_cmpuint (strlen (data), ==, data_len);
  g_assert_true (g_utf8_validate (data, data_len, NULL));
  g_string_append_printf (out, "[%s|%s|%s]", event_type, data, last_event_id ? last_event_id : "-");
}

/* Parses @input fed in the pieces that @cuts says (sorted offsets). */
static char *
parse_split (const char *input,
             gsize       len,
             const gsize *cuts,
             guint        n_cuts,
             gboolean    *pending)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemSseParser) parser = tandem_sse_parser_new (collect_cb, out);
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : len;

      g_assert_true (tandem_sse_parser_feed (parser, input + start, end - start, NULL));
      start = end;
    }
  *pending = tandem_sse_parser_finish (parser);
  return g_string_free (out, FALSE);
}

/* Everything the parser must handle, with every kind of line ending. */
static const char stream[] =
  "\xEF\xBB\xBF"
  ": a comment, like a keep-alive ping\r\n"
  "data: {\"a\":1}\r\n"
  "\r\n"
  "event: message_start\n"
  "id: 7\n"
  "data: line one\n"
  "data:line two\n"
  "\n"
  "retry: 1500\r"
  "data: h\xC3\xA9llo \xF0\x9F\x8E\x89\r"
  "\r"
  ":OPENROUTER PROCESSING\n"
  "event: ping\n"
  "\n"
  "data\n"
  "\n"
  "unknown: field\n"
  "data: [DONE]\n"
  "\n"
  "data: left without its blank line";

static const char expected[] =
  "[message|{\"a\":1}|-]"
  "[message_start|line one\nline two|7]"
  "[message|h\xC3\xA9llo \xF0\x9F\x8E\x89|7]"
  "[message||7]"
  "[message|[DONE]|7]";

static void
test_sse_whole (void)
{
  g_autofree char *out = NULL;
  gboolean pending = FALSE;

  out = parse_split (stream, strlen (stream), NULL, 0, &pending);
  g_assert_cmpstr (out, ==, expected);
  /* The last event had no blank line: it is discarded, and said so. */
  g_assert_true (pending);
}

static void
test_sse_every_split (void)
{
  gsize len = strlen (stream);

  /* Two pieces at every boundary, including inside CRLF, the BOM and UTF-8. */
  for (gsize i = 0; i <= len; i++)
    {
      g_autofree char *out = NULL;
      gboolean pending = FALSE;

      out = parse_split (stream, len, &i, 1, &pending);
      g_assert_cmpstr (out, ==, expected);
      g_assert_true (pending);
    }

  /* Three pieces at every pair of boundaries. */
  for (gsize i = 0; i <= len; i++)
    for (gsize j = i; j <= len; j++)
      {
        gsize cuts[2] = { i, j };
        g_autofree char *out = NULL;
        gboolean pending = FALSE;

        out = parse_split (stream, len, cuts, 2, &pending);
        g_assert_cmpstr (out, ==, expected);
      }
}

static void
test_sse_one_byte_at_a_time (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemSseParser) parser = tandem_sse_parser_new (collect_cb, out);
  g_autofree char *result = NULL;
  gsize len = strlen (stream);

  for (gsize i = 0; i < len; i++)
    g_assert_true (tandem_sse_parser_feed (parser, stream + i, 1, NULL));
  tandem_sse_parser_finish (parser);

  result = g_string_free (out, FALSE);
  g_assert_cmpstr (result, ==, expected);
  g_assert_cmpint (tandem_sse_parser_get_retry (parser), ==, 1500);
  g_assert_cmpstr (tandem_sse_parser_get_last_event_id (parser), ==, "7");
}

static void
test_sse_fields (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemSseParser) parser = tandem_sse_parser_new (collect_cb, out);
  g_autofree char *result = NULL;
  /* Only one space after the colon is dropped; retry must be all digits; an id
   * with NUL is ignored; an empty data buffer dispatches nothing. */
  static const char input[] =
    "data:  two spaces\n\n"
    "retry: 12a\n"
    "id: 5\n"
    "event: lonely\n\n"
    "data: x\n\n";

  g_assert_true (tandem_sse_parser_feed (parser, input, strlen (input), NULL));
  g_assert_true (tandem_sse_parser_feed (parser, "id: a\0b\n", 8, NULL));
  g_assert_false (tandem_sse_parser_finish (parser));

  result = g_string_free (out, FALSE);
  g_assert_cmpstr (result, ==, "[message| two spaces|-][message|x|5]");
  g_assert_cmpint (tandem_sse_parser_get_retry (parser), ==, -1);
  g_assert_cmpstr (tandem_sse_parser_get_last_event_id (parser), ==, "5");
}

static void
test_sse_not_a_bom (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemSseParser) parser = tandem_sse_parser_new (collect_cb, out);
  g_autofree char *result = NULL;

  /* A first byte that starts like a BOM but is not one is kept. */
  g_assert_true (tandem_sse_parser_feed (parser, "\xEF", 1, NULL));
  g_assert_true (tandem_sse_parser_feed (parser, "\xBB" "data: a\n\n", 10, NULL));
  g_assert_true (tandem_sse_parser_feed (parser, "data: b\n\n", 9, NULL));
  tandem_sse_parser_finish (parser);

  /* The broken bytes form an unknown field name: only "b" is an event. */
  result = g_string_free (out, FALSE);
  g_assert_cmpstr (result, ==, "[message|b|-]");
}

static void
test_sse_invalid_utf8 (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemSseParser) parser = tandem_sse_parser_new (collect_cb, out);
  g_autofree char *result = NULL;

  g_assert_true (tandem_sse_parser_feed (parser, "data: a\xFF" "b\n\n", 11, NULL));
  tandem_sse_parser_finish (parser);

  result = g_string_free (out, FALSE);
  g_assert_cmpstr (result, ==, "[message|a\xEF\xBF\xBD" "b|-]");
}

static void
test_sse_too_long (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemSseParser) parser = tandem_sse_parser_new (collect_cb, out);
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (100, 'x');

  tandem_sse_parser_set_max_size (parser, 64);
  g_assert_true (tandem_sse_parser_feed (parser, "data: ok\n\n", 10, NULL));
  g_assert_false (tandem_sse_parser_feed (parser, big, 100, &error));
  g_assert_error (error, TANDEM_SSE_ERROR, TANDEM_SSE_ERROR_TOO_LONG);
  g_clear_error (&error);
  /* A refused stream stays refused. */
  g_assert_false (tandem_sse_parser_feed (parser, "\n\n", 2, &error));
  g_assert_error (error, TANDEM_SSE_ERROR, TANDEM_SSE_ERROR_TOO_LONG);
  g_string_free (out, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/ai/sse/whole", test_sse_whole);
  g_test_add_func ("/ai/sse/every-split", test_sse_every_split);
  g_test_add_func ("/ai/sse/one-byte-at-a-time", test_sse_one_byte_at_a_time);
  g_test_add_func ("/ai/sse/fields", test_sse_fields);
  g_test_add_func ("/ai/sse/not-a-bom", test_sse_not_a_bom);
  g_test_add_func ("/ai/sse/invalid-utf8", test_sse_invalid_utf8);
  g_test_add_func ("/ai/sse/too-long", test_sse_too_long);

  return g_test_run ();
}
