/* test-git-line-marks.c
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

#include "tandem-git-repository.h"
#include "tandem-test.h"

static GArray *
compute (const char *head,
         const char *text)
{
  g_autoptr(GBytes) bytes = head != NULL ? g_bytes_new (head, strlen (head)) : NULL;

  return tandem_git_line_marks_compute (bytes, text, strlen (text));
}

static void
assert_marks (GArray     *marks,
              const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  /* One "line:kind" per mark, kind a/c/d. */
  for (guint i = 0; i < marks->len; i++)
    {
      TandemGitLineMark *mark = &g_array_index (marks, TandemGitLineMark, i);
      char kind = mark->kind == TANDEM_GIT_LINE_MARK_ADDED ? 'a'
                  : mark->kind == TANDEM_GIT_LINE_MARK_CHANGED ? 'c' : 'd';

      g_string_append_printf (got, "%s%u:%c", i > 0 ? " " : "", mark->line, kind);
    }

  g_assert_cmpstr (got->str, ==, expected);
}

/* The marks of @text against @head, as "line:kind" pairs. */
static void
assert_computed (const char *head,
                 const char *text,
                 const char *expected)
{
  g_autoptr(GArray) marks = compute (head, text);

  assert_marks (marks, expected);
}

static void
test_unchanged (void)
{
  assert_computed ("a\nb\nc\n", "a\nb\nc\n", "");
}

static void
test_no_head (void)
{
  assert_computed (NULL, "a\nb\nc", "0:a 1:a 2:a");
  assert_computed (NULL, "", "");
}

static void
test_added (void)
{
  assert_computed ("a\nb\nc\n", "a\nx\ny\nb\nc\n", "1:a 2:a");
  assert_computed ("a\nb\n", "x\na\nb\n", "0:a");
  assert_computed ("a\nb\n", "a\nb\nx\n", "2:a");
}

static void
test_changed (void)
{
  assert_computed ("a\nb\nc\n", "a\nB\nc\n", "1:c");
  assert_computed ("a\nb\nc\n", "a\nB\nB2\nc\n", "1:c 2:a");
  assert_computed ("a\nb", "a\nb\n", "1:c");
}

static void
test_deleted (void)
{
  assert_computed ("a\nb\nc\nd\n", "a\nd\n", "1:d");
  assert_computed ("a\nb\nc\n", "b\nc\n", "0:d");
  assert_computed ("a\nb\nc\n", "a\n", "0:d");
  assert_computed ("a\nb\n", "", "");
}

static void
test_edges (void)
{
  g_autoptr(GArray) last_line = compute ("a\nb\nc", "a\nb\nc\nd");
  g_autoptr(GArray) repeated = compute ("x\nx\nx\n", "x\nx\nx\nx\n");
  g_autoptr(GArray) first_and_last = compute ("a\nb\nc\nd\n", "A\nb\nc\nD\n");
  g_autoptr(GArray) emptied_line = compute ("a\n\nb\n", "a\nb\n");

  assert_marks (last_line, "2:c 3:a");
  g_assert_cmpuint (repeated->len, ==, 1);
  g_assert_cmpint (g_array_index (repeated, TandemGitLineMark, 0).kind, ==,
                   TANDEM_GIT_LINE_MARK_ADDED);
  assert_marks (first_and_last, "0:c 3:c");
  assert_marks (emptied_line, "1:d");
}

static void
test_binary_safe (void)
{
  const char head[] = "a\0b\nc\n";
  const char text[] = "a\0b\nC\n";
  g_autoptr(GBytes) bytes = g_bytes_new (head, sizeof head - 1);
  g_autoptr(GArray) marks = tandem_git_line_marks_compute (bytes, text, sizeof text - 1);

  assert_marks (marks, "1:c");
}

static void
test_large_file (void)
{
  g_autoptr(GString) head = g_string_new (NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GArray) marks = NULL;
  gint64 best = G_MAXINT64;

  for (guint i = 0; i < 10000; i++)
    g_string_append_printf (head, "line %u: some text of a typical length for source code;\n", i);
  text = g_string_new (head->str);
  g_string_replace (text, "line 5000: some", "line 5000: other", 1);
  bytes = g_bytes_new (head->str, head->len);

  /* The best of a few runs: the machine is shared. */
  for (guint run = 0; run < 5; run++)
    {
      gint64 start = g_get_monotonic_time ();
      gint64 elapsed;

      g_clear_pointer (&marks, g_array_unref);
      marks = tandem_git_line_marks_compute (bytes, text->str, text->len);
      elapsed = g_get_monotonic_time () - start;
      best = MIN (best, elapsed);
    }

  g_test_message ("10,000 lines, one changed: %.2f ms", best / 1000.0);
  assert_marks (marks, "5000:c");
  g_assert_cmpint (best, <, 50 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/git/line-marks/unchanged", test_unchanged);
  g_test_add_func ("/git/line-marks/no-head", test_no_head);
  g_test_add_func ("/git/line-marks/added", test_added);
  g_test_add_func ("/git/line-marks/changed", test_changed);
  g_test_add_func ("/git/line-marks/deleted", test_deleted);
  g_test_add_func ("/git/line-marks/edges", test_edges);
  g_test_add_func ("/git/line-marks/binary-safe", test_binary_safe);
  g_test_add_func ("/git/line-marks/large-file", test_large_file);

  return g_test_run ();
}
