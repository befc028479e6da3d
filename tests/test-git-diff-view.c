/* test-git-diff-view.c
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

#include <adwaita.h>
#include <gtksourceview/gtksource.h>

#include "tandem-git-diff-view.h"
#include "tandem-git-repository.h"
#include "tandem-test.h"
#include "git-views-test-util.h"

#define ORIGINAL \
  "#include <stdio.h>\n" \
  "\n" \
  "int\n" \
  "main (void)\n" \
  "{\n" \
  "  puts (\"one\");\n" \
  "  puts (\"two\");\n" \
  "  puts (\"three\");\n" \
  "  return 0;\n" \
  "}\n"

#define MODIFIED \
  "#include <stdio.h>\n" \
  "\n" \
  "int\n" \
  "main (void)\n" \
  "{\n" \
  "  puts (\"one\");\n" \
  "  puts (\"TWO\");\n" \
  "  puts (\"three\");\n" \
  "  puts (\"four\");\n" \
  "  return 0;\n" \
  "}\n"

typedef struct
{
  char                *dir;
  TandemGitRepository *repository;
  GtkWindow           *window;
  GtkWidget           *view;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  static guint count;
  g_autofree char *name = g_strdup_printf ("repo-%u", ++count);
  g_autoptr(GFile) workdir = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = tandem_test_make_dir (name);
  views_git_quiet (fixture->dir, "init", "-q", NULL);
  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", ORIGINAL, -1));
  views_git_quiet (fixture->dir, "add", "main.c", NULL);
  views_git_quiet (fixture->dir, "commit", "-qm", "Initial commit");

  workdir = g_file_new_for_path (fixture->dir);
  fixture->repository = tandem_git_repository_open (workdir, &error);
  g_assert_no_error (error);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 900, 700);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  tandem_test_spin (50);
  g_clear_object (&fixture->repository);
  g_free (fixture->dir);
}

static const char *
visible_page (Fixture *fixture)
{
  GtkWidget *stack = tandem_test_find_descendant (fixture->view, GTK_TYPE_STACK);

  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static gboolean
page_is (Fixture    *fixture,
         const char *name)
{
  return g_strcmp0 (visible_page (fixture), name) == 0;
}

static gboolean
diff_shown (gpointer data)
{
  return page_is (data, "diff");
}

static gboolean
empty_shown (gpointer data)
{
  return page_is (data, "empty");
}

static void
show (Fixture   *fixture,
      GtkWidget *view)
{
  fixture->view = view;
  gtk_window_set_child (fixture->window, view);
  gtk_window_present (fixture->window);
}

/* Shows the unstaged changes of @path and waits for @page. */
static void
show_changes (Fixture    *fixture,
              const char *path,
              gboolean  (*page) (gpointer data))
{
  show (fixture, tandem_git_diff_view_new (fixture->repository, path, FALSE));
  g_assert_true (tandem_test_wait_until (page, fixture, 10000));
}

static GtkTextBuffer *
get_buffer (Fixture *fixture)
{
  GtkWidget *text = tandem_test_find_descendant (fixture->view, GTK_SOURCE_TYPE_VIEW);

  g_assert_nonnull (text);
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (text));
}

static char *
line_text (GtkTextBuffer *buffer,
           int            line)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_iter_at_line (buffer, &begin, line);
  end = begin;
  if (!gtk_text_iter_ends_line (&end))
    gtk_text_iter_forward_to_line_end (&end);
  return g_strstrip (gtk_text_buffer_get_slice (buffer, &begin, &end, FALSE));
}

static gboolean
line_has_tag (GtkTextBuffer *buffer,
              int            line,
              const char    *name)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_line (buffer, &iter, line);
  return gtk_text_iter_has_tag (&iter, tag);
}

/* The first line whose text is @text, or -1. */
static int
find_line (GtkTextBuffer *buffer,
           const char    *text)
{
  for (int i = 0; i < gtk_text_buffer_get_line_count (buffer); i++)
    {
      g_autofree char *s = line_text (buffer, i);

      if (g_str_equal (s, text))
        return i;
    }
  return -1;
}

/* Line 0 is the header of a file named @name with MODIFIED's counts. */
static void
assert_modified_header (GtkTextBuffer *buffer,
                        const char    *name)
{
  g_autofree char *header = line_text (buffer, 0);

  g_assert_true (g_str_has_prefix (header, name));
  g_assert_nonnull (strstr (header, "+2"));
  g_assert_nonnull (strstr (header, "−1"));
  g_assert_true (line_has_tag (buffer, 0, "file-header"));
}

static void
test_diff_view_modified (Fixture       *fixture,
                         gconstpointer  data)
{
  GtkTextBuffer *buffer;
  GtkTextTag *added;
  GtkTextTag *removed;
  GdkRGBA *added_bg = NULL;
  GdkRGBA *removed_bg = NULL;
  int line;

  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", MODIFIED, -1));
  show (fixture, tandem_git_diff_view_new (fixture->repository, "main.c", FALSE));

  g_assert_cmpstr (tandem_git_diff_view_get_title (TANDEM_GIT_DIFF_VIEW (fixture->view)), ==, "main.c (Changes)");
  g_assert_cmpstr (tandem_git_diff_view_get_key (TANDEM_GIT_DIFF_VIEW (fixture->view)), ==, "changes:main.c");
  g_assert_true (tandem_test_wait_until (diff_shown, fixture, 10000));
  buffer = get_buffer (fixture);

  /* File header first, with the counts. */
  assert_modified_header (buffer, "main.c");

  /* One hunk header with its button. */
  g_assert_true (line_has_tag (buffer, 1, "hunk"));
  {
    g_autofree char *hunk = line_text (buffer, 1);

    g_assert_true (g_str_has_prefix (hunk, "@@ -"));
  }
  g_assert_nonnull (views_find_button (fixture->view, "Stage Hunk"));

  line = find_line (buffer, "puts (\"two\");");
  g_assert_cmpint (line, >, 0);
  g_assert_true (line_has_tag (buffer, line, "removed"));
  g_assert_false (line_has_tag (buffer, line, "added"));
  line = find_line (buffer, "puts (\"TWO\");");
  g_assert_true (line_has_tag (buffer, line, "added"));
  line = find_line (buffer, "puts (\"four\");");
  g_assert_true (line_has_tag (buffer, line, "added"));
  line = find_line (buffer, "puts (\"three\");");
  g_assert_false (line_has_tag (buffer, line, "added"));
  g_assert_false (line_has_tag (buffer, line, "removed"));

  /* Green and red tints, translucent so they work on dark backgrounds too. */
  added = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "added");
  removed = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "removed");
  g_object_get (added, "paragraph-background-rgba", &added_bg, NULL);
  g_object_get (removed, "paragraph-background-rgba", &removed_bg, NULL);
  g_assert_cmpfloat (added_bg->green, >, added_bg->red);
  g_assert_cmpfloat (removed_bg->red, >, removed_bg->green);
  g_assert_cmpfloat (added_bg->alpha, <, 0.5);
  g_assert_cmpfloat (removed_bg->alpha, <, 0.5);
  gdk_rgba_free (added_bg);
  gdk_rgba_free (removed_bg);

  /* Syntax highlighting from the file's language. */
  g_assert_nonnull (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer)));
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (GTK_SOURCE_BUFFER (buffer))), ==, "c");

  tandem_test_spin (300);
  views_screenshot ("diff-view");
}

static gboolean
file_is_staged (gpointer data)
{
  Fixture *fixture = data;
  g_autofree char *out = views_git (fixture->dir, "diff", "--cached", "--name-only", NULL);

  return g_str_equal (out, "main.c\n");
}

static void
test_diff_view_stage_hunk (Fixture       *fixture,
                           gconstpointer  data)
{
  GtkWidget *button;
  g_autofree char *staged = NULL;

  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", MODIFIED, -1));
  show_changes (fixture, "main.c", diff_shown);

  button = views_find_button (fixture->view, "Stage Hunk");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  g_assert_true (tandem_test_wait_until (file_is_staged, fixture, 10000));
  staged = views_git (fixture->dir, "diff", "--cached", NULL);
  g_assert_nonnull (strstr (staged, "+  puts (\"TWO\");"));
  g_assert_nonnull (strstr (staged, "+  puts (\"four\");"));

  /* Nothing unstaged is left: the view says so. */
  g_assert_true (tandem_test_wait_until (empty_shown, fixture, 10000));

  /* The staged side offers the way back. */
  gtk_window_set_child (fixture->window, NULL);
  show (fixture, tandem_git_diff_view_new (fixture->repository, "main.c", TRUE));
  g_assert_cmpstr (tandem_git_diff_view_get_title (TANDEM_GIT_DIFF_VIEW (fixture->view)), ==, "main.c (Staged)");
  g_assert_true (tandem_test_wait_until (diff_shown, fixture, 10000));
  button = views_find_button (fixture->view, "Unstage Hunk");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_true (tandem_test_wait_until (empty_shown, fixture, 10000));
  g_assert_false (file_is_staged (fixture));
}

static gboolean
stale_reloaded (gpointer data)
{
  Fixture *fixture = data;

  return find_line (get_buffer (fixture), "/* a new first line */") >= 0;
}

static void
test_diff_view_stage_stale_hunk (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autofree char *changed = g_strconcat ("/* a new first line */\n", MODIFIED, NULL);
  g_autofree char *staged = NULL;
  GtkWidget *button;

  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", MODIFIED, -1));
  show_changes (fixture, "main.c", diff_shown);

  /* The file changes under the open view (its status stays "modified", so no reload):
   * the hunk on screen no longer matches the file. */
  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", changed, -1));
  button = views_find_button (fixture->view, "Stage Hunk");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  /* Nothing staged; the user is told, and sees the diff as it is now. */
  g_assert_true (tandem_test_wait_until (stale_reloaded, fixture, 10000));
  g_assert_nonnull (views_find_label (fixture->view, "The file changed since the diff was shown"));
  staged = views_git (fixture->dir, "diff", "--cached", NULL);
  g_assert_cmpstr (staged, ==, "");
}

static void
test_diff_view_binary (Fixture       *fixture,
                       gconstpointer  data)
{
  static const char blob1[] = "PNG\0\1\2\3binary\0data";
  static const char blob2[] = "PNG\0\1\2\3binary\0DATA!";
  GtkTextBuffer *buffer;

  g_object_unref (tandem_test_write_file (fixture->dir, "image.bin", blob1, sizeof blob1));
  views_git_quiet (fixture->dir, "add", "image.bin", NULL);
  views_git_quiet (fixture->dir, "commit", "-qm", "Add image");
  g_object_unref (tandem_test_write_file (fixture->dir, "image.bin", blob2, sizeof blob2));

  show_changes (fixture, "image.bin", diff_shown);
  buffer = get_buffer (fixture);
  g_assert_cmpint (find_line (buffer, "Binary file not shown"), ==, 1);
  g_assert_null (views_find_button (fixture->view, "Stage Hunk"));
}

/* A staged rename with an edit: the two names and only the changed lines, and no hunk
 * button (a rename unstages as a whole). */
static void
test_diff_view_staged_rename (Fixture       *fixture,
                              gconstpointer  data)
{
  GtkTextBuffer *buffer;

  g_free (views_git (fixture->dir, "mv", "main.c", "hello.c", NULL));
  g_object_unref (tandem_test_write_file (fixture->dir, "hello.c", MODIFIED, -1));
  views_git_quiet (fixture->dir, "add", "hello.c", NULL);

  show (fixture, tandem_git_diff_view_new (fixture->repository, "hello.c", TRUE));
  g_assert_true (tandem_test_wait_until (diff_shown, fixture, 10000));
  buffer = get_buffer (fixture);
  assert_modified_header (buffer, "main.c → hello.c");
  g_assert_cmpint (find_line (buffer, "#include <stdio.h>"), <, 0);
  g_assert_cmpint (find_line (buffer, "puts (\"TWO\");"), >, 0);
  g_assert_null (views_find_button (fixture->view, "Unstage Hunk"));
}

static void
test_diff_view_no_changes (Fixture       *fixture,
                           gconstpointer  data)
{
  show_changes (fixture, "main.c", empty_shown);
  g_assert_nonnull (views_find_label (fixture->view, "No Changes"));
}

static void
test_diff_view_reloads (Fixture       *fixture,
                        gconstpointer  data)
{
  show_changes (fixture, "main.c", empty_shown);

  /* A change noticed by the repository reaches the open view. */
  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", MODIFIED, -1));
  tandem_git_repository_queue_refresh (fixture->repository);
  g_assert_true (tandem_test_wait_until (diff_shown, fixture, 10000));
  g_assert_cmpint (find_line (get_buffer (fixture), "puts (\"four\");"), >, 0);
}

static void
test_diff_view_commit (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(TandemGitCommit) commit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  GtkTextBuffer *buffer;
  GAsyncResult *slot = NULL;

  g_object_unref (tandem_test_write_file (fixture->dir, "main.c", MODIFIED, -1));
  g_object_unref (tandem_test_write_file (fixture->dir, "notes.txt", "first\nsecond\n", -1));
  views_git_quiet (fixture->dir, "add", "-A", NULL);
  views_git_quiet (fixture->dir, "commit", "-qm", "Count to four\n\nAnd write notes.");

  tandem_git_repository_head_commit_async (fixture->repository, NULL, tandem_test_store_result_cb, &slot);
  result = tandem_test_wait_result (&slot, 10000);
  commit = tandem_git_repository_head_commit_finish (fixture->repository, result, &error);
  g_assert_no_error (error);

  show (fixture, tandem_git_diff_view_new_for_commit (fixture->repository, commit));
  title = g_strdup_printf ("%s Count to four", tandem_git_commit_get_short_id (commit));
  g_assert_cmpstr (tandem_git_diff_view_get_title (TANDEM_GIT_DIFF_VIEW (fixture->view)), ==, title);
  g_assert_true (g_str_has_prefix (tandem_git_diff_view_get_key (TANDEM_GIT_DIFF_VIEW (fixture->view)), "commit:"));
  g_assert_true (tandem_test_wait_until (diff_shown, fixture, 10000));

  /* Message and author at the top. */
  g_assert_nonnull (views_find_label (fixture->view, "Count to four"));
  g_assert_nonnull (views_find_label (fixture->view, "And write notes."));
  g_assert_nonnull (views_find_label (fixture->view, "Test User <test@example.com>"));

  /* Every file, each with its header; no stage buttons on history. */
  buffer = get_buffer (fixture);
  {
    int main_line = -1, notes_line = -1;

    for (int i = 0; i < gtk_text_buffer_get_line_count (buffer); i++)
      {
        g_autofree char *s = line_text (buffer, i);

        if (g_str_has_prefix (s, "main.c") && line_has_tag (buffer, i, "file-header"))
          main_line = i;
        if (g_str_has_prefix (s, "notes.txt") && line_has_tag (buffer, i, "file-header"))
          notes_line = i;
      }
    g_assert_cmpint (main_line, >=, 0);
    g_assert_cmpint (notes_line, >, main_line);
    g_assert_true (line_has_tag (buffer, find_line (buffer, "second"), "added"));
  }
  g_assert_null (views_find_button (fixture->view, "Stage Hunk"));

  tandem_test_spin (300);
  views_screenshot ("diff-view-commit");
}

static void
test_diff_view_large (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  GtkTextBuffer *buffer;
  gint64 start;

  /* 5,000 changed lines: shown in well under a second. */
  for (guint i = 0; i < 5000; i++)
    {
      g_string_append_printf (before, "line %u of the old text\n", i);
      g_string_append_printf (after, "%s %u of the new text\n", i % 2 ? "row" : "line", i);
    }
  g_object_unref (tandem_test_write_file (fixture->dir, "big.txt", before->str, before->len));
  views_git_quiet (fixture->dir, "add", "big.txt", NULL);
  views_git_quiet (fixture->dir, "commit", "-qm", "Big file");
  g_object_unref (tandem_test_write_file (fixture->dir, "big.txt", after->str, after->len));

  start = g_get_monotonic_time ();
  show (fixture, tandem_git_diff_view_new (fixture->repository, "big.txt", FALSE));
  g_assert_true (tandem_test_wait_until (diff_shown, fixture, 20000));
  buffer = get_buffer (fixture);
  g_test_message ("5,000-line diff shown in %.1f ms",
                  (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (gtk_text_buffer_get_line_count (buffer), >, 5000);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

#define ADD(name, func) \
  g_test_add ("/git-diff-view/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("modified", test_diff_view_modified);
  ADD ("stage-hunk", test_diff_view_stage_hunk);
  ADD ("stage-stale-hunk", test_diff_view_stage_stale_hunk);
  ADD ("binary", test_diff_view_binary);
  ADD ("staged-rename", test_diff_view_staged_rename);
  ADD ("no-changes", test_diff_view_no_changes);
  ADD ("reloads", test_diff_view_reloads);
  ADD ("commit", test_diff_view_commit);
  ADD ("large", test_diff_view_large);
#undef ADD

  return g_test_run ();
}
