/* test-ai-ndjson.c
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

#include "tandem-ndjson-parser.h"
#include "tandem-test.h"

static void
collect_cb (const char *line,
            gsize       len,
            gpointer    user_data)
{
  GString *out = user_data;

  g_assert_cmpuint (strlen (line), ==, len);
  g_string_append_printf (out, "<%s>", line);
}

static const char stream[] =
  "{\"message\":{\"content\":\"h\xC3\xA9\"},\"done\":false}\n"
  "\n"
  "{\"b\":2}\r\n"
  "   \r\n"
  "{\"c\":\"\xF0\x9F\x8E\x89\"}\n"
  "{\"done\":true}";

static const char expected[] =
  "<{\"message\":{\"content\":\"h\xC3\xA9\"},\"done\":false}>"
  "<{\"b\":2}>"
  "<{\"c\":\"\xF0\x9F\x8E\x89\"}>"
  "<{\"done\":true}>";

static char *
parse_split (const gsize *cuts,
             guint        n_cuts)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemNdjsonParser) parser = tandem_ndjson_parser_new (collect_cb, out);
  gsize len = strlen (stream);
  gsize start = 0;

  for (guint i = 0; i <= n_cuts; i++)
    {
      gsize end = i < n_cuts ? cuts[i] : len;

      g_assert_true (tandem_ndjson_parser_feed (parser, stream + start, end - start, NULL));
      start = end;
    }
  g_assert_true (tandem_ndjson_parser_finish (parser, NULL));
  return g_string_free (out, FALSE);
}

static void
test_ndjson_every_split (void)
{
  gsize len = strlen (stream);
  g_autofree char *whole = parse_split (NULL, 0);

  g_assert_cmpstr (whole, ==, expected);

  for (gsize i = 0; i <= len; i++)
    for (gsize j = i; j <= len; j++)
      {
        gsize cuts[2] = { i, j };
        g_autofree char *out = parse_split (cuts, 2);

        g_assert_cmpstr (out, ==, expected);
      }
}

static void
test_ndjson_final_line (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemNdjsonParser) parser = tandem_ndjson_parser_new (collect_cb, out);
  g_autofree char *result = NULL;

  g_assert_true (tandem_ndjson_parser_feed (parser, "{\"a\":1}\n{\"b\"", 12, NULL));
  g_assert_cmpstr (out->str, ==, "<{\"a\":1}>");
  g_assert_true (tandem_ndjson_parser_feed (parser, ":2}", 3, NULL));
  g_assert_cmpstr (out->str, ==, "<{\"a\":1}>");
  g_assert_true (tandem_ndjson_parser_finish (parser, NULL));

  result = g_string_free (out, FALSE);
  g_assert_cmpstr (result, ==, "<{\"a\":1}><{\"b\":2}>");
}

static void
test_ndjson_too_long (void)
{
  GString *out = g_string_new (NULL);
  g_autoptr(TandemNdjsonParser) parser = tandem_ndjson_parser_new (collect_cb, out);
  g_autoptr(TandemNdjsonParser) exact = tandem_ndjson_parser_new (collect_cb, out);
  g_autoptr(TandemNdjsonParser) last = tandem_ndjson_parser_new (collect_cb, out);
  g_autoptr(GError) error = NULL;

  tandem_ndjson_parser_set_max_line (parser, 8);
  tandem_ndjson_parser_set_max_line (exact, 8);
  tandem_ndjson_parser_set_max_line (last, 8);

  /* Exactly the limit, with CRLF, is fine. */
  g_assert_true (tandem_ndjson_parser_feed (exact, "12345678\r\n", 10, NULL));
  g_assert_cmpstr (out->str, ==, "<12345678>");

  /* One byte more, split over two reads, is refused with a clear error. */
  g_assert_true (tandem_ndjson_parser_feed (parser, "12345", 5, NULL));
  g_assert_false (tandem_ndjson_parser_feed (parser, "6789\n", 5, &error));
  g_assert_error (error, TANDEM_NDJSON_ERROR, TANDEM_NDJSON_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "longer than 8 bytes"));
  g_clear_error (&error);
  g_assert_false (tandem_ndjson_parser_feed (parser, "{}\n", 3, &error));
  g_assert_error (error, TANDEM_NDJSON_ERROR, TANDEM_NDJSON_ERROR_TOO_LONG);
  g_clear_error (&error);

  /* The last line without a newline is checked too. */
  g_assert_true (tandem_ndjson_parser_feed (last, "123456789", 9, NULL));
  g_assert_false (tandem_ndjson_parser_finish (last, &error));
  g_assert_error (error, TANDEM_NDJSON_ERROR, TANDEM_NDJSON_ERROR_TOO_LONG);

  g_assert_cmpstr (out->str, ==, "<12345678>");
  g_string_free (out, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/ai/ndjson/every-split", test_ndjson_every_split);
  g_test_add_func ("/ai/ndjson/final-line", test_ndjson_final_line);
  g_test_add_func ("/ai/ndjson/too-long", test_ndjson_too_long);

  return g_test_run ();
}
