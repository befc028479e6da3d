/* test-ai-context.c
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

#include "tandem-ai-context.h"
#include "tandem-test.h"

static void
test_render (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify)tandem_ai_attachment_free);
  g_autofree char *rendered = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *label = NULL;

  empty = tandem_ai_context_render (items);
  g_assert_cmpstr (empty, ==, "");

  g_ptr_array_add (items, tandem_ai_attachment_new (TANDEM_AI_ATTACHMENT_SELECTION, "src/a.c", "c",
                                                      "int x;", 3, 4));
  g_ptr_array_add (items, tandem_ai_attachment_new (TANDEM_AI_ATTACHMENT_FILE, "README.md", "markdown",
                                                      "Use ```code``` here\n", 0, 0));
  rendered = tandem_ai_context_render (items);

  /* Files first, then selections; a longer fence protects the backticks inside. */
  g_assert_cmpstr (rendered, ==,
                   "<context>\n"
                   "<files>\n"
                   "````markdown README.md\n"
                   "Use ```code``` here\n"
                   "````\n"
                   "</files>\n"
                   "<selections>\n"
                   "```c src/a.c:3-4\n"
                   "int x;\n"
                   "```\n"
                   "</selections>\n"
                   "</context>\n");

  label = tandem_ai_attachment_dup_label (g_ptr_array_index (items, 0));
  g_assert_cmpstr (label, ==, "a.c:3–4");
}

static void
test_system_and_prompts (void)
{
  g_autofree char *plain = tandem_ai_context_build_system (NULL);
  g_autofree char *with_rules = tandem_ai_context_build_system ("Use tabs.");
  g_autofree char *explain = tandem_ai_quick_action_prompt (TANDEM_AI_QUICK_EXPLAIN, "src/a.c", "C");
  g_autofree char *tests = tandem_ai_quick_action_prompt (TANDEM_AI_QUICK_WRITE_TESTS, "x.py", NULL);

  g_assert_null (strstr (plain, "AGENTS.md"));
  g_assert_nonnull (strstr (with_rules, "<rules>"));
  g_assert_nonnull (strstr (with_rules, "Use tabs."));
  /* The system text stays small: local models have small windows. */
  g_assert_cmpint (tandem_ai_estimate_tokens (plain), <, 150);

  g_assert_nonnull (strstr (explain, "selected C code from src/a.c"));
  g_assert_nonnull (strstr (tests, "x.py"));
  g_assert_cmpstr (tandem_ai_quick_action_get_label (TANDEM_AI_QUICK_FIX), ==, "Fix");
  g_assert_cmpint (tandem_ai_estimate_tokens ("abcdef"), ==, 2);
}

static void
test_read_file (void)
{
  g_autofree char *dir = tandem_test_make_dir ("context");
  g_autoptr(GFile) text = tandem_test_write_file (dir, "a.txt", "hello\nworld\n", -1);
  g_autoptr(GFile) latin1 = tandem_test_write_file (dir, "b.txt", "caf\xe9", -1);
  g_autoptr(GFile) binary = tandem_test_write_file (dir, "c.bin", "\x89PNG\0\0\0", 8);
  g_autoptr(GFile) missing = g_file_new_build_filename (dir, "missing.txt", NULL);
  struct { GFile *file; gsize max; const char *expect; gboolean truncated; gboolean fails; } cases[] = {
    { text, 1024, "hello\nworld\n", FALSE, FALSE },
    { text, 5, "hello", TRUE, FALSE },
    { latin1, 1024, "caf\xef\xbf\xbd", FALSE, FALSE },
    { binary, 1024, NULL, FALSE, TRUE },
    { missing, 1024, NULL, FALSE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gboolean truncated = FALSE;

      tandem_ai_context_read_file_async (cases[i].file, cases[i].max, NULL,
                                         tandem_test_store_result_cb, &result);
      tandem_test_wait_result (&result, 5000);
      contents = tandem_ai_context_read_file_finish (result, &truncated, &error);
      if (cases[i].fails)
        {
          g_assert_null (contents);
          g_assert_nonnull (error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_cmpstr (contents, ==, cases[i].expect);
          g_assert_cmpint (truncated, ==, cases[i].truncated);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init (&argc, &argv);

  g_test_add_func ("/ai-context/render", test_render);
  g_test_add_func ("/ai-context/system-and-prompts", test_system_and_prompts);
  g_test_add_func ("/ai-context/read-file", test_read_file);

  return g_test_run ();
}
