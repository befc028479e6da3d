/* test-git-gutter.c
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

#include "tandem-git-gutter-renderer.h"
#include "tandem-git-repository.h"
#include "tandem-test.h"
#include "git-views-test-util.h"

typedef struct
{
  TandemGitGutterRenderer *renderer;
  const char              *expected;
} MarksWait;

/* The marks as "2A 5C 8D" (0-based line, Added/Changed/Deleted above). */
static char *
format_marks (GArray *marks)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < marks->len; i++)
    {
      const TandemGitLineMark *mark = &g_array_index (marks, TandemGitLineMark, i);

      g_string_append_printf (str, "%s%u%c", i ? " " : "", mark->line,
                              mark->kind == TANDEM_GIT_LINE_MARK_ADDED ? 'A'
                              : mark->kind == TANDEM_GIT_LINE_MARK_CHANGED ? 'C' : 'D');
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
marks_to_string (TandemGitGutterRenderer *renderer)
{
  return format_marks (tandem_git_gutter_renderer_get_marks (renderer));
}

static gboolean
marks_are (gpointer data)
{
  MarksWait *wait = data;
  g_autofree char *now = marks_to_string (wait->renderer);

  return g_str_equal (now, wait->expected);
}

static void
assert_marks (TandemGitGutterRenderer *renderer,
              const char              *expected)
{
  MarksWait wait = { renderer, expected };

  if (!tandem_test_wait_until (marks_are, &wait, 10000))
    {
      g_autofree char *now = marks_to_string (renderer);

      g_error ("marks are “%s”, expected “%s”", now, expected);
    }
}

static void
set_line (GtkTextBuffer *buffer,
          int            line,
          const char    *text)
{
  GtkTextIter begin, end;

  gtk_text_buffer_get_iter_at_line (buffer, &begin, line);
  end = begin;
  gtk_text_iter_forward_to_line_end (&end);
  gtk_text_buffer_delete (buffer, &begin, &end);
  gtk_text_buffer_insert (buffer, &begin, text, -1);
}

/* A repository in a new folder @name, with @file committed holding @text when @file is
 * not %NULL. */
static TandemGitRepository *
make_repository (const char *name,
                 const char *file,
                 GString    *text,
                 char      **dir_out)
{
  g_autofree char *dir = tandem_test_make_dir (name);
  g_autoptr(GFile) workdir = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  TandemGitRepository *repository;

  views_git_quiet (dir, "init", "-q", NULL);
  if (file != NULL)
    {
      g_object_unref (tandem_test_write_file (dir, file, text->str, text->len));
      views_git_quiet (dir, "add", file, NULL);
      views_git_quiet (dir, "commit", "-qm", "First");
    }
  repository = tandem_git_repository_open (workdir, &error);
  g_assert_no_error (error);
  if (dir_out != NULL)
    *dir_out = g_steal_pointer (&dir);
  return repository;
}

/* A window showing a view of @text (with the implicit last newline of a loaded file). */
static GtkWidget *
make_view (GtkWindow **window,
           const char *text,
           gssize      length)
{
  GtkWidget *view = gtk_source_view_new ();

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, length);
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 400, 400);
  gtk_window_set_child (*window, view);
  gtk_window_present (*window);
  return view;
}

/* Shows @text, committed as @path, in a new window with a renderer, once it shows no marks. */
static TandemGitGutterRenderer *
show_committed (TandemGitRepository  *repository,
                const char           *path,
                GString              *text,
                GtkWindow           **window,
                GtkTextBuffer       **buffer)
{
  GtkWidget *view = make_view (window, text->str, text->len - 1);
  TandemGitGutterRenderer *renderer;

  *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  renderer = tandem_git_gutter_renderer_attach (GTK_SOURCE_VIEW (view), repository, path);
  tandem_test_spin (200);
  assert_marks (renderer, "");
  return renderer;
}

static void
test_gutter_marks (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(TandemGitRepository) repository = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *content = NULL;
  TandemGitGutterRenderer *renderer;
  GtkSourceBuffer *buffer;
  GtkWidget *view;
  GtkWindow *window;
  GtkTextIter iter, end;

  for (guint i = 1; i <= 10; i++)
    g_string_append_printf (text, "line %u\n", i);
  repository = make_repository ("gutter", "file.txt", text, &dir);

  /* As the editor holds a file: the last newline is implicit. */
  view = make_view (&window, text->str, text->len - 1);
  buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  gtk_source_view_set_show_line_numbers (GTK_SOURCE_VIEW (view), TRUE);

  renderer = tandem_git_gutter_renderer_attach (GTK_SOURCE_VIEW (view), repository, "file.txt");
  g_assert_true (TANDEM_IS_GIT_GUTTER_RENDERER (renderer));

  /* Same as HEAD: nothing to mark (the implicit newline must not count as a change). */
  tandem_test_spin (200);
  assert_marks (renderer, "");

  /* Typing a new line after line 2. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &iter, 2);
  gtk_text_buffer_insert (GTK_TEXT_BUFFER (buffer), &iter, "new line\n", -1);
  assert_marks (renderer, "2A");

  /* Changing a line ("line 5" is line 5 now). */
  set_line (GTK_TEXT_BUFFER (buffer), 5, "line five");
  assert_marks (renderer, "2A 5C");

  /* Deleting "line 8" (line 8): the mark sits on the line below. */
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &iter, 8);
  gtk_text_buffer_get_iter_at_line (GTK_TEXT_BUFFER (buffer), &end, 9);
  gtk_text_buffer_delete (GTK_TEXT_BUFFER (buffer), &iter, &end);
  assert_marks (renderer, "2A 5C 8D");

  /* Typing character by character keeps up. */
  gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (buffer), &iter);
  for (const char *p = "\nlast"; *p; p++)
    {
      gtk_text_buffer_get_end_iter (GTK_TEXT_BUFFER (buffer), &iter);
      gtk_text_buffer_insert (GTK_TEXT_BUFFER (buffer), &iter, p, 1);
    }
  assert_marks (renderer, "2A 5C 8D 10A");

  tandem_test_spin (200);
  views_screenshot ("gutter");

  /* Committing the text moves HEAD: the marks go away. */
  gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &iter, &end);
  content = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &iter, &end, TRUE);
  {
    g_autofree char *with_newline = g_strconcat (content, "\n", NULL);

    g_object_unref (tandem_test_write_file (dir, "file.txt", with_newline, -1));
  }
  views_git_quiet (dir, "commit", "-qam", "Edits");
  tandem_git_repository_queue_refresh (repository);
  assert_marks (renderer, "");

  gtk_window_destroy (window);
  tandem_test_spin (50);
}

static void
test_gutter_far_apart (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(TandemGitRepository) repository = NULL;
  TandemGitGutterRenderer *renderer;
  GtkTextBuffer *buffer;
  GtkWindow *window;
  GtkTextIter iter, end;

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (text, "row %u\n", i);
  repository = make_repository ("gutter-far", "rows.txt", text, NULL);
  renderer = show_committed (repository, "rows.txt", text, &window, &buffer);

  /* Two edited places 240 lines apart: the middle between them goes to a worker. */
  set_line (buffer, 10, "row ten");
  set_line (buffer, 250, "row two hundred fifty");
  assert_marks (renderer, "10C 250C");

  /* Removing "row 260": the mark lands on the line below it. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 260);
  gtk_text_buffer_get_iter_at_line (buffer, &end, 261);
  gtk_text_buffer_delete (buffer, &iter, &end);
  assert_marks (renderer, "10C 250C 260D");

  /* A paste of several lines in the middle, then undoing everything by hand. */
  gtk_text_buffer_get_iter_at_line (buffer, &iter, 100);
  gtk_text_buffer_insert (buffer, &iter, "pasted 1\npasted 2\npasted 3\n", -1);
  assert_marks (renderer, "10C 100A 101A 102A 253C 263D");
  gtk_text_buffer_set_text (buffer, text->str, text->len - 1);
  assert_marks (renderer, "");

  gtk_window_destroy (window);
  tandem_test_spin (50);
}

static char *
expected_marks (GString       *head,
                GtkTextBuffer *buffer)
{
  g_autoptr(GBytes) bytes = g_bytes_new (head->str, head->len);
  g_autoptr(GArray) marks = NULL;
  g_autofree char *text = NULL;
  g_autofree char *file = NULL;
  GtkTextIter begin, end;

  gtk_text_buffer_get_bounds (buffer, &begin, &end);
  text = gtk_text_buffer_get_text (buffer, &begin, &end, TRUE);
  file = g_strconcat (text, "\n", NULL);
  marks = tandem_git_line_marks_compute (bytes, file, strlen (file));
  return format_marks (marks);
}

/* Random edits, checked after each against a diff of the whole text: the renderer only
 * looks at what changed, and diffs it its own way or in a worker, and must still agree.
 * Every line is unique, so there is only one right answer. */
static void
test_gutter_random_edits (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(TandemGitRepository) repository = NULL;
  TandemGitGutterRenderer *renderer;
  GtkTextBuffer *buffer;
  GtkWindow *window;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (text, "original %u\n", i);
  repository = make_repository ("gutter-random", "random.txt", text, NULL);
  renderer = show_committed (repository, "random.txt", text, &window, &buffer);

  for (guint step = 0; step < 150; step++)
    {
      int n_lines = gtk_text_buffer_get_line_count (buffer);
      int line = g_test_rand_int_range (0, n_lines);
      int burst = g_test_rand_int_range (1, step % 10 == 9 ? 40 : 3);
      g_autofree char *expected = NULL;

      /* Now and then many edits at once, so that the diff is too big for the main thread. */
      for (int b = 0; b < burst; b++)
        {
          g_autofree char *fresh = g_strdup_printf ("edit %u.%d", step, b);
          GtkTextIter begin, end;

          n_lines = gtk_text_buffer_get_line_count (buffer);
          line = (line + g_test_rand_int_range (1, 30)) % n_lines;
          switch (g_test_rand_int_range (0, 5))
            {
            case 4:  /* delete from inside a line to inside one further down */
              if (line + 3 >= n_lines)
                break;
              gtk_text_buffer_get_iter_at_line_offset (buffer, &begin, line, 1);
              gtk_text_buffer_get_iter_at_line_offset (buffer, &end, line + g_test_rand_int_range (1, 3), 2);
              gtk_text_buffer_delete (buffer, &begin, &end);
              break;
            case 0:  /* insert a line */
              gtk_text_buffer_get_iter_at_line (buffer, &begin, line);
              gtk_text_buffer_insert (buffer, &begin, fresh, -1);
              gtk_text_buffer_insert (buffer, &begin, "\n", -1);
              break;
            case 1:  /* delete a line */
              if (n_lines < 3)
                break;
              gtk_text_buffer_get_iter_at_line (buffer, &begin, MIN (line, n_lines - 2));
              gtk_text_buffer_get_iter_at_line (buffer, &end, MIN (line, n_lines - 2) + 1);
              gtk_text_buffer_delete (buffer, &begin, &end);
              break;
            case 2:  /* retype a line */
              set_line (buffer, line, fresh);
              break;
            default: /* type in a line, one character at a time */
              for (const char *p = "xyz"; *p; p++)
                {
                  gtk_text_buffer_get_iter_at_line (buffer, &begin, line);
                  gtk_text_iter_forward_to_line_end (&begin);
                  gtk_text_buffer_insert (buffer, &begin, p, 1);
                }
              break;
            }
        }

      expected = expected_marks (text, buffer);
      assert_marks (renderer, expected);
    }

  gtk_window_destroy (window);
  tandem_test_spin (50);
}

static void
test_gutter_untracked (void)
{
  g_autoptr(TandemGitRepository) repository = make_repository ("gutter-new", NULL, NULL, NULL);
  TandemGitGutterRenderer *renderer;
  GtkWidget *view;
  GtkWindow *window;

  /* A file HEAD does not have (here HEAD is unborn): every line is new. */
  view = make_view (&window, "a\nb", -1);

  renderer = tandem_git_gutter_renderer_attach (GTK_SOURCE_VIEW (view), repository, "new.txt");
  assert_marks (renderer, "0A 1A");

  gtk_window_destroy (window);
  tandem_test_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  tandem_test_init_gtk (&argc, &argv);

  g_test_add_func ("/git-gutter/marks", test_gutter_marks);
  g_test_add_func ("/git-gutter/far-apart", test_gutter_far_apart);
  g_test_add_func ("/git-gutter/random-edits", test_gutter_random_edits);
  g_test_add_func ("/git-gutter/untracked", test_gutter_untracked);

  return g_test_run ();
}
